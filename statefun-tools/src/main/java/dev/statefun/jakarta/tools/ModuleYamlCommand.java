package dev.statefun.jakarta.tools;

import dev.statefun.jakarta.TypeName;
import dev.statefun.jakarta.cdi.FunctionDescriptor;
import dev.statefun.jakarta.cdi.StatefulFunctionRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * Prints the module YAML that tells the StateFun runtime where the application's functions are: boots the
 * application's beans (Weld SE, discovery by {@code META-INF/beans.xml} as on the embedded server), asks the
 * registry which functions it serves, and writes an endpoint per function namespace ({@code namespace/*}), or per
 * function type with {@code --exact-types}.
 *
 * <pre>
 * module-yaml [--url URL] [--timeout call|connect=DURATION]... [--exact-types] [--append FILE] [--output FILE]
 * </pre>
 *
 * {@code --url} defaults to the embedded server's {@code http://127.0.0.1:8000/statefun}; timeouts are those StateFun
 * 3.3's async transport reads, {@code call} and {@code connect}, e.g. {@code call=1m} ({@code read} and {@code write}
 * are refused: that transport ignores them); {@code --exact-types} names each function type instead of its namespace,
 * for a namespace whose other functions are served elsewhere; {@code --append} adds a file of further documents
 * (ingresses, egresses) after the endpoints.
 */
public final class ModuleYamlCommand {
  static final String USAGE = "usage: module-yaml [--url URL] [--timeout call|connect=DURATION]... [--exact-types]"
      + " [--append FILE] [--output FILE]";
  static final String HEADER = "# Where the StateFun runtime finds this application's functions: generated from the\n"
      + "# functions it serves by dev.statefun.jakarta.tools.ModuleYamlCommand (regenerate, don't edit).\n";
  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

  private ModuleYamlCommand() {}

  /**
   * Runs the command and exits with its status.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    System.exit(run(args, servedFunctionTypes(), System.out, System.err));
  }

  /**
   * The function types this class path serves: boots its beans in Weld SE (discovery by {@code META-INF/beans.xml}),
   * asks the registry, and shuts the container down. A test that compares a committed module file with
   * {@link #render} uses it to see what the command would see.
   *
   * @return the function types, as the registry lists them
   */
  public static List<TypeName> servedFunctionTypes() {
    try (WeldContainer container = new Weld().initialize()) {
      return container.select(StatefulFunctionRegistry.class).get().functions().stream()
          .map(FunctionDescriptor::typeName).toList();
    }
  }

  /** Runs the command for these function types; returns the exit status. */
  static int run(String[] args, List<TypeName> functionTypes, PrintStream out, PrintStream err) {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("module-yaml: " + e.getMessage());
      err.println(USAGE);
      return 2;
    }
    try {
      String yaml = render(options.definition(), functionTypes, options.append());
      if (options.output().isPresent()) {
        Files.writeString(options.output().get(), yaml, StandardCharsets.UTF_8);
      } else {
        out.print(yaml);
      }
      return 0;
    } catch (IOException | IllegalArgumentException e) {
      err.println("module-yaml: " + e.getMessage());
      return 1;
    }
  }

  /**
   * The whole module file: the header, the endpoints, then the appended documents if any.
   *
   * @param definition the endpoint's URL and timeouts
   * @param functionTypes the functions served
   * @param append a file of further YAML documents
   * @return the file's text
   * @throws IOException if {@code append} cannot be read
   */
  public static String render(EndpointDefinition definition, List<TypeName> functionTypes, Optional<Path> append)
      throws IOException {
    StringBuilder yaml = new StringBuilder(HEADER).append(definition.toYaml(functionTypes));
    if (append.isPresent()) {
      yaml.append("---\n").append(Files.readString(append.get(), StandardCharsets.UTF_8));
    }
    return yaml.toString();
  }

  record Options(EndpointDefinition definition, Optional<Path> append, Optional<Path> output) {
    static Options parse(String[] args) {
      URI url = URI.create("http://127.0.0.1:8000/statefun");
      Map<String, Duration> timeouts = new LinkedHashMap<>();
      Optional<Path> append = Optional.empty();
      Optional<Path> output = Optional.empty();
      EndpointDefinition.Match match = EndpointDefinition.Match.NAMESPACES;
      for (int i = 0; i < args.length; i++) {
        String option = args[i];
        if (option.equals("--exact-types")) {
          match = EndpointDefinition.Match.EXACT_TYPES;
          continue;
        }
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(option.startsWith("--") ? option + " needs a value" : "unexpected " + option);
        }
        String value = args[++i];
        switch (option) {
          case "--url" -> url = URI.create(value);
          case "--timeout" -> {
            int eq = value.indexOf('=');
            if (eq <= 0) {
              throw new IllegalArgumentException("--timeout needs NAME=DURATION, e.g. call=1m, not '" + value + "'");
            }
            timeouts.put(value.substring(0, eq), duration(value.substring(eq + 1)));
          }
          case "--append" -> append = Optional.of(Path.of(value));
          case "--output" -> output = Optional.of(Path.of(value));
          default -> throw new IllegalArgumentException("unknown option " + option);
        }
      }
      return new Options(new EndpointDefinition(url, timeouts, match), append, output);
    }

    static Duration duration(String text) {
      Matcher m = DURATION.matcher(text);
      if (!m.matches()) {
        throw new IllegalArgumentException("'" + text + "' is no duration; write e.g. 500ms, 5s, 1m or 1h");
      }
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        default -> Duration.ofHours(n);
      };
    }
  }
}

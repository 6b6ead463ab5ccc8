package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.statefun.jakarta.tools.EndpointDefinition;
import dev.statefun.jakarta.tools.ModuleYamlCommand;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The committed src/main/resources/module.yaml is what the module-yaml command makes of the functions this
 * application serves: add a function of a new namespace and this test fails until you regenerate it with
 * {@code mvn -B -Pmodule-yaml process-test-classes}.
 */
class ModuleYamlTest {
  /** The module-yaml profile's arguments (pom.xml), as the command reads them. */
  static final EndpointDefinition ENDPOINT = new EndpointDefinition(URI.create("http://127.0.0.1:8000/statefun"),
      Map.of("call", Duration.ofMinutes(1), "connect", Duration.ofSeconds(5)));

  @Test
  void theCommittedModuleYamlIsTheGeneratedOne() throws Exception {
    String generated = ModuleYamlCommand.render(ENDPOINT, ModuleYamlCommand.servedFunctionTypes(), Optional.empty());
    assertEquals(generated, Files.readString(Path.of("src/main/resources/module.yaml"), StandardCharsets.UTF_8),
        "src/main/resources/module.yaml is stale: regenerate it with mvn -B -Pmodule-yaml process-test-classes");
  }
}

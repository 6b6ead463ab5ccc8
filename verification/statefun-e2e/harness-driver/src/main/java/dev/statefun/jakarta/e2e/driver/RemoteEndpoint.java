package dev.statefun.jakarta.e2e.driver;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * An {@code io.statefun.endpoints.v2/http} endpoint definition for the module YAML.
 *
 * @param functions the function types it serves, e.g. {@code com.example.fns/*}
 * @param url the endpoint URL (may contain {@code {function.name}})
 * @param callTimeout how long the runtime retries one call before the job fails
 */
public record RemoteEndpoint(String functions, URI url, Duration callTimeout) {
  public RemoteEndpoint {
    Objects.requireNonNull(functions, "functions");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(callTimeout, "callTimeout");
    if (functions.indexOf('/') <= 0) {
      throw new IllegalArgumentException("functions must be namespace/name or namespace/*: " + functions);
    }
    if (callTimeout.isNegative() || callTimeout.isZero()) {
      throw new IllegalArgumentException("callTimeout must be positive: " + callTimeout);
    }
  }

  public RemoteEndpoint(String functions, URI url) {
    this(functions, url, Duration.ofSeconds(30));
  }

  /** The YAML document; its last block is the transport's, so transport keys can be appended to it. */
  public String toYaml() {
    return "kind: io.statefun.endpoints.v2/http\n"
        + "spec:\n"
        + "  functions: " + functions + "\n"
        + "  urlPathTemplate: " + url + "\n"
        + "  transport:\n"
        + "    type: io.statefun.transports.v1/async\n"
        + "    timeouts:\n"
        + "      call: " + callTimeout.toMillis() + "ms\n"
        + "      connect: 5s\n";
  }
}

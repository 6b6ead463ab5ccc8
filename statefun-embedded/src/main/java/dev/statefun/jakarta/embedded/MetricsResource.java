package dev.statefun.jakarta.embedded;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * The metrics in Prometheus' text exposition format, written by whatever registry the server uses.
 * No class-level path, as {@link HealthResource}.
 */
public final class MetricsResource {
  /** Prometheus' text format, version 0.0.4. */
  public static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";

  /** Writes the current metrics. */
  @FunctionalInterface
  public interface Scrape {
    void writeTo(OutputStream out) throws IOException;
  }

  private final Scrape scrape;

  public MetricsResource(Scrape scrape) {
    this.scrape = Objects.requireNonNull(scrape, "scrape");
  }

  @GET
  public Response metrics() {
    StreamingOutput body = scrape::writeTo;
    return Response.ok(body, TEXT_FORMAT).build();
  }
}

package dev.statefun.jakarta.embedded;

import dev.statefun.jakarta.handler.ServingState;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * {@code live} and {@code ready} in MicroProfile Health's JSON shape (200 UP, 503 DOWN), for an
 * endpoint without a MicroProfile Health implementation (the embedded server). Ready only while
 * {@link ServingState#SERVING}; live whenever it answers. No class-level path: whoever serves it
 * places it (e.g. under {@code /health}), and a WAR's resource scanning never picks it up.
 */
public final class HealthResource {
  /** The one check both reports carry. */
  public static final String CHECK = "statefun";

  private final Supplier<ServingState> state;

  public HealthResource(Supplier<ServingState> state) {
    this.state = Objects.requireNonNull(state, "state");
  }

  @GET
  @Path("live")
  public Response live() {
    return report(true, state.get());
  }

  @GET
  @Path("ready")
  public Response ready() {
    ServingState now = state.get();
    return report(now == ServingState.SERVING, now);
  }

  private static Response report(boolean up, ServingState state) {
    String status = up ? "UP" : "DOWN";
    // Fixed names and an enum constant: nothing here needs JSON escaping.
    String json = "{\"status\":\"" + status + "\",\"checks\":[{\"name\":\"" + CHECK + "\",\"status\":\"" + status
        + "\",\"data\":{\"state\":\"" + state.name() + "\"}}]}";
    return Response.status(up ? 200 : 503).type("application/json").entity(json).build();
  }
}

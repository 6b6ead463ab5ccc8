package dev.statefun.jakarta.example.observed;

import dev.statefun.jakarta.cdi.StatefulFunctionRegistry;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** What the observability suite asks the deployment (added to the WAR by the test only). */
@Path("observed")
@RequestScoped
public class ObservedControl {
  @Inject
  StatefulFunctionRegistry registry;

  /** The readiness check's answer as the application started, e.g. {@code DOWN STARTING}. */
  @GET
  @Path("early-readiness")
  @Produces(MediaType.TEXT_PLAIN)
  public String earlyReadiness() {
    return EarlyReadiness.beforeRegistration;
  }

  /** Begins draining, as a shutdown would: readiness turns DOWN. */
  @POST
  @Path("drain")
  @Produces(MediaType.TEXT_PLAIN)
  public String drain() {
    registry.drain();
    return registry.state().name();
  }
}

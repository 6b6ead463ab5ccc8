package dev.statefun.jakarta.example.undeploy;

import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.health.HealthCheck;

/** The readiness check's answer while deployed, asked the same way (added to a WAR by UndeployReadinessIT only). */
@Path("undeploy/readiness")
@RequestScoped
public class ReadinessNow {
  @Inject
  @Any
  Instance<HealthCheck> checks;

  @GET
  @Produces(MediaType.TEXT_PLAIN)
  public String readiness() {
    return UndeployReadiness.readiness(checks);
  }
}

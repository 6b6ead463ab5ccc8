package dev.statefun.jakarta.embedded;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.function.Supplier;
import org.glassfish.jersey.process.Inflector;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.model.Resource;

/**
 * Places the health and metrics resources in a Jersey application at paths chosen at run time (they
 * carry no class-level path, and their instances are made by the server, not by Jersey).
 */
public final class JerseyOperations {
  private JerseyOperations() {}

  /** {@code <path>/live} and {@code <path>/ready}. */
  public static ResourceConfig addHealth(ResourceConfig application, String path, HealthResource health) {
    Resource.Builder root = Resource.builder(path);
    get(root.addChildResource("live"), MediaType.APPLICATION_JSON, health::live);
    get(root.addChildResource("ready"), MediaType.APPLICATION_JSON, health::ready);
    return application.registerResources(root.build());
  }

  /** {@code <path>} answering GET with the Prometheus text format. */
  public static ResourceConfig addMetrics(ResourceConfig application, String path, MetricsResource metrics) {
    Resource.Builder root = Resource.builder(path);
    get(root, MetricsResource.TEXT_FORMAT, metrics::metrics);
    return application.registerResources(root.build());
  }

  private static void get(Resource.Builder resource, String type, Supplier<Response> answer) {
    // A class, not a lambda: Jersey reads the handler's type arguments and warns about a lambda's.
    resource.addMethod("GET").produces(MediaType.valueOf(type))
        .handledBy(new Inflector<ContainerRequestContext, Response>() {
          @Override
          public Response apply(ContainerRequestContext request) {
            return answer.get();
          }
        });
  }
}

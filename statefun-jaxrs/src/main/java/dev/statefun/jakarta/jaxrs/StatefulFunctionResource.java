package dev.statefun.jakarta.jaxrs;

import dev.statefun.jakarta.handler.RequestReplyHandler;
import dev.statefun.jakarta.http.EndpointLimits;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Path;

/**
 * The StateFun endpoint at {@code <application path>/statefun}.
 *
 * <ul>
 *   <li>With CDI (a WAR, or the embedded server): a bean that gets the application's
 *       {@link RequestReplyHandler} injected (statefun-cdi produces one serving every
 *       {@code @StatefulFunction} bean). Nothing to register: the server discovers it.
 *   <li>Without CDI: register {@code new StatefulFunctionResource(handler)} as a singleton of your
 *       JAX-RS application, e.g. {@code handler = registry.handler()}.
 * </ul>
 *
 * Limits ({@value EndpointLimits#MAX_BODY_BYTES}, {@value EndpointLimits#MAX_BATCH_SIZE}) come from the
 * constructor, or else from the server's MicroProfile Config, or else from the JAX-RS application's
 * properties, or else the defaults.
 */
@Path("statefun")
@ApplicationScoped
public class StatefulFunctionResource extends StatefulFunctionEndpoint {

  /**
   * For CDI's client proxy. Public because RESTEasy (WildFly) refuses a resource class without a
   * public constructor even when CDI creates it. An instance made with it by a server that does not
   * use CDI has no handler and answers 500 saying so.
   */
  public StatefulFunctionResource() {}

  @Inject
  public StatefulFunctionResource(RequestReplyHandler handler) {
    super(handler);
  }

  public StatefulFunctionResource(RequestReplyHandler handler, EndpointLimits limits) {
    super(handler, limits);
  }
}

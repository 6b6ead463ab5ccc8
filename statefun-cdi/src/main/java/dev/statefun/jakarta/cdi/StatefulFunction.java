package dev.statefun.jakarta.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Stereotype;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a class a StateFun remote function of the given type ({@code namespace/name}), served by
 * every endpoint of the application.
 *
 * <pre>{@code
 * @StatefulFunction("com.example.fns/greeter")
 * public class Greeter implements RemoteFunction {
 *   static final ValueSpec<Integer> SEEN = ValueSpec.of("seen", Types.INT);
 *
 *   @Inject GreetingFormatter formatter;
 *
 *   public void invoke(Context context, Message message) { ... }
 * }
 * }</pre>
 *
 * <ul>
 *   <li>The class implements exactly one of {@link dev.statefun.jakarta.RemoteFunction} and
 *       {@link dev.statefun.jakarta.AsyncRemoteFunction}.
 *   <li>Its state is every {@code static final ValueSpec} field declared in the class itself (not in
 *       superclasses), in declaration order.
 *   <li>The annotation is a stereotype, so it makes the class a bean even in an archive with
 *       {@code bean-discovery-mode="annotated"}. The default scope is {@code @ApplicationScoped}:
 *       one instance serves every invocation, concurrently, so keep it thread-safe. Declare
 *       {@code @Dependent} to get a new instance per invocation, destroyed when that invocation
 *       (its stage, for an async function) completes. Other scopes are honoured as CDI defines them.
 * </ul>
 *
 * Mistakes (an invalid or duplicate type name, a class that is no function, bad state fields) fail
 * the deployment with a message naming the class.
 */
@Stereotype
@ApplicationScoped
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface StatefulFunction {
  /** The function type, {@code namespace/name}, e.g. {@code com.example.fns/greeter}. */
  String value();
}

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
 *   <li>The class is a concrete top-level or static nested class with a no-argument or
 *       {@code @Inject} constructor, and implements {@link dev.statefun.jakarta.RemoteFunction}
 *       (sync) or {@link dev.statefun.jakarta.AsyncRemoteFunction} (async).
 *   <li>Its state is every {@code static final ValueSpec} field declared in the class itself (not in
 *       superclasses), with names unique within the class.
 *   <li>The annotation is a stereotype, so it makes the class a bean even in an archive with
 *       {@code bean-discovery-mode="annotated"}. The default scope is {@code @ApplicationScoped}:
 *       one instance serves every invocation, concurrently, so keep it thread-safe. Declare
 *       {@code @Dependent} to get a new instance per invocation (per message, not per batch),
 *       destroyed when that invocation returns or, for an async function, when its stage completes,
 *       failures included. Other scopes are honoured as CDI defines them: a {@code @RequestScoped}
 *       function is the instance of the request active on the invoking thread.
 *   <li>A class that is vetoed, or a disabled {@code @Alternative}, is not served.
 * </ul>
 *
 * Mistakes (an invalid or duplicate type name, a class that is no function or cannot be a bean, bad
 * state fields) fail the deployment with one problem per mistake, naming the class and the fix.
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

package dev.statefun.jakarta.cdi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a CDI bean as a StateFun remote function of the given type ({@code namespace/name}). The
 * class implements {@link dev.statefun.jakarta.RemoteFunction} or
 * {@link dev.statefun.jakarta.AsyncRemoteFunction}; its state is declared as {@code static final
 * ValueSpec} fields.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface StatefulFunction {
  /** The function type, {@code namespace/name}, e.g. {@code com.example.fns/greeter}. */
  String value();
}

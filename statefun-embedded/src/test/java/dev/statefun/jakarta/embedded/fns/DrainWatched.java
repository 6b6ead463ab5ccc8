package dev.statefun.jakarta.embedded.fns;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Binds {@link DrainInterceptor}; {@link DrainSignal} puts it on the registry's {@code drain()}. */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface DrainWatched {
  /** The annotation, for {@link DrainSignal}. */
  final class Literal extends AnnotationLiteral<DrainWatched> implements DrainWatched {
    static final Literal INSTANCE = new Literal();
  }
}

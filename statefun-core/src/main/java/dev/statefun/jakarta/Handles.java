package dev.statefun.jakarta;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a {@link TypedRemoteFunction} that handles the messages of one type: it takes
 * {@code (Context, T)} and returns {@code void}. The message's {@link dev.statefun.jakarta.types.Type}
 * is found, in this order:
 *
 * <ol>
 *   <li>the {@code static final Type<?>} field of the class named by {@link #type()}, if given;
 *   <li>for {@code Boolean}, {@code Integer}, {@code Long}, {@code Float}, {@code Double} and
 *       {@code String} (or their primitives), the cross-language type in
 *       {@link dev.statefun.jakarta.types.Types};
 *   <li>otherwise the one {@code static final Type<T>} field of the class for that {@code T}.
 * </ol>
 *
 * <p>Two methods for one type, a method of another shape, or a {@code T} without a type fail the
 * deployment (or {@link dev.statefun.jakarta.function.FunctionClass#inspect}) with a message naming
 * the method.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Handles {
  /** The name of a {@code static final Type<T>} field of the class; empty to find it by {@code T}. */
  String type() default "";
}

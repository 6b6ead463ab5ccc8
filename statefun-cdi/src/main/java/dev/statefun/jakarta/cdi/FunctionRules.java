package dev.statefun.jakarta.cdi;

import dev.statefun.jakarta.AsyncRemoteFunction;
import dev.statefun.jakarta.RemoteFunction;
import dev.statefun.jakarta.TypeName;
import dev.statefun.jakarta.function.FunctionClass;
import jakarta.inject.Inject;
import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The checks of one {@code @StatefulFunction} class that the portable and the build-compatible
 * extension share: {@link FunctionClass}'s rules in CDI's words, and function types unique in the
 * application. What depends on the container's bean (its types) stays with each extension.
 */
final class FunctionRules {
  static final String PREFIX = "@StatefulFunction class ";
  /** The constructors CDI calls besides a no-argument one. */
  static final Predicate<Constructor<?>> INJECTABLE = FunctionClass.annotatedWith(Inject.class);

  private FunctionRules() {}

  /** Why the class cannot be a bean at all: a mistake, unlike a bean that was excluded on purpose. */
  static Optional<String> whyNotABean(Class<?> type) {
    return FunctionClass.whyNotInstantiable(type, INJECTABLE);
  }

  /**
   * Inspects the class, adding one problem per broken rule; {@code byType} collects the function
   * types seen so far, so that a duplicate names the other class.
   */
  static FunctionClass check(Class<?> type, String declaredType, Map<TypeName, Class<?>> byType,
      List<String> problems) {
    FunctionClass function = FunctionClass.inspect(type, StatefulFunction.class, declaredType, INJECTABLE);
    for (FunctionClass.Problem problem : function.problems()) {
      problems.add(problem.aspect() == FunctionClass.Aspect.INSTANTIATION
          ? "it cannot be a CDI bean: " + problem.message() : problem.message());
    }
    function.typeName().ifPresent(typeName -> {
      Class<?> other = byType.putIfAbsent(typeName, type);
      if (other != null) {
        problems.add("its function type " + typeName + " is also declared by " + other.getName()
            + "; function types must be unique in an application: rename one of them");
      }
    });
    return function;
  }

  /** The interface the registry calls the bean through. */
  static Class<?> functionInterface(FunctionClass function) {
    return function.async() ? AsyncRemoteFunction.class : RemoteFunction.class;
  }

  /** The descriptor of a valid function class whose bean has the given scope. */
  static FunctionDescriptor describe(FunctionClass function, Class<? extends Annotation> scope) {
    return new FunctionDescriptor(function.typeName().orElseThrow(), function.type(), scope, function.async(),
        function.valueSpecs());
  }
}

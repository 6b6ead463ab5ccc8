package dev.statefun.jakarta.cdi;

import dev.statefun.jakarta.AsyncRemoteFunction;
import dev.statefun.jakarta.RemoteFunction;
import dev.statefun.jakarta.TypeName;
import dev.statefun.jakarta.ValueSpec;
import jakarta.inject.Inject;
import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a {@code @StatefulFunction} class must be, checked the same way by the portable extension
 * and the build-compatible one, with the same messages: its function type, its interface, its
 * {@code static final ValueSpec} fields, and whether it can be a bean at all.
 *
 * @param type the class
 * @param typeName its function type, null if the declared one is invalid
 * @param async whether it implements {@link AsyncRemoteFunction}
 * @param valueSpecs its state, in declaration order
 */
record FunctionClass(Class<?> type, TypeName typeName, boolean async, List<ValueSpec<?>> valueSpecs) {
  static final String PREFIX = "@StatefulFunction class ";

  /**
   * Checks everything but the bean itself, adding one problem per mistake; {@code byType} collects
   * the function types seen so far, so that a duplicate names the other class.
   */
  static FunctionClass check(
      Class<?> type, String declaredType, Map<TypeName, Class<?>> byType, List<String> problems) {
    TypeName typeName = null;
    try {
      typeName = TypeName.parse(declaredType);
    } catch (IllegalArgumentException e) {
      problems.add("@StatefulFunction(\"" + declaredType + "\") is not a valid function type (" + e.getMessage()
          + "); write it as namespace/name, e.g. @StatefulFunction(\"com.example.fns/greeter\")");
    }
    if (typeName != null) {
      Class<?> other = byType.putIfAbsent(typeName, type);
      if (other != null) {
        problems.add("its function type " + typeName + " is also declared by " + other.getName()
            + "; function types must be unique in an application: rename one of them");
      }
    }

    boolean sync = RemoteFunction.class.isAssignableFrom(type);
    boolean async = AsyncRemoteFunction.class.isAssignableFrom(type);
    // Both at once cannot compile: the two invoke methods differ only in their return type.
    if (!sync && !async) {
      problems.add("it is not a function: implement dev.statefun.jakarta.RemoteFunction (sync) or"
          + " dev.statefun.jakarta.AsyncRemoteFunction (async)");
    }
    return new FunctionClass(type, typeName, async, valueSpecs(type, problems));
  }

  /** The interface the registry calls the bean through. */
  Class<?> functionInterface() {
    return async ? AsyncRemoteFunction.class : RemoteFunction.class;
  }

  /** The descriptor of a valid function class whose bean has the given scope. */
  FunctionDescriptor describe(Class<? extends Annotation> scope) {
    return new FunctionDescriptor(typeName, type, scope, async, valueSpecs);
  }

  /** Reads the class's {@code static final ValueSpec} fields, reporting every bad one. */
  static List<ValueSpec<?>> valueSpecs(Class<?> type, List<String> problems) {
    List<ValueSpec<?>> specs = new ArrayList<>();
    Map<String, String> fieldsByStateName = new HashMap<>();
    Field[] fields;
    try {
      fields = type.getDeclaredFields();
    } catch (LinkageError e) {
      problems.add("its fields cannot be read (" + e + "); check that its dependencies are deployed");
      return specs;
    }
    List<Field> readable = new ArrayList<>();
    for (Field field : fields) {
      if (!ValueSpec.class.isAssignableFrom(field.getType())) {
        continue;
      }
      int modifiers = field.getModifiers();
      if (!Modifier.isStatic(modifiers) || !Modifier.isFinal(modifiers)) {
        String missing = !Modifier.isStatic(modifiers) && !Modifier.isFinal(modifiers) ? "static final"
            : !Modifier.isStatic(modifiers) ? "static" : "final";
        problems.add("its ValueSpec field '" + field.getName() + "' is not " + missing + "; state is declared once"
            + " per function type, so declare it 'static final ValueSpec<...> " + field.getName()
            + " = ValueSpec.of(...)'");
        continue;
      }
      readable.add(field);
    }
    for (Field field : readable) {
      Object value;
      try {
        field.setAccessible(true);
        value = field.get(null); // initialises the class: a bad ValueSpec throws here
      } catch (ExceptionInInitializerError e) {
        // The failing initializer may belong to any static field, not necessarily this one.
        problems.add("its static initializer failed: " + e.getCause() + "; fix the ValueSpec (or other static"
            + " field) declaration it names");
        return specs;
      } catch (NoClassDefFoundError e) {
        problems.add("it could not be initialised (" + e + (e.getCause() == null ? "" : ", caused by " + e.getCause())
            + "); its static initializer failed earlier: fix the ValueSpec (or other static field) declaration");
        return specs;
      } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
        problems.add("its ValueSpec field '" + field.getName() + "' could not be read (" + e
            + "); declare it 'static final ValueSpec<...> " + field.getName() + " = ValueSpec.of(...)'");
        continue;
      }
      if (value == null) {
        problems.add("its ValueSpec field '" + field.getName() + "' is null; assign it ValueSpec.of(name, type)");
        continue;
      }
      ValueSpec<?> spec = (ValueSpec<?>) value;
      String previous = fieldsByStateName.putIfAbsent(spec.name(), field.getName());
      if (previous != null) {
        problems.add("its fields '" + previous + "' and '" + field.getName() + "' both declare the state '"
            + spec.name() + "'; state names must be unique within a function: rename one of them");
        continue;
      }
      specs.add(spec);
    }
    return specs;
  }

  /** Why the class cannot be a managed bean at all, if it cannot. */
  static Optional<String> whyNotABean(Class<?> type) {
    if (type.isInterface()) {
      return Optional.of("it is an interface; annotate a concrete class that implements it instead");
    }
    if (type.isEnum() || type.isRecord()) {
      return Optional.of("it is " + (type.isEnum() ? "an enum" : "a record") + "; make it a class");
    }
    if (Modifier.isAbstract(type.getModifiers())) {
      return Optional.of("it is abstract; annotate a concrete subclass instead, or remove 'abstract'");
    }
    if (type.isLocalClass() || type.isAnonymousClass()) {
      return Optional.of("it is a local class; make it a top-level class or a static nested class");
    }
    if (type.isMemberClass() && !Modifier.isStatic(type.getModifiers())) {
      return Optional.of("it is a non-static inner class; declare it 'static' or make it a top-level class");
    }
    boolean usableConstructor = false;
    for (Constructor<?> constructor : type.getDeclaredConstructors()) {
      if (constructor.getParameterCount() == 0 || constructor.isAnnotationPresent(Inject.class)) {
        usableConstructor = true;
        break;
      }
    }
    if (!usableConstructor) {
      return Optional.of("it has neither a no-argument constructor nor an @Inject constructor; add one of them");
    }
    return Optional.empty();
  }

}

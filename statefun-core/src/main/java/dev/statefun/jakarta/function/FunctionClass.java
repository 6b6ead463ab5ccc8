package dev.statefun.jakarta.function;

import dev.statefun.jakarta.AsyncRemoteFunction;
import dev.statefun.jakarta.FunctionSpec;
import dev.statefun.jakarta.RemoteFunction;
import dev.statefun.jakarta.TypeName;
import dev.statefun.jakarta.ValueSpec;
import dev.statefun.jakarta.types.JsonBindingMissingException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What makes a class a function class, in one place: the rules that the CDI extension, a
 * build-time extension and the test utilities all apply, with the messages they all report.
 *
 * <p>A function class is a concrete, top-level or static nested class that a container can
 * instantiate, that implements {@link RemoteFunction} or {@link AsyncRemoteFunction}, that declares
 * its function type ({@code namespace/name}) in an annotation, and whose state is its
 * {@code static final} {@link ValueSpec} fields, each with a name unique within the class. A
 * {@link dev.statefun.jakarta.TypedRemoteFunction} also needs well-formed
 * {@link dev.statefun.jakarta.Handles} methods, one per message type (see {@link HandlerMethods}).
 *
 * <p>{@link #inspect inspect} checks all of them and reports every broken rule as a {@link Problem}
 * whose message says what is wrong and how to fix it, phrased to follow "{@code <class>: }"; it
 * never throws for a user mistake. Reading the {@code ValueSpec} fields initialises the class.
 *
 * <p>This module has no container APIs, so the caller names the annotation (for the messages) and
 * says which constructors its container can call. Rules that span classes (a function type
 * declared twice) or that depend on the container (a bean's types) stay with the caller.
 */
public final class FunctionClass {

  /** Which rule a problem breaks, so that a caller can word or skip some of them its own way. */
  public enum Aspect {
    /** The class cannot be instantiated by a container (abstract, interface, inner, no constructor). */
    INSTANTIATION,
    /** The function type is missing or not {@code namespace/name}. */
    TYPE_NAME,
    /** The class implements neither function interface. */
    FUNCTION_INTERFACE,
    /** A {@code ValueSpec} field is not static final, null, unreadable, or repeats a state name. */
    STATE,
    /** A {@link dev.statefun.jakarta.Handles} method is malformed, has no type, or shares its type. */
    HANDLER_METHODS
  }

  /**
   * One broken rule.
   *
   * @param aspect which rule
   * @param message what is wrong and the fix, e.g. {@code it is abstract; annotate a concrete subclass
   *     instead, or remove 'abstract'}
   */
  public record Problem(Aspect aspect, String message) {
    public Problem {
      Objects.requireNonNull(aspect, "aspect");
      Objects.requireNonNull(message, "message");
    }
  }

  private final Class<?> type;
  private final String annotation;
  private final String declaredType;
  private final TypeName typeName;
  private final boolean async;
  private final List<ValueSpec<?>> valueSpecs;
  private final List<Problem> problems;

  private FunctionClass(Class<?> type, String annotation, String declaredType, TypeName typeName, boolean async,
      List<ValueSpec<?>> valueSpecs, List<Problem> problems) {
    this.type = type;
    this.annotation = annotation;
    this.declaredType = declaredType;
    this.typeName = typeName;
    this.async = async;
    this.valueSpecs = List.copyOf(valueSpecs);
    this.problems = List.copyOf(problems);
  }

  /**
   * Inspects {@code type}, whose function type {@code declaredType} was read from an annotation.
   *
   * @param type the class
   * @param annotation the annotation that declares function classes, named in messages
   * @param declaredType the annotation's value, {@code namespace/name}; null if the class has none
   * @param injectable the constructors (besides a no-argument one) the container can call, e.g.
   *     {@link #annotatedWith annotatedWith(Inject.class)}
   */
  public static FunctionClass inspect(Class<?> type, Class<? extends Annotation> annotation, String declaredType,
      Predicate<? super Constructor<?>> injectable) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(annotation, "annotation");
    Objects.requireNonNull(injectable, "injectable");
    String annotationName = "@" + annotation.getSimpleName();
    List<Problem> problems = new ArrayList<>();

    whyNotInstantiable(type, injectable)
        .ifPresent(reason -> problems.add(new Problem(Aspect.INSTANTIATION, reason)));

    TypeName typeName = null;
    if (declaredType == null) {
      problems.add(new Problem(Aspect.TYPE_NAME, "it is not annotated " + annotationName
          + "; annotate it " + annotationName + "(\"namespace/name\")"));
    } else {
      try {
        typeName = TypeName.parse(declaredType);
      } catch (IllegalArgumentException e) {
        problems.add(new Problem(Aspect.TYPE_NAME, annotationName + "(\"" + declaredType
            + "\") is not a valid function type (" + e.getMessage() + "); write it as namespace/name, e.g. "
            + annotationName + "(\"com.example.fns/greeter\")"));
      }
    }

    boolean sync = RemoteFunction.class.isAssignableFrom(type);
    boolean async = AsyncRemoteFunction.class.isAssignableFrom(type);
    // Both at once cannot compile: the two invoke methods differ only in their return type.
    if (!sync && !async) {
      problems.add(new Problem(Aspect.FUNCTION_INTERFACE, "it is not a function: implement "
          + RemoteFunction.class.getName() + " (sync) or " + AsyncRemoteFunction.class.getName() + " (async)"));
    }

    List<ValueSpec<?>> specs = new ArrayList<>();
    boolean initialised = readValueSpecs(type, specs, problems);
    if (initialised) {
      // A class whose initialisation failed is reported once, above: its handler types cannot be read.
      HandlerMethods.of(type).problems().forEach(p -> problems.add(new Problem(Aspect.HANDLER_METHODS, p)));
    }
    return new FunctionClass(type, annotationName, declaredType, typeName, async, specs, problems);
  }

  /**
   * Inspects {@code type}, reading its function type from its {@code annotation} (a problem if it
   * has none).
   *
   * @param value reads the function type from the annotation, e.g. {@code StatefulFunction::value}
   */
  public static <A extends Annotation> FunctionClass inspect(Class<?> type, Class<A> annotation,
      Function<? super A, String> value, Predicate<? super Constructor<?>> injectable) {
    Objects.requireNonNull(value, "value");
    A present = Objects.requireNonNull(type, "type").getAnnotation(Objects.requireNonNull(annotation, "annotation"));
    return inspect(type, annotation, present == null ? null : value.apply(present), injectable);
  }

  /**
   * The constructors a container can call: the no-argument one is always included; this predicate
   * adds those annotated with {@code annotation} (e.g. {@code jakarta.inject.Inject}).
   */
  public static Predicate<Constructor<?>> annotatedWith(Class<? extends Annotation> annotation) {
    Objects.requireNonNull(annotation, "annotation");
    return constructor -> constructor.isAnnotationPresent(annotation);
  }

  /** A predicate for containers that call only a no-argument constructor. */
  public static Predicate<Constructor<?>> noArgumentsOnly() {
    return constructor -> false;
  }

  /**
   * Why a container cannot instantiate {@code type}, if it cannot: the {@link Aspect#INSTANTIATION}
   * problem of {@link #inspect}, without initialising the class. A container that excludes classes
   * (a vetoed bean) can tell a mistake from an exclusion with it before inspecting.
   */
  public static Optional<String> whyNotInstantiable(Class<?> type, Predicate<? super Constructor<?>> injectable) {
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
    for (Constructor<?> constructor : type.getDeclaredConstructors()) {
      if (constructor.getParameterCount() == 0 || injectable.test(constructor)) {
        return Optional.empty();
      }
    }
    return Optional.of("it has neither a no-argument constructor nor an @Inject constructor; add one of them");
  }

  /**
   * Reads the class's {@code static final ValueSpec} fields into {@code specs}, reporting every bad
   * one; false if the class could not be initialised (or its fields not even listed).
   */
  /**
   * A class initialisation that failed for want of a dependency rather than for a wrong declaration: the
   * dependency to add. JSON types say so themselves; a class that links against JSON-B without the API present
   * fails with the API's missing class.
   */
  static Optional<String> missingDependency(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof JsonBindingMissingException missing) {
        return Optional.of("its static initializer failed: " + missing.getMessage());
      }
      if (cause instanceof NoClassDefFoundError error && error.getMessage() != null
          && error.getMessage().startsWith("jakarta/json/bind/")) {
        return Optional.of("it needs the JSON-B API, which is not on the class path (" + error.getMessage()
            + " is missing): add the dependencies jakarta.json.bind:jakarta.json.bind-api and org.eclipse:yasson"
            + " (on a Jakarta EE server, the API in provided scope: the server has JSON-B)");
      }
    }
    return Optional.empty();
  }

  private static boolean readValueSpecs(Class<?> type, List<ValueSpec<?>> specs, List<Problem> problems) {
    Field[] fields;
    try {
      fields = type.getDeclaredFields();
    } catch (LinkageError e) {
      problems.add(new Problem(Aspect.STATE,
          "its fields cannot be read (" + e + "); check that its dependencies are deployed"));
      return false;
    }
    List<Field> readable = new ArrayList<>();
    for (Field field : fields) {
      if (!ValueSpec.class.isAssignableFrom(field.getType())) {
        continue;
      }
      int modifiers = field.getModifiers();
      boolean isStatic = Modifier.isStatic(modifiers);
      boolean isFinal = Modifier.isFinal(modifiers);
      if (!isStatic || !isFinal) {
        String missing = !isStatic && !isFinal ? "static final" : !isStatic ? "static" : "final";
        problems.add(new Problem(Aspect.STATE, "its ValueSpec field '" + field.getName() + "' is not " + missing
            + "; state is declared once per function type, so declare it 'static final ValueSpec<...> "
            + field.getName() + " = ValueSpec.of(...)'"));
        continue;
      }
      readable.add(field);
    }
    Map<String, String> fieldsByStateName = new HashMap<>();
    for (Field field : readable) {
      Object value;
      try {
        field.setAccessible(true);
        value = field.get(null); // initialises the class: a bad ValueSpec throws here
      } catch (ExceptionInInitializerError e) {
        // The failing initializer may belong to any static field, not necessarily this one.
        problems.add(new Problem(Aspect.STATE, missingDependency(e).orElseGet(() -> "its static initializer failed: "
            + e.getCause() + "; fix the ValueSpec (or other static field) declaration it names")));
        return false;
      } catch (NoClassDefFoundError e) {
        problems.add(new Problem(Aspect.STATE, missingDependency(e).orElseGet(() -> "it could not be initialised ("
            + e + (e.getCause() == null ? "" : ", caused by " + e.getCause())
            + "); its static initializer failed earlier: fix the ValueSpec (or other static field) declaration")));
        return false;
      } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
        problems.add(new Problem(Aspect.STATE, "its ValueSpec field '" + field.getName() + "' could not be read ("
            + e + "); declare it 'static final ValueSpec<...> " + field.getName() + " = ValueSpec.of(...)'"));
        continue;
      }
      if (value == null) {
        problems.add(new Problem(Aspect.STATE,
            "its ValueSpec field '" + field.getName() + "' is null; assign it ValueSpec.of(name, type)"));
        continue;
      }
      ValueSpec<?> spec = (ValueSpec<?>) value;
      String previous = fieldsByStateName.putIfAbsent(spec.name(), field.getName());
      if (previous != null) {
        problems.add(new Problem(Aspect.STATE, "its fields '" + previous + "' and '" + field.getName()
            + "' both declare the state '" + spec.name()
            + "'; state names must be unique within a function: rename one of them"));
        continue;
      }
      specs.add(spec);
    }
    return true;
  }

  /** The class inspected. */
  public Class<?> type() {
    return type;
  }

  /** The function type as declared, if the class declares one (valid or not). */
  public Optional<String> declaredType() {
    return Optional.ofNullable(declaredType);
  }

  /** The function type, if the declared one is valid. */
  public Optional<TypeName> typeName() {
    return Optional.ofNullable(typeName);
  }

  /** Whether the class implements {@link AsyncRemoteFunction} (otherwise {@link RemoteFunction}, if valid). */
  public boolean async() {
    return async;
  }

  /** The state the class declares, in declaration order; the good fields only, if some are bad. */
  public List<ValueSpec<?>> valueSpecs() {
    return valueSpecs;
  }

  /** Every broken rule, in the order: instantiation, type name, function interface, state, handler methods. */
  public List<Problem> problems() {
    return problems;
  }

  /** Whether no rule is broken. */
  public boolean isValid() {
    return problems.isEmpty();
  }

  /**
   * One message per problem, each "{@code <annotation> class <name>: <problem>}": for an
   * exception or a log line.
   */
  public List<String> messages() {
    return problems.stream().map(p -> annotation + " class " + type.getName() + ": " + p.message()).toList();
  }

  /**
   * The spec that serves this class through {@code function}, an instance of it (or a proxy of one).
   *
   * @throws IllegalStateException if a rule is broken, with every problem in the message
   * @throws IllegalArgumentException if {@code function} does not implement this class's interface
   */
  public FunctionSpec toSpec(Object function) {
    if (!isValid()) {
      throw new IllegalStateException(String.join("\n", messages()));
    }
    FunctionSpec.Builder spec = FunctionSpec.builder(typeName).withValueSpecs(valueSpecs);
    if (async && function instanceof AsyncRemoteFunction asyncFunction) {
      return spec.withAsyncFunction(asyncFunction).build();
    }
    if (!async && function instanceof RemoteFunction syncFunction) {
      return spec.withFunction(syncFunction).build();
    }
    throw new IllegalArgumentException(function + " is no " + (async ? AsyncRemoteFunction.class.getName()
        : RemoteFunction.class.getName()) + ", as " + type.getName() + " is");
  }

  @Override
  public String toString() {
    return "FunctionClass{" + type.getName() + " as " + declaredType + (isValid() ? "" : ", " + problems) + "}";
  }
}

package dev.statefun.jakarta.cdi;

import dev.statefun.jakarta.AsyncRemoteFunction;
import dev.statefun.jakarta.RemoteFunction;
import dev.statefun.jakarta.TypeName;
import dev.statefun.jakarta.ValueSpec;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.ProcessManagedBean;
import jakarta.enterprise.inject.spi.WithAnnotations;
import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the {@link StatefulFunction} beans of a deployment. Annotated classes are collected as they
 * are discovered, their beans as the container creates them, and everything is validated once the
 * deployment is known, so that one failed deployment reports every mistake at once: each as its own
 * deployment problem that names the class and says how to fix it.
 */
public class StatefulFunctionExtension implements Extension {
  private static final System.Logger LOG = System.getLogger(StatefulFunctionExtension.class.getName());
  private static final String PREFIX = "@StatefulFunction class ";

  // Weld may fire the discovery events from several threads (concurrent deployment).
  private final Map<Class<?>, String> annotatedClasses = new ConcurrentHashMap<>();
  private final Map<Class<?>, Bean<?>> beans = new ConcurrentHashMap<>();
  private final Map<Class<?>, Class<?>> unannotatedFunctionBeans = new ConcurrentHashMap<>();
  private volatile List<FoundFunction> functions = List.of();

  /** A validated function bean. */
  record FoundFunction(FunctionDescriptor descriptor, Bean<?> bean) {}

  /** Marks the registry type this extension adds. */
  @Retention(RetentionPolicy.RUNTIME)
  @interface AddedByExtension {
    final class Literal extends AnnotationLiteral<AddedByExtension> implements AddedByExtension {
      static final Literal INSTANCE = new Literal();
      private static final long serialVersionUID = 1L;
    }
  }

  void addRegistry(@Observes BeforeBeanDiscovery event) {
    // Add the registry ourselves, so that it exists whatever the discovery mode of the archive that
    // holds this jar's classes (a WAR's lib, a flattened jar, Weld SE without this jar's beans.xml).
    // The marker tells this type from a scanned copy of the class.
    event.addAnnotatedType(StatefulFunctionRegistry.class, StatefulFunctionRegistry.class.getName())
        .add(AddedByExtension.Literal.INSTANCE);
  }

  void vetoDiscoveredRegistry(@Observes ProcessAnnotatedType<StatefulFunctionRegistry> event) {
    // The registry class is also scanned (this jar is an annotated bean archive): keep only the
    // type added above: two registry beans would make every injection of them ambiguous.
    if (!event.getAnnotatedType().isAnnotationPresent(AddedByExtension.class)) {
      event.veto();
    }
  }

  <T> void collect(@Observes @WithAnnotations(StatefulFunction.class) ProcessAnnotatedType<T> event) {
    StatefulFunction annotation = event.getAnnotatedType().getAnnotation(StatefulFunction.class);
    if (annotation != null) {
      annotatedClasses.put(event.getAnnotatedType().getJavaClass(), annotation.value());
    }
  }

  <T> void collectBean(@Observes ProcessManagedBean<T> event) {
    Class<?> beanClass = event.getAnnotatedBeanClass().getJavaClass();
    if (annotatedClasses.containsKey(beanClass)) {
      beans.put(beanClass, event.getBean());
    } else if (!event.getAnnotatedBeanClass().isAnnotationPresent(StatefulFunction.class)) {
      functionInterface(beanClass).ifPresent(function -> unannotatedFunctionBeans.put(beanClass, function));
    }
  }

  /** The function interface a class implements, if any. */
  private static Optional<Class<?>> functionInterface(Class<?> type) {
    return RemoteFunction.class.isAssignableFrom(type) ? Optional.of(RemoteFunction.class)
        : AsyncRemoteFunction.class.isAssignableFrom(type) ? Optional.of(AsyncRemoteFunction.class)
        : Optional.empty();
  }

  /**
   * A bean that implements a function interface without the annotation is most likely a function someone
   * forgot to annotate: it would only show as a 404 at run time. A warning, not an error: the class may be a
   * delegate that an annotated function wraps.
   */
  void warnAboutUnannotatedFunctions(@Observes AfterDeploymentValidation event) {
    unannotatedFunctionBeans.entrySet().stream()
        .sorted(Map.Entry.comparingByKey(Comparator.comparing(Class::getName)))
        .forEach(entry -> LOG.log(Level.WARNING, "Bean class {0} implements {1} but has no @StatefulFunction:"
            + " it is not served. Annotate it with @StatefulFunction(\"namespace/name\") to serve it",
            entry.getKey().getName(), entry.getValue().getName()));
  }

  void validate(@Observes AfterDeploymentValidation event) {
    Map<TypeName, Class<?>> byType = new HashMap<>();
    List<FoundFunction> found = new ArrayList<>();
    // Sorted, so that the same deployment reports the same problems in the same order every time.
    List<Class<?>> classes = new ArrayList<>(annotatedClasses.keySet());
    classes.sort(Comparator.comparing(Class::getName));
    for (Class<?> type : classes) {
      String declaredType = annotatedClasses.get(type);
      List<String> problems = new ArrayList<>();

      Bean<?> bean = beans.get(type);
      Optional<String> notABean = whyNotABean(type);
      if (notABean.isPresent()) {
        problems.add("it cannot be a CDI bean: " + notABean.get());
      } else if (bean == null) {
        // A class that could be a bean but is none was excluded on purpose: vetoed by an extension
        // or a disabled @Alternative. It is not served, and takes no part in the checks below.
        LOG.log(Level.INFO, "{0}{1} is not an enabled bean (vetoed, or a disabled @Alternative): not served",
            PREFIX, type.getName());
        continue;
      }

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

      List<ValueSpec<?>> specs = valueSpecs(type, problems);

      if (bean != null && problems.isEmpty()) {
        checkBeanTypes(bean, async ? AsyncRemoteFunction.class : RemoteFunction.class, problems);
      }

      if (problems.isEmpty()) {
        found.add(new FoundFunction(new FunctionDescriptor(typeName, type, bean.getScope(), async, specs), bean));
      } else {
        for (String problem : problems) {
          DeploymentException exception = new DeploymentException(PREFIX + type.getName() + ": " + problem);
          // The stack would point into this extension, not at the user's class: leave it out so the
          // container's list of problems stays readable.
          exception.setStackTrace(new StackTraceElement[0]);
          event.addDeploymentProblem(exception);
        }
      }
    }
    found.sort(Comparator.comparing(function -> function.descriptor().typeName().canonical()));
    functions = List.copyOf(found);
  }

  /**
   * The registry obtains the function through its bean type {@code functionInterface}; a bean whose
   * types were narrowed with {@code @Typed} could otherwise deploy and fail on its first request.
   */
  private static void checkBeanTypes(Bean<?> bean, Class<?> functionInterface, List<String> problems) {
    if (!bean.getTypes().contains(functionInterface)) {
      problems.add("its bean types " + bean.getTypes() + " do not include " + functionInterface.getName()
          + "; add it to @Typed, or remove @Typed");
    }
  }

  /** Reads the class's {@code static final ValueSpec} fields, reporting every bad one. */
  private static List<ValueSpec<?>> valueSpecs(Class<?> type, List<String> problems) {
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
  private static Optional<String> whyNotABean(Class<?> type) {
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

  /** The validated functions, sorted by function type. */
  List<FoundFunction> functions() {
    return functions;
  }
}

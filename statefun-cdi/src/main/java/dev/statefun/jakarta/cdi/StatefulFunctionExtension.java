package dev.statefun.jakarta.cdi;

import dev.statefun.jakarta.AsyncRemoteFunction;
import dev.statefun.jakarta.RemoteFunction;
import dev.statefun.jakarta.TypeName;
import dev.statefun.jakarta.function.FunctionClass;
import jakarta.enterprise.context.ApplicationScoped;
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
import java.lang.System.Logger.Level;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
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
  private static final String PREFIX = FunctionRules.PREFIX;

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
    // The class has no bean-defining annotation (so that CDI Lite never discovers it): the scope is added here.
    event.addAnnotatedType(StatefulFunctionRegistry.class, StatefulFunctionRegistry.class.getName())
        .add(ApplicationScoped.Literal.INSTANCE)
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
      Bean<?> bean = beans.get(type);
      if (bean == null && FunctionRules.whyNotABean(type).isEmpty()) {
        // A class that could be a bean but is none was excluded on purpose: vetoed by an extension
        // or a disabled @Alternative. It is not served, and takes no part in the checks below.
        LOG.log(Level.INFO, "{0}{1} is not an enabled bean (vetoed, or a disabled @Alternative): not served",
            PREFIX, type.getName());
        continue;
      }

      List<String> problems = new ArrayList<>();
      FunctionClass function = FunctionRules.check(type, annotatedClasses.get(type), byType, problems);
      if (bean != null && problems.isEmpty()) {
        checkBeanTypes(bean, FunctionRules.functionInterface(function), problems);
      }

      if (problems.isEmpty()) {
        found.add(new FoundFunction(FunctionRules.describe(function, bean.getScope()), bean));
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

  /** The validated functions, sorted by function type. */
  List<FoundFunction> functions() {
    return functions;
  }
}

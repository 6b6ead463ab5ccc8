package dev.statefun.jakarta.cdi;

import dev.statefun.jakarta.AsyncRemoteFunction;
import dev.statefun.jakarta.RemoteFunction;
import dev.statefun.jakarta.TypeName;
import dev.statefun.jakarta.ValueSpec;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.ProcessManagedBean;
import jakarta.enterprise.inject.spi.WithAnnotations;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the {@link StatefulFunction} beans of a deployment. Classes are collected as they are
 * discovered, their beans as they are processed, and everything is validated once the deployment
 * is known, so that one failed deployment reports every mistake at once.
 */
public class StatefulFunctionExtension implements Extension {
  private final Map<Class<?>, String> annotatedClasses = new LinkedHashMap<>();
  private final Map<Class<?>, Bean<?>> beans = new HashMap<>();
  private final List<FoundFunction> functions = new ArrayList<>();

  /** A validated function bean. */
  record FoundFunction(FunctionDescriptor descriptor, Bean<?> bean) {}

  void addRegistry(@Observes BeforeBeanDiscovery event, BeanManager beanManager) {
    // This jar carries an extension and so is no bean archive: add the registry ourselves.
    event.addAnnotatedType(StatefulFunctionRegistry.class, StatefulFunctionRegistry.class.getName());
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
    }
  }

  void validate(@Observes AfterDeploymentValidation event) {
    Map<TypeName, Class<?>> byType = new HashMap<>();
    for (Map.Entry<Class<?>, String> entry : annotatedClasses.entrySet()) {
      Class<?> type = entry.getKey();
      List<String> problems = new ArrayList<>();

      TypeName typeName = null;
      try {
        typeName = TypeName.parse(entry.getValue());
      } catch (IllegalArgumentException e) {
        problems.add("@StatefulFunction(\"" + entry.getValue() + "\") is not a valid function type (" + e.getMessage()
            + "); use namespace/name, e.g. @StatefulFunction(\"com.example.fns/greeter\")");
      }
      if (typeName != null) {
        Class<?> other = byType.putIfAbsent(typeName, type);
        if (other != null) {
          problems.add("the function type " + typeName + " is also declared by " + other.getName()
              + "; each function type must be unique, so rename one of them");
        }
      }

      boolean sync = RemoteFunction.class.isAssignableFrom(type);
      boolean async = AsyncRemoteFunction.class.isAssignableFrom(type);
      if (!sync && !async) {
        problems.add("it is not a function: implement dev.statefun.jakarta.RemoteFunction (sync) or"
            + " dev.statefun.jakarta.AsyncRemoteFunction (async)");
      } else if (sync && async) {
        problems.add("it implements both RemoteFunction and AsyncRemoteFunction; implement only one of them");
      }

      List<ValueSpec<?>> specs = valueSpecs(type, problems);

      Bean<?> bean = beans.get(type);
      if (bean == null) {
        problems.add("it is not a CDI bean: " + whyNotABean(type)
            + "; a function must be a concrete class with a no-argument or @Inject constructor");
      }

      if (problems.isEmpty()) {
        functions.add(new FoundFunction(new FunctionDescriptor(typeName, type, bean.getScope(), async, specs), bean));
      } else {
        for (String problem : problems) {
          event.addDeploymentProblem(new DeploymentException(
              "@StatefulFunction class " + type.getName() + ": " + problem));
        }
      }
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
      problems.add("its fields cannot be read (" + e + ")");
      return specs;
    }
    for (Field field : fields) {
      if (!ValueSpec.class.isAssignableFrom(field.getType())) {
        continue;
      }
      int modifiers = field.getModifiers();
      if (!Modifier.isStatic(modifiers) || !Modifier.isFinal(modifiers)) {
        problems.add("the ValueSpec field '" + field.getName() + "' must be static final, since state is"
            + " declared once per function type: declare it as 'static final ValueSpec<...> "
            + field.getName() + " = ValueSpec.of(...)'");
        continue;
      }
      Object value;
      try {
        field.setAccessible(true);
        value = field.get(null);
      } catch (ExceptionInInitializerError e) {
        problems.add("the ValueSpec field '" + field.getName() + "' could not be initialised: " + e.getCause());
        continue;
      } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
        problems.add("the ValueSpec field '" + field.getName() + "' could not be read: " + e);
        continue;
      }
      if (value == null) {
        problems.add("the ValueSpec field '" + field.getName() + "' is null; assign it ValueSpec.of(name, type)");
        continue;
      }
      ValueSpec<?> spec = (ValueSpec<?>) value;
      String previous = fieldsByStateName.putIfAbsent(spec.name(), field.getName());
      if (previous != null) {
        problems.add("the fields '" + previous + "' and '" + field.getName() + "' both declare the state '"
            + spec.name() + "'; state names must be unique within a function");
        continue;
      }
      specs.add(spec);
    }
    return specs;
  }

  private static String whyNotABean(Class<?> type) {
    if (type.isInterface()) {
      return "it is an interface";
    }
    if (type.isEnum() || type.isRecord()) {
      return "it is " + (type.isEnum() ? "an enum" : "a record");
    }
    if (Modifier.isAbstract(type.getModifiers())) {
      return "it is abstract";
    }
    if (type.isMemberClass() && !Modifier.isStatic(type.getModifiers())) {
      return "it is a non-static inner class";
    }
    return "the container did not accept it as a managed bean (check its constructors and that it is not vetoed)";
  }

  /** The validated functions, in discovery order. */
  List<FoundFunction> functions() {
    return List.copyOf(functions);
  }
}

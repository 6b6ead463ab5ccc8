package dev.statefun.jakarta.cdi;

import dev.statefun.jakarta.FunctionRegistry;
import dev.statefun.jakarta.TypeName;
import dev.statefun.jakarta.function.FunctionClass;
import dev.statefun.jakarta.handler.HandlerObserver;
import dev.statefun.jakarta.handler.RequestReplyHandler;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Vetoed;
import jakarta.enterprise.inject.literal.NamedLiteral;
import jakarta.enterprise.inject.build.compatible.spi.BeanInfo;
import jakarta.enterprise.inject.build.compatible.spi.BuildCompatibleExtension;
import jakarta.enterprise.inject.build.compatible.spi.ClassConfig;
import jakarta.enterprise.inject.build.compatible.spi.Enhancement;
import jakarta.enterprise.inject.build.compatible.spi.Messages;
import jakarta.enterprise.inject.build.compatible.spi.Parameters;
import jakarta.enterprise.inject.build.compatible.spi.Registration;
import jakarta.enterprise.inject.build.compatible.spi.SkipIfPortableExtensionPresent;
import jakarta.enterprise.inject.build.compatible.spi.Synthesis;
import jakarta.enterprise.inject.build.compatible.spi.SyntheticBeanCreator;
import jakarta.enterprise.inject.build.compatible.spi.SyntheticComponents;
import jakarta.enterprise.inject.build.compatible.spi.Validation;
import jakarta.enterprise.lang.model.AnnotationInfo;
import jakarta.enterprise.lang.model.types.Type;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.lang.System.Logger.Level;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The CDI Lite counterpart of {@link StatefulFunctionExtension}, for containers that run no portable
 * extensions (Quarkus): it finds the {@link StatefulFunction} beans, checks them with the same rules
 * and messages ({@link FunctionRules}, on core's {@link FunctionClass}), reports every mistake as a deployment error, and synthesizes
 * the {@link StatefulFunctionRegistry} ({@code @Singleton}) and the {@link FunctionRegistry} and
 * {@link RequestReplyHandler} beans ({@code @Dependent}, the registry's instances).
 *
 * <p>A container that runs both kinds (Weld) skips it while the portable extension is present, so the
 * two never both register.
 */
@SkipIfPortableExtensionPresent(StatefulFunctionExtension.class)
public class StatefulFunctionBuildExtension implements BuildCompatibleExtension {
  private static final System.Logger LOG = System.getLogger(StatefulFunctionBuildExtension.class.getName());

  // Sorted by class name, so that the same deployment reports the same problems in the same order.
  private final Map<String, String> annotatedClasses = new TreeMap<>();
  private final Map<String, BeanInfo> beans = new HashMap<>();
  private final List<String> problems = new ArrayList<>();
  private static final Optional<Class<? extends Annotation>> UNREMOVABLE = unremovable();
  private static final String STATEFUN_NAME_PREFIX = "statefun.function:";
  private static final String REGISTRY_NAME = "statefun.registry";

  /** The registry is synthesized below; a scanned copy (Quarkus discovers producer classes) must not be a bean. */
  @Enhancement(types = StatefulFunctionRegistry.class)
  public void vetoScannedRegistry(ClassConfig registry) {
    registry.addAnnotation(Vetoed.class);
  }

  @Enhancement(types = Object.class, withSubtypes = true, withAnnotations = StatefulFunction.class)
  public void collect(ClassConfig type) {
    AnnotationInfo annotation = type.info().annotation(StatefulFunction.class);
    if (annotation != null) {
      annotatedClasses.put(type.info().name(), annotation.value().asString());
      // Quarkus removes beans that no injection point uses, and the registry reaches the function
      // beans only through its creator's Instance. ArC keeps a bean that has a name: name each after
      // its function type (unique in an application); io.quarkus.arc.Unremovable says the same.
      if (type.info().annotation(Named.class) == null) {
        type.addAnnotation(NamedLiteral.of(STATEFUN_NAME_PREFIX + annotation.value().asString()));
      }
      UNREMOVABLE.ifPresent(type::addAnnotation);
    }
  }

  /** ArC's annotation that keeps an unused bean, when the container is ArC (Quarkus). */
  private static Optional<Class<? extends Annotation>> unremovable() {
    try {
      return Optional.of(Class.forName("io.quarkus.arc.Unremovable", false,
          Thread.currentThread().getContextClassLoader()).asSubclass(Annotation.class));
    } catch (ClassNotFoundException | LinkageError e) {
      return Optional.empty();
    }
  }

  @Registration(types = Object.class)
  public void collectBean(BeanInfo bean) {
    if (bean.isClassBean() && annotatedClasses.containsKey(bean.declaringClass().name())) {
      beans.put(bean.declaringClass().name(), bean);
    }
  }

  @Synthesis
  public void synthesize(SyntheticComponents components) {
    Map<TypeName, Class<?>> byType = new HashMap<>();
    List<FunctionClass> found = new ArrayList<>();
    List<String> scopes = new ArrayList<>();
    for (Map.Entry<String, String> annotated : annotatedClasses.entrySet()) {
      String className = annotated.getKey();
      Class<?> type;
      try {
        type = Class.forName(className, false, Thread.currentThread().getContextClassLoader());
      } catch (ClassNotFoundException | LinkageError e) {
        problems.add(FunctionRules.PREFIX + className + ": it cannot be loaded (" + e + ")");
        continue;
      }
      List<String> classProblems = new ArrayList<>();
      BeanInfo bean = beans.get(className);
      if (bean == null && FunctionRules.whyNotABean(type).isEmpty()) {
        // Excluded on purpose (vetoed, a disabled @Alternative): not served, as in the portable extension.
        LOG.log(Level.INFO, "{0}{1} is not an enabled bean (vetoed, or a disabled @Alternative): not served",
            FunctionRules.PREFIX, className);
        continue;
      }
      FunctionClass checked = FunctionRules.check(type, annotated.getValue(), byType, classProblems);
      if (bean != null && classProblems.isEmpty()) {
        checkBeanTypes(bean, FunctionRules.functionInterface(checked), classProblems);
      }
      if (classProblems.isEmpty()) {
        found.add(checked);
        scopes.add(bean.scope().annotation().name());
      } else {
        classProblems.forEach(problem -> problems.add(FunctionRules.PREFIX + className + ": " + problem));
      }
    }
    // Synthesized even when some classes are bad (the deployment fails in @Validation anyway): without
    // them the container would also report every injection of the registry as unsatisfied, and might
    // report that before, or instead of, the mistakes themselves.
    // Named, so that ArC keeps it: the handler's and the function registry's creators reach it only by a
    // lookup, which ArC cannot see, and an application that injects only the handler (the JAX-RS resource
    // does) would otherwise lose it as unused and answer every request with a 500.
    components.addBean(StatefulFunctionRegistry.class)
        .type(StatefulFunctionRegistry.class)
        .scope(Singleton.class)
        .name(REGISTRY_NAME)
        .withParam(RegistryCreator.CLASSES, found.stream().map(FunctionClass::type).toArray(Class<?>[]::new))
        .withParam(RegistryCreator.TYPES, found.stream().map(f -> f.typeName().orElseThrow().canonical())
            .toArray(String[]::new))
        .withParam(RegistryCreator.SCOPES, scopes.toArray(String[]::new))
        .createWith(RegistryCreator.class);
    components.addBean(FunctionRegistry.class)
        .type(FunctionRegistry.class)
        .scope(Dependent.class)
        .createWith(FunctionRegistryCreator.class);
    components.addBean(RequestReplyHandler.class)
        .type(RequestReplyHandler.class)
        .scope(Dependent.class)
        .createWith(HandlerCreator.class);
  }

  @Validation
  public void report(Messages messages) {
    // One error per mistake, each naming the class and the fix, as the portable extension does.
    problems.forEach(messages::error);
  }

  /** The same check as the portable extension's: the registry looks the bean up by this interface. */
  private static void checkBeanTypes(BeanInfo bean, Class<?> functionInterface, List<String> problems) {
    boolean included = bean.types().stream()
        .anyMatch(type -> type.isClass() && type.asClass().declaration().name().equals(functionInterface.getName()));
    if (!included) {
      String types = bean.types().stream().map(StatefulFunctionBuildExtension::typeName).sorted()
          .collect(Collectors.joining(", ", "[", "]"));
      problems.add("its bean types " + types + " do not include " + functionInterface.getName()
          + "; add it to @Typed, or remove @Typed");
    }
  }

  private static String typeName(Type type) {
    return type.isClass() ? type.asClass().declaration().name() : type.toString();
  }

  /** Creates the registry at run time from what the build found. Public for the container only. */
  public static final class RegistryCreator implements SyntheticBeanCreator<StatefulFunctionRegistry> {
    static final String CLASSES = "classes";
    static final String TYPES = "types";
    static final String SCOPES = "scopes";

    @Override
    public StatefulFunctionRegistry create(Instance<Object> lookup, Parameters params) {
      Class<?>[] classes = params.get(CLASSES, Class[].class);
      String[] types = params.get(TYPES, String[].class);
      String[] scopes = params.get(SCOPES, String[].class);
      List<BoundFunction> functions = new ArrayList<>();
      for (int i = 0; i < classes.length; i++) {
        FunctionClass function =
            FunctionClass.inspect(classes[i], StatefulFunction.class, types[i], FunctionRules.INJECTABLE);
        if (!function.isValid()) {
          throw new IllegalStateException(FunctionRules.PREFIX + classes[i].getName() + ": " + function.messages());
        }
        Class<? extends Annotation> scope = scope(scopes[i], classes[i]);
        Class<?> beanClass = classes[i];
        Class<?> functionInterface = FunctionRules.functionInterface(function);
        FunctionInstances instances = scope == Dependent.class
            ? new FunctionInstances.PerInvocation(() -> {
                Instance.Handle<?> handle = handle(lookup, functionInterface, beanClass);
                return new FunctionInstances.Lease(handle.get(), handle::destroy);
              })
            : new FunctionInstances.Shared(handle(lookup, functionInterface, beanClass).get());
        functions.add(new BoundFunction(FunctionRules.describe(function, scope), instances));
      }
      functions.sort(Comparator.comparing(function -> function.descriptor().typeName().canonical()));
      List<HandlerObserver> observers = lookup.select(HandlerObserver.class, Any.Literal.INSTANCE).stream()
          .toList();
      return new StatefulFunctionRegistry(functions, observers);
    }

    private static Class<? extends Annotation> scope(String name, Class<?> beanClass) {
      try {
        return Class.forName(name, false, beanClass.getClassLoader()).asSubclass(Annotation.class);
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException("scope " + name + " of " + beanClass.getName() + " cannot be loaded", e);
      }
    }

    /** The bean of exactly this class among the beans of the function interface. */
    private static Instance.Handle<?> handle(Instance<Object> lookup, Class<?> functionInterface, Class<?> beanClass) {
      List<String> seen = new ArrayList<>();
      for (Instance.Handle<?> handle : lookup.select(functionInterface, Any.Literal.INSTANCE).handles()) {
        if (handle.getBean().getBeanClass() == beanClass) {
          return handle;
        }
        seen.add(handle.getBean().getBeanClass().getName());
      }
      throw new IllegalStateException("no bean of " + beanClass.getName() + " among the beans of "
          + functionInterface.getName() + " " + seen + " (removed by the container as unused?)");
    }
  }

  /** The registry's {@link FunctionRegistry}. Public for the container only. */
  public static final class FunctionRegistryCreator implements SyntheticBeanCreator<FunctionRegistry> {
    @Override
    public FunctionRegistry create(Instance<Object> lookup, Parameters params) {
      return lookup.select(StatefulFunctionRegistry.class).get().registry();
    }
  }

  /** The registry's {@link RequestReplyHandler}. Public for the container only. */
  public static final class HandlerCreator implements SyntheticBeanCreator<RequestReplyHandler> {
    @Override
    public RequestReplyHandler create(Instance<Object> lookup, Parameters params) {
      return lookup.select(StatefulFunctionRegistry.class).get().handler();
    }
  }
}

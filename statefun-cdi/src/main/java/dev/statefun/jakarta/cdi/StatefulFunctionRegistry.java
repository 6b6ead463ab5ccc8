package dev.statefun.jakarta.cdi;

import dev.statefun.jakarta.AsyncRemoteFunction;
import dev.statefun.jakarta.Context;
import dev.statefun.jakarta.FunctionRegistry;
import dev.statefun.jakarta.FunctionSpec;
import dev.statefun.jakarta.RemoteFunction;
import dev.statefun.jakarta.handler.HandlerObserver;
import dev.statefun.jakarta.handler.RequestReplyHandler;
import dev.statefun.jakarta.http.ServingState;
import dev.statefun.jakarta.message.Message;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

/**
 * The functions of the application, ready to serve: inject it to list them, or inject
 * {@link FunctionRegistry} or {@link RequestReplyHandler} directly (one shared instance each).
 *
 * <p>Each function is called through its contextual reference, so injection, scopes and
 * interceptors apply. A {@code @Dependent} function gets a new instance per invocation, destroyed
 * when the invocation completes (an async one: when its stage completes), also when it fails.
 *
 * <p>With a container that runs portable extensions (Weld: WildFly, Payara, GlassFish, the embedded
 * server; Open Liberty) {@link StatefulFunctionExtension} adds this class as an
 * {@code @ApplicationScoped} bean; in CDI Lite (Quarkus) {@link StatefulFunctionBuildExtension}
 * synthesizes a {@code @Singleton} one. The class carries no bean-defining annotation of its own, so
 * that scanning this jar never adds a second registry.
 *
 * <p>Every bean that implements {@link HandlerObserver} (e.g. the one of {@code statefun-opentelemetry})
 * observes the handler. When the application has started, the registry logs the function types it
 * serves and its {@link #state()} turns from {@link ServingState#STARTING} to {@link ServingState#SERVING}
 * (the synthesized one, created on first use, serves from the start).
 */
public class StatefulFunctionRegistry {
  private static final System.Logger LOG = System.getLogger(StatefulFunctionRegistry.class.getName());

  private StatefulFunctionExtension extension;
  private BeanManager beanManager;
  private Instance<HandlerObserver> observers;
  private volatile ServingState state = ServingState.STARTING;
  private List<FunctionDescriptor> descriptors;
  private FunctionRegistry registry;
  private RequestReplyHandler handler;

  /** For the container's proxy. */
  protected StatefulFunctionRegistry() {}

  @Inject
  StatefulFunctionRegistry(StatefulFunctionExtension extension, BeanManager beanManager,
      Instance<HandlerObserver> observers) {
    this.extension = extension;
    this.beanManager = beanManager;
    this.observers = observers;
  }

  /** The build-compatible extension's registry: everything known when it is created. */
  StatefulFunctionRegistry(List<BoundFunction> functions, List<HandlerObserver> observers) {
    init(functions, observers);
    state = ServingState.SERVING;
    logServed();
  }

  @PostConstruct
  void build() {
    List<BoundFunction> functions = new ArrayList<>();
    for (StatefulFunctionExtension.FoundFunction function : extension.functions()) {
      functions.add(new BoundFunction(function.descriptor(), instances(function.bean(), function.descriptor())));
    }
    init(functions, observers.stream().toList());
  }

  /** Once the application has started (in a WAR too): one line naming what is served, then SERVING. */
  void started(@Observes @Initialized(ApplicationScoped.class) Object application) {
    logServed();
    if (state == ServingState.STARTING) {
      state = ServingState.SERVING;
    }
  }

  private void logServed() {
    LOG.log(Level.INFO, () -> "StateFun serves " + descriptors.size() + " function type(s): "
        + descriptors.stream().map(d -> d.typeName().canonical()).collect(Collectors.joining(", ")));
  }

  /** Where the functions are: starting, serving or draining. */
  public ServingState state() {
    return state;
  }

  /** Marks the endpoint as shutting down (readiness turns DOWN); the handler still answers. */
  public void drain() {
    state = ServingState.DRAINING;
  }

  /**
   * The container's lifecycle drives the state: when the application is undeployed (or the container
   * shuts down), readiness turns DOWN before anything is destroyed.
   */
  void stopping(@Observes @BeforeDestroyed(ApplicationScoped.class) Object application) {
    drain();
  }

  private void init(List<BoundFunction> functions, List<HandlerObserver> handlerObservers) {
    FunctionRegistry.Builder builder = FunctionRegistry.builder();
    List<FunctionDescriptor> found = new ArrayList<>();
    for (BoundFunction function : functions) {
      FunctionDescriptor descriptor = function.descriptor();
      found.add(descriptor);
      FunctionSpec.Builder spec = FunctionSpec.builder(descriptor.typeName()).withValueSpecs(descriptor.valueSpecs());
      bindFunction(spec, function.instances(), descriptor.async());
      builder.register(spec.build());
    }
    descriptors = List.copyOf(found);
    registry = builder.build();
    handler = registry.handler(handlerObservers);
  }

  /** The function beans, sorted by function type. */
  public List<FunctionDescriptor> functions() {
    return descriptors;
  }

  /** The core registry of these functions. */
  public FunctionRegistry registry() {
    return registry;
  }

  /** The handler serving these functions. */
  public RequestReplyHandler handler() {
    return handler;
  }

  @Produces
  @Dependent
  RequestReplyHandler produceHandler() {
    return handler;
  }

  @Produces
  @Dependent
  FunctionRegistry produceRegistry() {
    return registry;
  }

  private FunctionInstances instances(Bean<?> bean, FunctionDescriptor descriptor) {
    if (descriptor.scope() == Dependent.class) {
      @SuppressWarnings("unchecked")
      Bean<Object> dependent = (Bean<Object>) bean;
      return new FunctionInstances.PerInvocation(() -> {
        CreationalContext<Object> creationalContext = beanManager.createCreationalContext(dependent);
        Object instance = create(dependent, creationalContext);
        return new FunctionInstances.Lease(instance, () -> dependent.destroy(instance, creationalContext));
      });
    }
    // A normal scope: one client proxy serves every call and resolves the instance per context.
    // @Singleton: the one instance itself.
    Class<?> beanType = descriptor.async() ? AsyncRemoteFunction.class : RemoteFunction.class;
    return new FunctionInstances.Shared(
        beanManager.getReference(bean, beanType, beanManager.createCreationalContext(bean)));
  }

  private static void bindFunction(FunctionSpec.Builder spec, FunctionInstances instances, boolean async) {
    if (instances instanceof FunctionInstances.Shared shared) {
      if (async) {
        spec.withAsyncFunction((AsyncRemoteFunction) shared.reference());
      } else {
        spec.withFunction((RemoteFunction) shared.reference());
      }
    } else if (instances instanceof FunctionInstances.PerInvocation perInvocation) {
      if (async) {
        spec.withAsyncFunction((context, message) -> invokeDependentAsync(perInvocation, context, message));
      } else {
        spec.withFunction((context, message) -> invokeDependent(perInvocation, context, message));
      }
    }
  }

  /** A new instance for this invocation, destroyed when it returns (or throws). */
  private static void invokeDependent(FunctionInstances.PerInvocation instances, Context context, Message message)
      throws Exception {
    FunctionInstances.Lease lease = instances.create().get();
    try {
      ((RemoteFunction) lease.instance()).invoke(context, message);
    } finally {
      lease.release().run();
    }
  }

  /** A new instance for this invocation, destroyed when its stage completes (or it throws). */
  private static CompletionStage<Void> invokeDependentAsync(
      FunctionInstances.PerInvocation instances, Context context, Message message) throws Exception {
    FunctionInstances.Lease lease = instances.create().get();
    CompletionStage<Void> stage;
    try {
      stage = ((AsyncRemoteFunction) lease.instance()).invoke(context, message);
    } catch (Exception | Error e) {
      lease.release().run();
      throw e;
    }
    if (stage == null) {
      lease.release().run();
      return null; // the handler reports the null stage as the function's failure
    }
    // The handler continues with the returned stage, so the instance is gone before the next invocation.
    return stage.whenComplete((ignored, failure) -> lease.release().run());
  }

  /**
   * Creates a dependent instance (with its interceptors and decorators) whose own dependents belong
   * to {@code creationalContext}: if its creation fails half-way (a throwing @PostConstruct), releasing
   * that context destroys what was made so far. BeanManager.getReference would create it in a child
   * context that a failed creation leaves unreachable.
   */
  private static Object create(Bean<Object> bean, CreationalContext<Object> creationalContext) {
    try {
      return bean.create(creationalContext);
    } catch (RuntimeException | Error e) {
      creationalContext.release();
      throw e;
    }
  }
}

package dev.statefun.jakarta.cdi;

import dev.statefun.jakarta.AsyncRemoteFunction;
import dev.statefun.jakarta.Context;
import dev.statefun.jakarta.FunctionRegistry;
import dev.statefun.jakarta.FunctionSpec;
import dev.statefun.jakarta.RemoteFunction;
import dev.statefun.jakarta.handler.HandlerObserver;
import dev.statefun.jakarta.handler.ServingState;
import dev.statefun.jakarta.handler.RequestReplyHandler;
import dev.statefun.jakarta.message.Message;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.concurrent.CompletionStage;

/**
 * The functions of the application, ready to serve: inject it to list them, or inject
 * {@link FunctionRegistry} or {@link RequestReplyHandler} directly (both produced here, one shared
 * instance each).
 *
 * <p>Each function is called through its contextual reference, so injection, scopes and
 * interceptors apply. A {@code @Dependent} function gets a new instance per invocation, destroyed
 * when the invocation completes (an async one: when its stage completes), also when it fails.
 *
 * <p>Every bean that implements {@link HandlerObserver} (e.g. the one of {@code statefun-opentelemetry})
 * observes the handler. When the application has started, the registry logs the function types it
 * serves and its {@link #state()} turns from {@link ServingState#STARTING} to {@link ServingState#SERVING}.
 */
@ApplicationScoped
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

  @PostConstruct
  void build() {
    FunctionRegistry.Builder builder = FunctionRegistry.builder();
    List<FunctionDescriptor> found = new ArrayList<>();
    for (StatefulFunctionExtension.FoundFunction function : extension.functions()) {
      FunctionDescriptor descriptor = function.descriptor();
      found.add(descriptor);
      FunctionSpec.Builder spec = FunctionSpec.builder(descriptor.typeName()).withValueSpecs(descriptor.valueSpecs());
      bindFunction(spec, function.bean(), descriptor);
      builder.register(spec.build());
    }
    descriptors = List.copyOf(found);
    registry = builder.build();
    handler = registry.handler(observers.stream().toList());
  }

  /** Once the application has started (in a WAR too): one line naming what is served, then SERVING. */
  void started(@Observes @Initialized(ApplicationScoped.class) Object application) {
    LOG.log(Level.INFO, () -> "StateFun serves " + descriptors.size() + " function type(s): "
        + descriptors.stream().map(d -> d.typeName().canonical()).collect(Collectors.joining(", ")));
    if (state == ServingState.STARTING) {
      state = ServingState.SERVING;
    }
  }

  /** Where the functions are: starting, serving or draining. */
  public ServingState state() {
    return state;
  }

  /** Marks the endpoint as shutting down (readiness turns DOWN); the handler still answers. */
  public void drain() {
    state = ServingState.DRAINING;
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

  private void bindFunction(FunctionSpec.Builder spec, Bean<?> bean, FunctionDescriptor descriptor) {
    Type beanType = descriptor.async() ? AsyncRemoteFunction.class : RemoteFunction.class;
    if (descriptor.scope() == Dependent.class) {
      @SuppressWarnings("unchecked")
      Bean<Object> dependent = (Bean<Object>) bean;
      if (descriptor.async()) {
        spec.withAsyncFunction((context, message) -> invokeDependentAsync(dependent, context, message));
      } else {
        spec.withFunction((context, message) -> invokeDependent(dependent, context, message));
      }
      return;
    }
    // A normal scope: one client proxy serves every call and resolves the instance per context.
    // @Singleton: the one instance itself.
    Object reference = beanManager.getReference(bean, beanType, beanManager.createCreationalContext(bean));
    if (descriptor.async()) {
      spec.withAsyncFunction((AsyncRemoteFunction) reference);
    } else {
      spec.withFunction((RemoteFunction) reference);
    }
  }

  /** A new instance for this invocation, destroyed when it returns (or throws). */
  private void invokeDependent(Bean<Object> bean, Context context, Message message) throws Exception {
    CreationalContext<Object> creationalContext = beanManager.createCreationalContext(bean);
    Object instance = create(bean, creationalContext);
    try {
      ((RemoteFunction) instance).invoke(context, message);
    } finally {
      bean.destroy(instance, creationalContext);
    }
  }

  /** A new instance for this invocation, destroyed when its stage completes (or it throws). */
  private CompletionStage<Void> invokeDependentAsync(Bean<Object> bean, Context context, Message message)
      throws Exception {
    CreationalContext<Object> creationalContext = beanManager.createCreationalContext(bean);
    Object instance = create(bean, creationalContext);
    CompletionStage<Void> stage;
    try {
      stage = ((AsyncRemoteFunction) instance).invoke(context, message);
    } catch (Exception | Error e) {
      bean.destroy(instance, creationalContext);
      throw e;
    }
    if (stage == null) {
      bean.destroy(instance, creationalContext);
      return null; // the handler reports the null stage as the function's failure
    }
    // The handler continues with the returned stage, so the instance is gone before the next invocation.
    return stage.whenComplete((ignored, failure) -> bean.destroy(instance, creationalContext));
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

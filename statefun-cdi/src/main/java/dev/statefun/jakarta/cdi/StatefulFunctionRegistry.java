package dev.statefun.jakarta.cdi;

import dev.statefun.jakarta.AsyncRemoteFunction;
import dev.statefun.jakarta.Context;
import dev.statefun.jakarta.FunctionRegistry;
import dev.statefun.jakarta.FunctionSpec;
import dev.statefun.jakarta.RemoteFunction;
import dev.statefun.jakarta.handler.RequestReplyHandler;
import dev.statefun.jakarta.message.Message;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The functions of the application, ready to serve: inject it to list them, or inject
 * {@link FunctionRegistry} or {@link RequestReplyHandler} directly (both produced here, one shared
 * instance each).
 *
 * <p>Each function is called through its contextual reference, so injection, scopes and
 * interceptors apply. A {@code @Dependent} function gets a new instance per invocation, destroyed
 * when the invocation completes.
 */
@ApplicationScoped
public class StatefulFunctionRegistry {
  private StatefulFunctionExtension extension;
  private BeanManager beanManager;
  private List<FunctionDescriptor> descriptors;
  private FunctionRegistry registry;
  private RequestReplyHandler handler;

  /** For the container's proxy. */
  protected StatefulFunctionRegistry() {}

  @Inject
  StatefulFunctionRegistry(StatefulFunctionExtension extension, BeanManager beanManager) {
    this.extension = extension;
    this.beanManager = beanManager;
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
    handler = registry.handler();
  }

  /** The function beans, in discovery order. */
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
      if (descriptor.async()) {
        spec.withAsyncFunction((context, message) -> invokeDependentAsync(bean, context, message));
      } else {
        spec.withFunction((context, message) -> {
          CreationalContext<?> creationalContext = beanManager.createCreationalContext(bean);
          try {
            ((RemoteFunction) beanManager.getReference(bean, beanType, creationalContext)).invoke(context, message);
          } finally {
            creationalContext.release();
          }
        });
      }
      return;
    }
    // A normal scope: one client proxy serves every call and resolves the instance per context.
    Object reference = beanManager.getReference(bean, beanType, beanManager.createCreationalContext(bean));
    if (descriptor.async()) {
      spec.withAsyncFunction((AsyncRemoteFunction) reference);
    } else {
      spec.withFunction((RemoteFunction) reference);
    }
  }

  /** A new instance for this invocation, destroyed when its stage completes. */
  private CompletionStage<Void> invokeDependentAsync(Bean<?> bean, Context context, Message message)
      throws Exception {
    CreationalContext<?> creationalContext = beanManager.createCreationalContext(bean);
    CompletionStage<Void> stage;
    try {
      stage = ((AsyncRemoteFunction) beanManager.getReference(bean, AsyncRemoteFunction.class, creationalContext))
          .invoke(context, message);
    } catch (Exception | Error e) {
      creationalContext.release();
      throw e;
    }
    if (stage == null) {
      creationalContext.release();
      return null;
    }
    return stage.whenComplete((ignored, failure) -> creationalContext.release());
  }
}

package dev.statefun.jakarta.cdi;

import dev.statefun.jakarta.TypeName;
import dev.statefun.jakarta.ValueSpec;
import java.lang.annotation.Annotation;
import java.util.List;

/**
 * A function bean as the extension found it.
 *
 * @param typeName the function type
 * @param beanClass the bean class
 * @param scope the bean's scope
 * @param async whether it implements {@link dev.statefun.jakarta.AsyncRemoteFunction}
 * @param valueSpecs its state, in declaration order
 */
public record FunctionDescriptor(
    TypeName typeName,
    Class<?> beanClass,
    Class<? extends Annotation> scope,
    boolean async,
    List<ValueSpec<?>> valueSpecs) {

  public FunctionDescriptor {
    valueSpecs = List.copyOf(valueSpecs);
  }
}

package dev.statefun.jakarta.embedded.fns;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/** Signals {@link DrainSignal} once the registry has drained. */
@Interceptor
@DrainWatched
@Priority(Interceptor.Priority.APPLICATION)
public class DrainInterceptor {
  @AroundInvoke
  Object signal(InvocationContext invocation) throws Exception {
    Object result = invocation.proceed();
    DrainSignal.drained();
    return result;
  }
}

package dev.statefun.jakarta.cdi.sample;

import dev.statefun.jakarta.Context;
import dev.statefun.jakarta.message.Message;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Records each intercepted call: method, parameter types, the function's address and argument. */
@Audited
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class AuditInterceptor {
  @Inject Audit audit;

  @AroundInvoke
  Object around(InvocationContext invocation) throws Exception {
    String call = invocation.getMethod().getDeclaringClass().getSimpleName() + "." + invocation.getMethod().getName()
        + Arrays.stream(invocation.getMethod().getParameterTypes()).map(Class::getSimpleName)
            .collect(Collectors.joining(", ", "(", ")"));
    String detail = "";
    if (invocation.getParameters().length == 2 && invocation.getParameters()[0] instanceof Context context
        && invocation.getParameters()[1] instanceof Message message) {
      detail = " " + context.self() + " " + message.asString();
    }
    audit.add("before " + call + detail);
    Object result = invocation.proceed();
    audit.add("after " + call);
    return result;
  }
}

package dev.statefun.jakarta.cdi.sample;

import dev.statefun.jakarta.AsyncRemoteFunction;
import dev.statefun.jakarta.Context;
import dev.statefun.jakarta.cdi.StatefulFunction;
import dev.statefun.jakarta.message.Message;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A @Dependent async function with the interceptor bound on its method. */
@StatefulFunction("audit/dependent-async")
@Dependent
public class AuditedAsyncFunction implements AsyncRemoteFunction {
  @Inject Audit audit;

  @Audited
  @Override
  public CompletionStage<Void> invoke(Context context, Message message) {
    audit.add("invoked with " + message.asString());
    return CompletableFuture.completedFuture(null);
  }
}

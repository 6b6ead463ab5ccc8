package dev.statefun.jakarta.cdi.sample;

import dev.statefun.jakarta.AsyncRemoteFunction;
import dev.statefun.jakarta.Context;
import dev.statefun.jakarta.message.Message;
import jakarta.enterprise.context.Dependent;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** An async function bean without @StatefulFunction. */
@Dependent
public class ForgottenAsyncFunction implements AsyncRemoteFunction {
  @Override
  public CompletionStage<Void> invoke(Context context, Message message) {
    return CompletableFuture.completedFuture(null);
  }
}

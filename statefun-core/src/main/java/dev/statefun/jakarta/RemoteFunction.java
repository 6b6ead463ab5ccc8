package dev.statefun.jakarta;

import dev.statefun.jakarta.message.Message;

/**
 * A stateful function that finishes its work before it returns. Usable as a lambda.
 *
 * <p>Throwing fails the whole batch: none of the batch's effects reach the runtime, which retries.
 */
@FunctionalInterface
public interface RemoteFunction {
  void invoke(Context context, Message message) throws Exception;
}

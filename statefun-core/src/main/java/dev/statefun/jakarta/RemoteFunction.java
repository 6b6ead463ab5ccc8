package dev.statefun.jakarta;

import dev.statefun.jakarta.message.Message;

/**
 * A stateful function that finishes its work before it returns. Usable as a lambda.
 *
 * <p>Throwing fails the whole batch: none of the batch's effects reach the runtime, which retries.
 *
 * <p>A function that takes several message types can extend {@link TypedRemoteFunction} instead of
 * branching on {@code message.is(...)}: one {@link Handles} method per type, taking
 * {@code (Context, T)}, dispatched by the message's typename.
 */
@FunctionalInterface
public interface RemoteFunction {
  void invoke(Context context, Message message) throws Exception;
}

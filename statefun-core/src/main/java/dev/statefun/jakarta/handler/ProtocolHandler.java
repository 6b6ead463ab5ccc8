package dev.statefun.jakarta.handler;

import dev.statefun.jakarta.FunctionRegistry;
import java.util.concurrent.CompletionStage;

/** Placeholder until the protocol handler lands. */
final class ProtocolHandler implements RequestReplyHandler {
  private final FunctionRegistry registry;

  ProtocolHandler(FunctionRegistry registry) {
    this.registry = registry;
  }

  @Override
  public CompletionStage<byte[]> handle(byte[] request) {
    throw new UnsupportedOperationException("not yet");
  }
}

package dev.statefun.jakarta.http;

import java.io.IOException;

/**
 * A request body could not be held: it would take the server over its {@link BodyBudget}, or the
 * heap had no room for it. Answered 503 with {@code Retry-After}: the condition passes.
 */
public final class OverBudgetException extends IOException {
  OverBudgetException(String message) {
    super(message, null);
  }
}

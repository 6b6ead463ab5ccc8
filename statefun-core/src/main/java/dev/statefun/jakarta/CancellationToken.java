package dev.statefun.jakarta;

import java.util.Objects;

/**
 * Tags a delayed message so that it can be cancelled later with
 * {@link Context#cancelDelayedMessage(CancellationToken)}. The runtime rejects a token that is reused
 * while its message is still pending, so make tokens unique.
 *
 * @param token a non-empty string
 */
public record CancellationToken(String token) {
  public CancellationToken {
    Objects.requireNonNull(token, "token");
    if (token.isEmpty()) {
      throw new IllegalArgumentException("A cancellation token must not be empty");
    }
  }

  public static CancellationToken of(String token) {
    return new CancellationToken(token);
  }
}

package dev.statefun.jakarta.testing;

import dev.statefun.jakarta.CancellationToken;
import dev.statefun.jakarta.message.Message;
import java.time.Duration;
import java.util.Optional;

/**
 * A delayed message a function sent.
 *
 * @param delay the delay, in whole milliseconds as sent to the runtime
 * @param token the cancellation token, if the message can be cancelled
 * @param message the message
 */
public record DelayedMessage(Duration delay, Optional<CancellationToken> token, Message message) {}

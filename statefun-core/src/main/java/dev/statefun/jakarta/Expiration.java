package dev.statefun.jakarta;

import java.time.Duration;
import java.util.Objects;

/**
 * When the runtime may delete a stored value on its own (time to live).
 *
 * @param mode what resets the clock
 * @param duration how long after that the value expires; zero for {@link Mode#NONE}
 */
public record Expiration(Mode mode, Duration duration) {

  /** What resets an expiration clock. */
  public enum Mode {
    /** The value never expires. */
    NONE,
    /** Expires {@code duration} after the last write. */
    AFTER_WRITE,
    /** Expires {@code duration} after the last call to the function (read or write). */
    AFTER_CALL
  }

  private static final Expiration NEVER = new Expiration(Mode.NONE, Duration.ZERO);

  public Expiration {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(duration, "duration");
    if (mode == Mode.NONE && !duration.isZero()) {
      throw new IllegalArgumentException("Expiration NONE takes no duration");
    }
    if (mode != Mode.NONE && (duration.isNegative() || duration.isZero())) {
      throw new IllegalArgumentException("Expiration duration must be positive, was " + duration);
    }
    if (mode != Mode.NONE && duration.toMillis() == 0) {
      throw new IllegalArgumentException(
          "Expiration duration must be at least 1 ms (the runtime counts milliseconds), was " + duration);
    }
  }

  public static Expiration none() {
    return NEVER;
  }

  public static Expiration afterWrite(Duration duration) {
    return new Expiration(Mode.AFTER_WRITE, duration);
  }

  public static Expiration afterCall(Duration duration) {
    return new Expiration(Mode.AFTER_CALL, duration);
  }
}

package dev.statefun.jakarta.e2e.driver;

/**
 * The runtime did not do what was awaited in time, failed, or could not be started. The message
 * says what was awaited, what arrived, and the end of the runtime's log.
 */
public final class StatefunRuntimeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StatefunRuntimeException(String message) {
    super(message);
  }

  public StatefunRuntimeException(String message, Throwable cause) {
    super(message, cause);
  }
}

package dev.statefun.jakarta.types;

/**
 * A JSON type was declared where JSON-B cannot work: the API or its implementation is missing from the class path.
 * The message names the dependency to add. The deployment and {@code FunctionTester} report it as it is, not as a
 * mistake in the declaration.
 */
public final class JsonBindingMissingException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  JsonBindingMissingException(String message, Throwable cause) {
    super(message, cause);
  }
}

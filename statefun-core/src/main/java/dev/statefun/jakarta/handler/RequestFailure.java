package dev.statefun.jakarta.handler;

/**
 * Why a request got no reply, and whose fault it is: each subtype carries the HTTP status that
 * says so, so that every transport answers alike.
 *
 * <ul>
 *   <li>{@link MalformedRequestException}, 400: the bytes are not a valid request (the caller's fault);
 *   <li>{@link UnknownFunctionException}, 404: no function of the target type is served here;
 *   <li>{@link RequestTooLargeException}, 413: the request is over a limit;
 *   <li>{@link FunctionFailedException}, 500: the function threw;
 *   <li>{@link HandlerBugException}, 500: the handler itself failed on a request it should have served.
 * </ul>
 */
public abstract sealed class RequestFailure extends RuntimeException
    permits MalformedRequestException, UnknownFunctionException, RequestTooLargeException, FunctionFailedException,
    HandlerBugException {
  private final int httpStatus;

  RequestFailure(int httpStatus, String message, Throwable cause) {
    super(message, cause);
    this.httpStatus = httpStatus;
  }

  /** The HTTP status that answers this failure: 400, 404, 413 or 500. */
  public final int httpStatus() {
    return httpStatus;
  }
}

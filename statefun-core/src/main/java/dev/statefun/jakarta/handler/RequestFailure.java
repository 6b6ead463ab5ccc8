package dev.statefun.jakarta.handler;

/** Why a request got no reply; each subtype maps to one HTTP status. */
public abstract sealed class RequestFailure extends RuntimeException
    permits MalformedRequestException, UnknownFunctionException, FunctionFailedException {

  RequestFailure(String message, Throwable cause) {
    super(message, cause);
  }
}

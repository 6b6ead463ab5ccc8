package dev.statefun.jakarta.handler;

/** How the handler answered one request; see {@link BatchObservation}. */
public enum BatchOutcome {
  /** The batch ran and its effects were returned. */
  REPLIED,
  /** The runtime sent too few states; the reply asked it to register them (the batch did not run). */
  INCOMPLETE_CONTEXT,
  /** The bytes were no valid request (HTTP 400). */
  MALFORMED_REQUEST,
  /** No function of the target type is served (HTTP 404). */
  UNKNOWN_FUNCTION,
  /** An invocation threw or its stage failed; nothing of the batch was returned (HTTP 500). */
  FUNCTION_FAILED,
  /** More invocations or states than the limits allow (HTTP 413). */
  REQUEST_TOO_LARGE,
  /** A bug in the SDK's handler, not in the request or the function (HTTP 500). */
  HANDLER_FAILED
}

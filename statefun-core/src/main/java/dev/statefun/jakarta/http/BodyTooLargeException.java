package dev.statefun.jakarta.http;

import java.io.IOException;

/** A request body passed the body limit while it was being read. */
public final class BodyTooLargeException extends IOException {
  BodyTooLargeException(long limit) {
    super("The request body is over the limit of " + limit + " bytes", null);
  }
}

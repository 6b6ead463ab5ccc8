package dev.statefun.jakarta.http;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * What an endpoint answers one request: the status, the body with its content type, and the
 * headers that go with it ({@code Allow}, {@code Retry-After}, {@code Connection: close}). A
 * transport writes it as it is, adding only {@code Content-Length}.
 *
 * @param status the HTTP status
 * @param contentType {@link HttpContract#OCTET_STREAM} for a reply, {@link HttpContract#TEXT} for an error
 * @param body the bytes to send (a reply's, or a one-line message)
 * @param headers further headers, by name
 */
public record HttpAnswer(int status, String contentType, byte[] body, Map<String, String> headers) {
  public HttpAnswer {
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(body, "body");
    headers = Map.copyOf(headers);
  }

  /** Whether the connection must be closed after this answer (the request's body was not read whole). */
  public boolean closesConnection() {
    return "close".equals(headers.get(HttpContract.CONNECTION));
  }

  /** The body as text (for errors and logs). */
  public String text() {
    return new String(body, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "HttpAnswer[" + status + " " + contentType + ", " + body.length + " bytes"
        + (HttpContract.TEXT.equals(contentType) ? ": " + text() : "") + ", " + headers + "]";
  }
}

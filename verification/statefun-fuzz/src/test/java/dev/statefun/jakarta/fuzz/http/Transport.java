package dev.statefun.jakarta.fuzz.http;

/** How a fuzz input reaches the server. */
public enum Transport {
  /** JDK HttpClient, the body with a Content-Length. */
  CLIENT_FIXED,
  /** JDK HttpClient, the body streamed (chunked transfer encoding). */
  CLIENT_STREAMED,
  /** A bare socket, with the framing of the body chosen by the fuzzer ({@link Framing}). */
  RAW
}

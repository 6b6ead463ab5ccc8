package dev.statefun.jakarta.fuzz.http;

/** How a bare-socket request frames its body; some on purpose wrong. */
public enum Framing {
  /** Content-Length equal to the body's length. */
  EXACT,
  /** Content-Length short of the body: the server must answer for the declared prefix. */
  SHORTER,
  /** Content-Length past the body, then end of output: the body is incomplete. */
  LONGER,
  /** Chunked, in chunks of fuzzed sizes. */
  CHUNKED,
  /** Chunked without the final empty chunk, then end of output: the body is incomplete. */
  CHUNKED_TRUNCATED,
  /** Neither Content-Length nor Transfer-Encoding, the body sent anyway: the request has no body. */
  NO_LENGTH,
  /** A Content-Length that is no valid length (text, negative, huge, repeated). */
  BAD_LENGTH
}

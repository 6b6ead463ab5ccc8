package dev.statefun.jakarta.jaxrs;

import dev.statefun.jakarta.internal.WireReader;
import dev.statefun.jakarta.internal.WireReader.WireFormatException;

/**
 * Counts the invocations of a {@code ToFunction} request without parsing them: a walk over the
 * top-level fields that skips every length-delimited field, so it allocates nothing and costs a
 * few varints per invocation. Lets the endpoint refuse an oversized batch before the handler
 * builds anything for it.
 */
final class InvocationCounter {
  private static final int TO_FUNCTION_INVOCATION = (100 << 3) | WireReader.LENGTH_DELIMITED;
  private static final int BATCH_INVOCATIONS = (3 << 3) | WireReader.LENGTH_DELIMITED;

  private InvocationCounter() {}

  /**
   * The number of invocations in the request (repeated batch fields merge, as protobuf merges
   * them), or -1 if the bytes are not well-formed protobuf; the handler then says what is wrong.
   */
  static long count(byte[] request) {
    try {
      long count = 0;
      WireReader outer = new WireReader(request, 0, request.length);
      while (outer.hasRemaining()) {
        int tag = outer.readTag();
        if (tag != TO_FUNCTION_INVOCATION) {
          outer.skipField(tag);
          continue;
        }
        outer.readLengthDelimited();
        WireReader batch = new WireReader(request, outer.lastOffset(), outer.lastLength());
        while (batch.hasRemaining()) {
          int inner = batch.readTag();
          if (inner == BATCH_INVOCATIONS) {
            count++;
          }
          batch.skipField(inner);
        }
      }
      return count;
    } catch (WireFormatException e) {
      return -1;
    }
  }
}

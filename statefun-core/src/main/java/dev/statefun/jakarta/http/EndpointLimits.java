package dev.statefun.jakarta.http;

import dev.statefun.jakarta.handler.RequestReplyHandler;

/**
 * What one request to a StateFun endpoint may hold ({@link HttpContract} applies them). Over either limit the request
 * is answered 413 with a message saying which limit and how to raise it.
 *
 * @param maxBodyBytes the largest request body accepted, in bytes; checked against
 *     {@code Content-Length} before reading and counted while reading a chunked body
 * @param maxBatchSize the most invocations one request may carry; the runtime batches up to 1000
 *     per address by default ({@code maxNumBatchRequests} of its endpoint spec), so keep this above
 *     whatever the runtime is configured with
 */
public record EndpointLimits(long maxBodyBytes, int maxBatchSize) {
  /** {@value} : {@link #maxBodyBytes()}'s property name. */
  public static final String MAX_BODY_BYTES = "statefun.max-body-bytes";
  /** {@value} : {@link #maxBatchSize()}'s property name. */
  public static final String MAX_BATCH_SIZE = "statefun.max-batch-size";

  /** 32 MiB: the runtime's own cap on a reply, and far above any request it sends. */
  public static final long DEFAULT_MAX_BODY_BYTES = 32L * 1024 * 1024;
  /** Ten times the runtime's default batch of 1000 per address. */
  public static final int DEFAULT_MAX_BATCH_SIZE = 10_000;

  public static final EndpointLimits DEFAULTS = new EndpointLimits(DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_BATCH_SIZE);

  public EndpointLimits {
    if (maxBodyBytes < 1 || maxBodyBytes > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          MAX_BODY_BYTES + " must be between 1 and " + (Integer.MAX_VALUE - 8) + " bytes, not " + maxBodyBytes);
    }
    if (maxBatchSize < 1 || maxBatchSize > RequestReplyHandler.MAX_INVOCATIONS_PER_REQUEST) {
      throw new IllegalArgumentException(MAX_BATCH_SIZE + " must be between 1 and "
          + RequestReplyHandler.MAX_INVOCATIONS_PER_REQUEST + " (the handler's own bound), not " + maxBatchSize);
    }
  }

  public EndpointLimits withMaxBodyBytes(long bytes) {
    return new EndpointLimits(bytes, maxBatchSize);
  }

  public EndpointLimits withMaxBatchSize(int invocations) {
    return new EndpointLimits(maxBodyBytes, invocations);
  }
}

package dev.statefun.jakarta.handler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statefun.jakarta.FunctionRegistry;
import dev.statefun.jakarta.FunctionSpec;
import dev.statefun.jakarta.ValueSpec;
import dev.statefun.jakarta.internal.protocol.FromFunction;
import dev.statefun.jakarta.testkit.Requests;
import dev.statefun.jakarta.types.Types;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Hostile bytes: every one is refused with a {@link MalformedRequestException} (or ignored, where
 * protobuf ignores it), without deep recursion and without allocating more than a bounded index,
 * whatever the request claims.
 */
class HostileInputTest {
  static final ValueSpec<Integer> SEEN = ValueSpec.of("seen", Types.INT);
  final RequestReplyHandler handler = FunctionRegistry.builder()
      .register(FunctionSpec.builder("test.fns/f").withValueSpec(SEEN)
          .withFunction((context, message) -> context.storage().set(SEEN, context.storage().get(SEEN).orElse(0) + 1))
          .build())
      .build().handler();

  @Test
  void aLengthBeyondTheInputIsRefused() {
    // ToFunction.invocation claiming 2 GiB - 1 in a 7-byte request.
    byte[] request = bytes(0xA2, 0x06, 0xFF, 0xFF, 0xFF, 0xFF, 0x07);
    assertMalformed(request, "exceeds the input");
    // And inside the batch: a target claiming more than its parent holds.
    assertMalformed(field(100, bytes(0x0A, 0x7F, 0x00)), "exceeds the input");
  }

  @Test
  void anOverlongVarintIsRefused() {
    byte[] request = new byte[12];
    Arrays.fill(request, (byte) 0xFF);
    request[0] = (byte) 0x08; // field 1, varint: then 11 continuation bytes
    assertMalformed(request, "malformed varint");
  }

  @Test
  void deeplyNestedGroupsAreRefusedWithoutDeepRecursion() {
    // Unknown field 15 as a group nested 100 000 deep: refused at depth 64, not a StackOverflowError.
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < 100_000; i++) {
      out.write((15 << 3) | 3);
    }
    assertMalformed(field(100, concat(validBatch(), out.toByteArray())), "groups nested deeper than 64");
  }

  @Test
  void groupsWithinTheDepthBoundAreSkipped() {
    ByteArrayOutputStream group = new ByteArrayOutputStream();
    for (int i = 0; i < 60; i++) {
      group.write((15 << 3) | 3);
    }
    for (int i = 0; i < 60; i++) {
      group.write((15 << 3) | 4);
    }
    FromFunction reply = Requests.reply(handler, field(100, concat(validBatch(), group.toByteArray())));
    assertEquals(1, reply.getInvocationResult().getStateMutationsCount());
  }

  @Test
  void deeplyNestedUnknownMessagesAreSkippedUnread() {
    // 20 000 levels of an unknown length-delimited field inside each other: skipped as opaque bytes.
    byte[] nested = new byte[0];
    for (int i = 0; i < 20_000; i++) {
      nested = field(15, nested);
    }
    FromFunction reply = Requests.reply(handler, field(100, concat(validBatch(), nested)));
    assertEquals(1, reply.getInvocationResult().getStateMutationsCount());
  }

  @Test
  void tooManyStateValuesAreRefused() {
    // Two bytes each (an empty PersistedValue) would cost 28 bytes of index each without the bound.
    byte[] states = repeat(bytes(0x12, 0x00), RequestReplyHandler.MAX_STATES_PER_REQUEST + 1);
    assertTooLarge(field(100, concat(validBatch(), states)),
        "more than " + RequestReplyHandler.MAX_STATES_PER_REQUEST + " state values");
  }

  @Test
  void tooManyInvocationsAreRefused() {
    byte[] invocations = repeat(bytes(0x1A, 0x00), RequestReplyHandler.MAX_INVOCATIONS_PER_REQUEST + 1);
    assertTooLarge(field(100, concat(validBatch(), invocations)),
        "holds " + (RequestReplyHandler.MAX_INVOCATIONS_PER_REQUEST + 2) + " invocations; at most "
            + RequestReplyHandler.MAX_INVOCATIONS_PER_REQUEST + " are accepted");
  }

  @Test
  void aHugeRequestOfEmptyStatesIsRefusedAtTheBound() {
    // 32 MiB of empty states: refused at the 10 001st, not indexed (448 MiB) first.
    byte[] states = repeat(bytes(0x12, 0x00), 16 << 20);
    byte[] request = field(100, concat(validBatch(), states));
    long allocated = allocatedWhile(() -> assertTooLarge(request,
        "more than " + RequestReplyHandler.MAX_STATES_PER_REQUEST + " state values"));
    // The index of 10 000 states is 280 KB, grown by doubling: well under 4 MiB, where 16 Mi states would take 448 MiB.
    assertTrue(allocated < (4 << 20), () -> "refusing the request allocated " + allocated + " bytes");
  }

  @Test
  void aHugeRequestOfEmptyInvocationsIsIndexedOnlyUpToTheLimit() {
    // 16 Mi empty invocations in 32 MiB: counted for the message, indexed only up to the limit.
    byte[] request = field(100, concat(validBatch(), repeat(bytes(0x1A, 0x00), 16 << 20)));
    long allocated = allocatedWhile(() -> assertTooLarge(request, "at most "
        + RequestReplyHandler.MAX_INVOCATIONS_PER_REQUEST + " are accepted"));
    // 100 000 invocations of 28 bytes each, grown by doubling: under 16 MiB, where 16 Mi would take 448 MiB.
    assertTrue(allocated < (16 << 20), () -> "refusing the request allocated " + allocated + " bytes");
  }

  /** The bytes this thread allocated while running {@code action}. */
  private static long allocatedWhile(Runnable action) {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().getId();
    long before = threads.getThreadAllocatedBytes(thread);
    action.run();
    long allocated = threads.getThreadAllocatedBytes(thread) - before;
    assertTrue(before >= 0 && allocated > 0, "this JVM must measure allocation per thread");
    return allocated;
  }

  @Test
  void theBoundsLetRealisticBatchesThrough() throws Exception {
    Requests batch = Requests.to("test.fns", "f", "x").state("seen", Types.INT, 0);
    for (int i = 0; i < 1000; i++) {
      batch.invoke(Types.STRING, "m" + i);
    }
    FromFunction reply = Requests.reply(handler, batch.bytes());
    assertEquals(1000, dev.statefun.jakarta.internal.protocol.IntWrapper.parseFrom(
        reply.getInvocationResult().getStateMutations(0).getStateValue().getValue()).getValue());
  }

  /** A batch for test.fns/f with its state and one invocation, as InvocationBatchRequest fields. */
  private static byte[] validBatch() {
    byte[] target = concat(string(1, "test.fns"), string(2, "f"), string(3, "x"));
    byte[] state = string(1, "seen");
    byte[] argument = concat(string(1, "io.statefun.types/string"), bytes(0x10, 0x01), field(3, string(1, "hi")));
    return concat(field(1, target), field(2, state), field(3, field(2, argument)));
  }

  private void assertMalformed(byte[] request, String containing) {
    RequestFailure failure = HandlerProtocolTest.failureOf(handler, request);
    assertInstanceOf(MalformedRequestException.class, failure);
    assertTrue(failure.getMessage().contains(containing), failure.getMessage());
  }

  private void assertTooLarge(byte[] request, String containing) {
    RequestFailure failure = HandlerProtocolTest.failureOf(handler, request);
    assertInstanceOf(RequestTooLargeException.class, failure);
    assertEquals(413, failure.httpStatus());
    assertTrue(failure.getMessage().contains(containing), failure.getMessage());
  }

  static byte[] field(int number, byte[] content) {
    return concat(varint((number << 3) | 2), varint(content.length), content);
  }

  static byte[] string(int number, String value) {
    return field(number, value.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] varint(long value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while ((value & ~0x7FL) != 0) {
      out.write((int) (value & 0x7F) | 0x80);
      value >>>= 7;
    }
    out.write((int) value);
    return out.toByteArray();
  }

  static byte[] bytes(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }

  static byte[] repeat(byte[] unit, int times) {
    byte[] out = new byte[unit.length * times];
    for (int i = 0; i < times; i++) {
      System.arraycopy(unit, 0, out, i * unit.length, unit.length);
    }
    return out;
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  @Test
  void helpersEncodeAsProtobufDoes() {
    assertArrayEquals(bytes(0xAC, 0x02), varint(300));
  }
}

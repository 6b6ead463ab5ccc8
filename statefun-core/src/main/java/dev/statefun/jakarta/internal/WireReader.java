package dev.statefun.jakarta.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads protobuf wire format straight from a byte array, without copying: length-delimited
 * fields are returned as offsets into the array. Every malformation (truncation, overlong varint,
 * invalid wire type, bad UTF-8) throws {@link WireFormatException}. Not thread-safe.
 */
public final class WireReader {
  public static final int VARINT = 0;
  public static final int FIXED64 = 1;
  public static final int LENGTH_DELIMITED = 2;
  public static final int START_GROUP = 3;
  public static final int END_GROUP = 4;
  public static final int FIXED32 = 5;

  // Groups are a deprecated proto2 feature; bounding their nesting keeps skipping iterative in spirit.
  private static final int MAX_GROUP_DEPTH = 64;

  private final byte[] buffer;
  private int position;
  private int limit;
  private int lastOffset;
  private int lastLength;

  /** The tag of field {@code fieldNumber} with {@code wireType}, as {@link #readTag} returns it. */
  public static int tag(int fieldNumber, int wireType) {
    return (fieldNumber << 3) | wireType;
  }

  public WireReader(byte[] buffer, int offset, int length) {
    this.buffer = buffer;
    this.position = offset;
    this.limit = offset + length;
  }

  public boolean hasRemaining() {
    return position < limit;
  }

  public int position() {
    return position;
  }

  /** Reads a tag; 0 is never a valid tag. */
  public int readTag() {
    int tag = readVarint32();
    if ((tag >>> 3) == 0) {
      throw new WireFormatException("invalid field number 0 at offset " + (position - 1));
    }
    return tag;
  }

  public int readVarint32() {
    return (int) readVarint64();
  }

  public long readVarint64() {
    long result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (position >= limit) {
        throw new WireFormatException("truncated varint");
      }
      byte b = buffer[position++];
      result |= (long) (b & 0x7f) << shift;
      if (b >= 0) {
        return result;
      }
    }
    throw new WireFormatException("malformed varint (more than 10 bytes)");
  }

  public boolean readBool() {
    return readVarint64() != 0;
  }

  /**
   * Reads a length-delimited field; its bounds are then available from {@link #lastOffset()} and
   * {@link #lastLength()}.
   */
  public void readLengthDelimited() {
    int length = readVarint32();
    if (length < 0 || length > limit - position) {
      throw new WireFormatException("length-delimited field of " + length + " bytes exceeds the input");
    }
    lastOffset = position;
    lastLength = length;
    position += length;
  }

  public int lastOffset() {
    return lastOffset;
  }

  public int lastLength() {
    return lastLength;
  }

  /** Reads a length-delimited field as UTF-8 text. */
  public String readString() {
    readLengthDelimited();
    return utf8(buffer, lastOffset, lastLength);
  }

  /** Skips a field whose tag was just read. */
  public void skipField(int tag) {
    skipField(tag, 0);
  }

  private void skipField(int tag, int depth) {
    switch (tag & 7) {
      case VARINT -> readVarint64();
      case FIXED64 -> skipBytes(8);
      case LENGTH_DELIMITED -> readLengthDelimited();
      case FIXED32 -> skipBytes(4);
      case START_GROUP -> {
        if (depth >= MAX_GROUP_DEPTH) {
          throw new WireFormatException("groups nested deeper than " + MAX_GROUP_DEPTH);
        }
        int end = (tag & ~7) | END_GROUP;
        while (true) {
          if (!hasRemaining()) {
            throw new WireFormatException("truncated group");
          }
          int inner = readTag();
          if (inner == end) {
            return;
          }
          skipField(inner, depth + 1);
        }
      }
      default -> throw new WireFormatException("invalid wire type " + (tag & 7));
    }
  }

  private void skipBytes(int n) {
    if (limit - position < n) {
      throw new WireFormatException("truncated fixed-width field");
    }
    position += n;
  }

  /** Decodes UTF-8 strictly: malformed input is an error, as for protobuf's proto3 strings. */
  public static String utf8(byte[] buffer, int offset, int length) {
    if (length == 0) {
      return "";
    }
    String s = new String(buffer, offset, length, StandardCharsets.UTF_8);
    // The lenient decoder replaces bad input with U+FFFD; only then pay for a strict check.
    if (s.indexOf('\uFFFD') >= 0) {
      try {
        StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(buffer, offset, length));
      } catch (CharacterCodingException e) {
        throw new WireFormatException("string field is not valid UTF-8");
      }
    }
    return s;
  }

  /** What the reader throws for input that is not valid protobuf. */
  public static final class WireFormatException extends RuntimeException {
    public WireFormatException(String message) {
      super(message, null, false, false);
    }
  }
}

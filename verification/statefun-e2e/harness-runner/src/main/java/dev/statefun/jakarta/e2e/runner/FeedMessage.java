package dev.statefun.jakarta.e2e.runner;

import java.io.Serializable;

/**
 * One line of the messages file: where to send a typed value. A Flink POJO (public fields, no-arg
 * constructor) so that it crosses operator boundaries without Kryo.
 */
public final class FeedMessage implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Target function type, {@code namespace/name}. */
  public String targetType;
  /** Target function id. */
  public String id;
  /** Typename of the value, e.g. {@code io.statefun.types/string}. */
  public String typeName;
  /** The value's bytes as the function receives them. */
  public byte[] value;

  public FeedMessage() {}

  FeedMessage(String targetType, String id, String typeName, byte[] value) {
    this.targetType = targetType;
    this.id = id;
    this.typeName = typeName;
    this.value = value;
  }
}

package dev.statefun.jakarta.internal;

import dev.statefun.jakarta.TypeName;
import dev.statefun.jakarta.message.Message;

/**
 * Lets the handler read the encoded bytes behind public value objects without copying them and
 * without widening their public API. The value classes install the accessors in their static
 * initialisers; {@link #messages()} and {@link #typeNames()} make sure that has happened.
 */
public final class InternalAccess {
  private InternalAccess() {}

  /** Reads a message's value in place. */
  public interface MessageAccessor {
    byte[] buffer(Message message);

    int offset(Message message);

    int length(Message message);
  }

  /** Reads the cached UTF-8 forms of a type name. */
  public interface TypeNameAccessor {
    byte[] namespaceUtf8(TypeName typeName);

    byte[] nameUtf8(TypeName typeName);

    byte[] canonicalUtf8(TypeName typeName);
  }

  private static volatile MessageAccessor messageAccessor;
  private static volatile TypeNameAccessor typeNameAccessor;

  public static void install(MessageAccessor accessor) {
    messageAccessor = accessor;
  }

  public static void install(TypeNameAccessor accessor) {
    typeNameAccessor = accessor;
  }

  public static MessageAccessor messages() {
    if (messageAccessor == null) {
      initialise(Message.class);
    }
    return messageAccessor;
  }

  public static TypeNameAccessor typeNames() {
    if (typeNameAccessor == null) {
      initialise(TypeName.class);
    }
    return typeNameAccessor;
  }

  private static void initialise(Class<?> type) {
    try {
      Class.forName(type.getName(), true, type.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }
}

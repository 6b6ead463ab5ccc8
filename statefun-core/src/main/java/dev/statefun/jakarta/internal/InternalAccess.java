package dev.statefun.jakarta.internal;

import dev.statefun.jakarta.Address;
import dev.statefun.jakarta.TypeName;
import dev.statefun.jakarta.egress.EgressMessage;
import dev.statefun.jakarta.message.Message;
import dev.statefun.jakarta.types.PrimitiveType;

/**
 * Lets the handler read the encoded bytes behind public value objects without copying them and
 * without widening their public API. The value classes install the accessors in their static
 * initialisers, each exactly once: a second installation (anyone else's) is refused, so no caller
 * can replace them. The getters make sure the owning class is initialised. Not an API: this
 * package is internal and may change in any release.
 */
public final class InternalAccess {
  private InternalAccess() {}

  /** Reads a message's value in place. */
  public interface MessageAccessor {
    byte[] buffer(Message message);

    int offset(Message message);

    int length(Message message);

    /** A message over a range of a buffer that the caller never changes again: not copied. */
    Message wrap(Address target, TypeName valueTypeName, byte[] buffer, int offset, int length);
  }

  /** Reads an egress message's encoded value in place. */
  public interface EgressAccessor {
    byte[] value(EgressMessage message);
  }

  /** Decodes a primitive from a range of a buffer, without copying it. */
  public interface PrimitiveAccessor {
    <T> T decode(PrimitiveType<T> type, byte[] buffer, int offset, int length);
  }

  /** Reads the cached UTF-8 forms of a type name. */
  public interface TypeNameAccessor {
    byte[] namespaceUtf8(TypeName typeName);

    byte[] nameUtf8(TypeName typeName);

    byte[] canonicalUtf8(TypeName typeName);
  }

  private static volatile MessageAccessor messageAccessor;
  private static volatile TypeNameAccessor typeNameAccessor;
  private static volatile EgressAccessor egressAccessor;
  private static volatile PrimitiveAccessor primitiveAccessor;

  public static synchronized void install(MessageAccessor accessor) {
    messageAccessor = once(messageAccessor, accessor);
  }

  public static synchronized void install(TypeNameAccessor accessor) {
    typeNameAccessor = once(typeNameAccessor, accessor);
  }

  public static synchronized void install(EgressAccessor accessor) {
    egressAccessor = once(egressAccessor, accessor);
  }

  public static synchronized void install(PrimitiveAccessor accessor) {
    primitiveAccessor = once(primitiveAccessor, accessor);
  }

  private static <A> A once(A installed, A accessor) {
    if (installed != null) {
      throw new IllegalStateException("The accessor is installed already, by its own class; it cannot be replaced");
    }
    return java.util.Objects.requireNonNull(accessor, "accessor");
  }

  public static EgressAccessor egress() {
    if (egressAccessor == null) {
      initialise(EgressMessage.class);
    }
    return egressAccessor;
  }

  public static PrimitiveAccessor primitives() {
    if (primitiveAccessor == null) {
      initialise(PrimitiveType.class);
    }
    return primitiveAccessor;
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

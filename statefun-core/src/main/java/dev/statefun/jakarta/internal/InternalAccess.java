package dev.statefun.jakarta.internal;

import dev.statefun.jakarta.Address;
import dev.statefun.jakarta.TypeName;
import dev.statefun.jakarta.egress.EgressMessage;
import dev.statefun.jakarta.message.Message;
import java.util.Objects;

/**
 * Lets the handler read and build messages over the request's and the functions' bytes without
 * copying them, and without a public member that hands out a value's array: {@link Message} and
 * {@link EgressMessage} copy on every public path. The two classes install their accessor in their
 * static initialisers, each exactly once: a second installation (anyone else's) is refused, so no
 * caller can replace them. The getters make sure the owning class is initialised. Not an API: this
 * package is internal and may change in any release.
 */
public final class InternalAccess {
  private InternalAccess() {}

  /** Reads a message's value in place, and wraps a range of a buffer as a message. */
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

  private static volatile MessageAccessor messageAccessor;
  private static volatile EgressAccessor egressAccessor;

  public static synchronized void install(MessageAccessor accessor) {
    messageAccessor = once(messageAccessor, accessor);
  }

  public static synchronized void install(EgressAccessor accessor) {
    egressAccessor = once(egressAccessor, accessor);
  }

  private static <A> A once(A installed, A accessor) {
    if (installed != null) {
      throw new IllegalStateException("The accessor is installed already, by its own class; it cannot be replaced");
    }
    return Objects.requireNonNull(accessor, "accessor");
  }

  public static MessageAccessor messages() {
    if (messageAccessor == null) {
      initialise(Message.class);
    }
    return messageAccessor;
  }

  public static EgressAccessor egress() {
    if (egressAccessor == null) {
      initialise(EgressMessage.class);
    }
    return egressAccessor;
  }

  private static void initialise(Class<?> type) {
    try {
      Class.forName(type.getName(), true, type.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }
}

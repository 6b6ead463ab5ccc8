package dev.statefun.jakarta.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.statefun.jakarta.Address;
import dev.statefun.jakarta.TypeName;
import dev.statefun.jakarta.egress.EgressMessage;
import dev.statefun.jakarta.message.Message;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The handler's zero-copy access: installed once by its own classes, and no public way around the copies. */
class InternalAccessTest {
  static final Address TARGET = new Address(TypeName.parse("test.fns/f"), "x");
  static final TypeName TYPE = TypeName.parse("test.types/raw");

  @Test
  void accessorsCannotBeReplaced() {
    assertNotNull(InternalAccess.messages());
    assertNotNull(InternalAccess.egress());
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> InternalAccess.install((InternalAccess.EgressAccessor) message -> new byte[0]));
    assertEquals("The accessor is installed already, by its own class; it cannot be replaced", e.getMessage());
    assertThrows(IllegalStateException.class, () -> InternalAccess.install(InternalAccess.messages()));
  }

  @Test
  void fastPathsAreNotPublic() {
    // The only public members that take or return a value's bytes are the copying ones.
    assertEquals(Set.of("ofRaw(Address,TypeName,byte[])", "rawValue()"), bytesMembers(Message.class));
    assertEquals(Set.of("ofRaw(TypeName,TypeName,byte[])", "rawValue()"), bytesMembers(EgressMessage.class));

    byte[] bytes = {1, 2, 3};
    Message message = Message.ofRaw(TARGET, TYPE, bytes);
    EgressMessage egress = EgressMessage.ofRaw(TYPE, TYPE, bytes);
    bytes[0] = 9;
    message.rawValue()[1] = 9;
    egress.rawValue()[1] = 9;
    assertArrayEquals(new byte[] {1, 2, 3}, message.rawValue());
    assertArrayEquals(new byte[] {1, 2, 3}, egress.rawValue());
    // What the handler reads in place is what the public API copies.
    assertArrayEquals(message.rawValue(), Arrays.copyOfRange(InternalAccess.messages().buffer(message),
        InternalAccess.messages().offset(message),
        InternalAccess.messages().offset(message) + InternalAccess.messages().length(message)));
    assertArrayEquals(egress.rawValue(), InternalAccess.egress().value(egress));
  }

  /** The public methods and constructors of {@code type} with a byte[] parameter or result, as name(parameter types). */
  private static Set<String> bytesMembers(Class<?> type) {
    Set<String> members = new TreeSet<>();
    Stream.concat(Arrays.stream(type.getDeclaredMethods()), Arrays.stream(type.getDeclaredConstructors()))
        .filter(member -> Modifier.isPublic(member.getModifiers()))
        .filter(member -> Arrays.asList(member.getParameterTypes()).contains(byte[].class)
            || member instanceof Method method && method.getReturnType() == byte[].class)
        .forEach(member -> members.add(signature(member)));
    return members;
  }

  private static String signature(Executable member) {
    String name = member instanceof Method ? member.getName() : member.getDeclaringClass().getSimpleName();
    return name + "(" + String.join(",", Arrays.stream(member.getParameterTypes()).map(Class::getSimpleName).toList())
        + ")";
  }
}

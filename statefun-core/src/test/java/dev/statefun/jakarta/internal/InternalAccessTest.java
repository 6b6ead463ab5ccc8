package dev.statefun.jakarta.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.statefun.jakarta.Address;
import dev.statefun.jakarta.TypeName;
import dev.statefun.jakarta.egress.EgressMessage;
import dev.statefun.jakarta.message.Message;
import dev.statefun.jakarta.types.Type;
import dev.statefun.jakarta.types.Types;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The handler's zero-copy access: only to messages' and egress messages' bytes, installed once by their
 * own classes, and no public way around the copies.
 */
class InternalAccessTest {
  static final Address TARGET = new Address(TypeName.parse("test.fns/f"), "x");
  static final TypeName TYPE = TypeName.parse("test.types/raw");

  @Test
  void onlyMessagesAndEgressMessagesHaveAccessors() {
    assertEquals(Set.of("EgressAccessor", "MessageAccessor"),
        Arrays.stream(InternalAccess.class.getDeclaredClasses()).map(Class::getSimpleName).collect(Collectors.toSet()));
    assertEquals(Set.of("egress()", "install(EgressAccessor)", "install(MessageAccessor)", "messages()"),
        Arrays.stream(InternalAccess.class.getDeclaredMethods())
            .filter(method -> Modifier.isPublic(method.getModifiers()))
            .map(InternalAccessTest::signature)
            .collect(Collectors.toSet()));
  }

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
  void publicBytesMembersCopy() {
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
    InternalAccess.MessageAccessor messages = InternalAccess.messages();
    assertArrayEquals(message.rawValue(), Arrays.copyOfRange(messages.buffer(message), messages.offset(message),
        messages.offset(message) + messages.length(message)));
    assertArrayEquals(egress.rawValue(), InternalAccess.egress().value(egress));
  }

  @Test
  void primitiveTypeIsNotPublic() throws ClassNotFoundException {
    Class<?> primitiveType = Class.forName("dev.statefun.jakarta.types.PrimitiveType");
    assertFalse(Modifier.isPublic(primitiveType.getModifiers()), "PrimitiveType is public");
    for (Type<?> type : List.of(Types.BOOL, Types.INT, Types.LONG, Types.FLOAT, Types.DOUBLE, Types.STRING)) {
      assertFalse(Modifier.isPublic(type.getClass().getModifiers()), type + " has a public class");
    }
  }

  @Test
  void primitivesDecodeInPlace() {
    byte[] encoded = Types.STRING.serialize("hé");
    byte[] buffer = new byte[encoded.length + 4];
    System.arraycopy(encoded, 0, buffer, 2, encoded.length);
    byte[] before = buffer.clone();
    InPlaceDecoder<?> decoder = assertInstanceOf(InPlaceDecoder.class, Types.STRING);
    assertEquals("hé", decoder.decode(buffer, 2, encoded.length));
    assertArrayEquals(before, buffer);
    for (Type<?> type : List.of(Types.BOOL, Types.INT, Types.LONG, Types.FLOAT, Types.DOUBLE)) {
      assertInstanceOf(InPlaceDecoder.class, type, type + " is decoded from a copy");
    }
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

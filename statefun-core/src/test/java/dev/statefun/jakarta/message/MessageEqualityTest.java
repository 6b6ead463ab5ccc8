package dev.statefun.jakarta.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.statefun.jakarta.Address;
import dev.statefun.jakarta.TypeName;
import dev.statefun.jakarta.internal.InternalAccess;
import dev.statefun.jakarta.types.Types;
import org.junit.jupiter.api.Test;

/** Messages are values, as egress messages are: equal target, typename and bytes make equal messages. */
class MessageEqualityTest {
  static final Address BOB = new Address(TypeName.parse("test.fns/greeter"), "bob");

  @Test
  void equalValuesAreEqualWhereverTheirBytesLie() {
    Message built = MessageBuilder.forAddress(BOB).withValue("hi").build();
    byte[] encoded = Types.STRING.serialize("hi");
    byte[] request = new byte[encoded.length + 5];
    System.arraycopy(encoded, 0, request, 3, encoded.length);
    // As the handler hands a function its argument: a view into the request's bytes.
    Message received = InternalAccess.messages().wrap(BOB, Types.STRING.typeName(), request, 3, encoded.length);

    assertEquals(built, received);
    assertEquals(built.hashCode(), received.hashCode());
    assertEquals(built, Message.ofRaw(BOB, Types.STRING.typeName(), encoded));
  }

  @Test
  void anyDifferenceMakesThemUnequal() {
    Message hi = MessageBuilder.forAddress(BOB).withValue("hi").build();
    assertNotEquals(hi, MessageBuilder.forAddress(BOB).withValue("ho").build());
    assertNotEquals(hi, MessageBuilder.forAddress(new Address(BOB.type(), "alice")).withValue("hi").build());
    assertNotEquals(hi, Message.ofRaw(BOB, TypeName.parse("test.types/other"), Types.STRING.serialize("hi")));
    assertNotEquals(hi, Message.ofRaw(BOB, Types.STRING.typeName(), new byte[0]));
  }
}

package dev.statefun.jakarta.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.Test;

/** The handler's fast paths: installed once by their own classes, and not public on the API types. */
class InternalAccessTest {

  @Test
  void accessorsCannotBeReplaced() {
    assertNotNull(InternalAccess.messages());
    assertNotNull(InternalAccess.typeNames());
    assertNotNull(InternalAccess.egress());
    assertNotNull(InternalAccess.primitives());
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> InternalAccess.install((InternalAccess.EgressAccessor) message -> new byte[0]));
    assertEquals("The accessor is installed already, by its own class; it cannot be replaced", e.getMessage());
    assertThrows(IllegalStateException.class, () -> InternalAccess.install(new InternalAccess.PrimitiveAccessor() {
      @Override
      public <T> T decode(dev.statefun.jakarta.types.PrimitiveType<T> type, byte[] buffer, int offset, int length) {
        return null;
      }
    }));
  }

  @Test
  void fastPathsAreNotPublic() throws Exception {
    for (Method method : dev.statefun.jakarta.message.Message.class.getDeclaredMethods()) {
      assertEquals(false, method.getName().equals("wrap") && Modifier.isPublic(method.getModifiers()), method::toString);
    }
    for (Method method : dev.statefun.jakarta.egress.EgressMessage.class.getMethods()) {
      assertEquals(false, method.getName().equals("rawValueUnsafe"), method::toString);
    }
    Method decode = dev.statefun.jakarta.types.PrimitiveType.class.getDeclaredMethod("decode", byte[].class, int.class,
        int.class);
    assertEquals(false, Modifier.isPublic(decode.getModifiers()));
  }
}

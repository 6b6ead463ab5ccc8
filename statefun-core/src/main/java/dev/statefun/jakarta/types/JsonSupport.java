package dev.statefun.jakarta.types;

import dev.statefun.jakarta.TypeName;
import java.lang.reflect.InvocationTargetException;

/**
 * Checks that JSON-B can work before a {@link JsonType} is made. JsonType links against the JSON-B API, so without
 * it the class fails to load with a bare {@code NoClassDefFoundError}; this class names no JSON-B type and looks for
 * the API and its provider by name instead.
 */
final class JsonSupport {
  private static final String API = "jakarta.json.bind:jakarta.json.bind-api";
  private static final String IMPLEMENTATION = "org.eclipse:yasson";

  private JsonSupport() {}

  /**
   * Throws {@link JsonBindingMissingException} naming what to add when the JSON-B API or its implementation is
   * missing. Looked up on every call (a few per function class), as the provider is found through the thread's
   * context class loader, which differs between the applications of one server.
   */
  static void require(TypeName typeName) {
    Class<?> provider;
    try {
      provider = Class.forName("jakarta.json.bind.spi.JsonbProvider", false, JsonSupport.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new JsonBindingMissingException(typeName + " is a JSON type, and JSON types need the JSON-B API and an"
          + " implementation, but the JSON-B API is not on the class path: add the dependencies " + API + " and "
          + IMPLEMENTATION + " (on a Jakarta EE server, " + API + " in provided scope: the server has JSON-B)", e);
    }
    try {
      provider.getMethod("provider").invoke(null);
    } catch (InvocationTargetException e) {
      throw new JsonBindingMissingException(typeName + " is a JSON type, and the JSON-B API found no implementation ("
          + e.getCause().getMessage() + "): add the dependency " + IMPLEMENTATION
          + " (a Jakarta EE server has one; in a WAR, test scope for the tests)", e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new JsonBindingMissingException(typeName + " is a JSON type, and the JSON-B API on the class path is not"
          + " the expected one (" + e + "): depend on " + API + " 3.0", e);
    }
  }
}

package dev.statefun.jakarta.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * A function class with a JSON state, inspected as the deployment inspects it, on a class path without JSON-B: the
 * problem names the dependency to add instead of sending the user to the ValueSpec declaration.
 */
class JsonBindingMissingTest {
  @Test
  void withoutTheApiTheDeploymentNamesBothDependencies() throws Exception {
    List<String> problems = inspectWithout(entry -> entry.contains("jakarta.json.bind-api") || entry.contains("yasson"));
    assertEquals(1, problems.size(), problems.toString());
    String problem = problems.get(0);
    assertTrue(problem.contains("com.example/Order is a JSON type"), problem);
    assertTrue(problem.contains("jakarta.json.bind:jakarta.json.bind-api"), problem);
    assertTrue(problem.contains("org.eclipse:yasson"), problem);
    assertFalse(problem.contains("fix the ValueSpec"), problem);
  }

  @Test
  void withTheApiButNoImplementationTheDeploymentNamesYasson() throws Exception {
    List<String> problems = inspectWithout(entry -> entry.contains("yasson"));
    assertEquals(1, problems.size(), problems.toString());
    String problem = problems.get(0);
    assertTrue(problem.contains("the JSON-B API found no implementation"), problem);
    assertTrue(problem.contains("add the dependency org.eclipse:yasson"), problem);
    assertFalse(problem.contains("fix the ValueSpec"), problem);
  }

  /** The messages of FunctionClass.inspect(JsonFunction) in a loader that sees this class path minus some entries. */
  @SuppressWarnings("unchecked")
  private static List<String> inspectWithout(Predicate<String> hidden) throws Exception {
    URL[] urls = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(hidden.negate())
        .map(JsonBindingMissingTest::url)
        .toArray(URL[]::new);
    ClassLoader previous = Thread.currentThread().getContextClassLoader();
    try (URLClassLoader loader = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader())) {
      // JSON-B finds its provider through the context class loader, as in a server.
      Thread.currentThread().setContextClassLoader(loader);
      Class<?> functionClass = loader.loadClass(JsonFunction.class.getName());
      Class<?> inspector = loader.loadClass("dev.statefun.jakarta.function.FunctionClass");
      Method inspect = inspector.getMethod("inspect", Class.class, Class.class, String.class,
          Predicate.class);
      Object inspected = inspect.invoke(null, functionClass, Deprecated.class, "com.example/orders",
          (Predicate<Object>) constructor -> true);
      return (List<String>) inspector.getMethod("messages").invoke(inspected);
    } catch (InvocationTargetException e) {
      throw new AssertionError("inspect threw", e.getCause());
    } finally {
      Thread.currentThread().setContextClassLoader(previous);
    }
  }

  private static URL url(String entry) {
    try {
      return new File(entry).toURI().toURL();
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException(entry, e);
    }
  }
}

package dev.statefun.jakarta.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * FunctionTester.of(spec) and TestRuntime.of(spec...) on a class path without statefun-cdi, the CDI API, Weld or
 * weld-junit5, as a user's test class path has them when only these are used (the pom declares those optional).
 */
class NoCdiTest {
  /** Class path entries a user without CDI does not have. */
  static final List<String> CDI = List.of("statefun-cdi", "jakarta.enterprise", "weld", "jakarta.inject",
      "jakarta.interceptor", "jboss");

  @Test
  void testerAndRuntimeRunWithoutCdi() throws Exception {
    try (URLClassLoader loader = withoutCdi()) {
      assertThrows(ClassNotFoundException.class, () -> loader.loadClass("dev.statefun.jakarta.cdi.StatefulFunction"));
      assertThrows(ClassNotFoundException.class, () -> loader.loadClass("org.jboss.weld.junit5.WeldInitiator"));
      @SuppressWarnings("unchecked")
      Callable<String> scenario = (Callable<String>) loader.loadClass(NoCdiScenario.class.getName())
          .getConstructor().newInstance();
      assertEquals("tester: 2; runtime: 1 hello bob", scenario.call());
    }
  }

  private static URLClassLoader withoutCdi() {
    URL[] urls = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> CDI.stream().noneMatch(entry::contains))
        .map(NoCdiTest::url)
        .toArray(URL[]::new);
    return new URLClassLoader(urls, ClassLoader.getPlatformClassLoader());
  }

  private static URL url(String entry) {
    try {
      return new File(entry).toURI().toURL();
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException(entry, e);
    }
  }
}

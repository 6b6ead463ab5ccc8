package dev.statefun.jakarta.cdi.errors;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statefun.jakarta.cdi.UnskippedBuildExtension;
import dev.statefun.jakarta.cdi.StatefulFunctionExtension;
import jakarta.enterprise.inject.spi.DeploymentException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * Boots Weld SE with explicit bean classes and the extension, expecting the deployment to fail:
 * Arquillian's {@code @ShouldThrowException} checks only the exception type, this reads the message.
 */
final class WeldSe {
  private WeldSe() {}

  /** The deployment problems' text (portable extension), one entry per exception in the chain. */
  static String deploymentError(Class<?>... beanClasses) {
    return deploymentError(new Weld("errors-" + UUID.randomUUID()).disableDiscovery()
        .addBeanClasses(beanClasses)
        .addExtension(new StatefulFunctionExtension()), beanClasses);
  }

  /** The same with the build-compatible extension alone, as CDI Lite runs it (see UnskippedBuildExtension). */
  static String buildCompatibleDeploymentError(Class<?>... beanClasses) {
    return deploymentError(new Weld("lite-errors-" + UUID.randomUUID()).disableDiscovery()
        .addBeanClasses(beanClasses)
        .addBuildCompatibleExtensions(UnskippedBuildExtension.class), beanClasses);
  }

  private static String deploymentError(Weld weld, Class<?>... beanClasses) {
    try (WeldContainer ignored = weld.initialize()) {
      throw new AssertionError("the deployment of " + List.of(beanClasses) + " succeeded; it must fail");
    } catch (DeploymentException e) {
      List<String> messages = new ArrayList<>();
      for (Throwable t = e; t != null; t = t.getCause()) {
        messages.add(String.valueOf(t.getMessage()));
        for (Throwable suppressed : t.getSuppressed()) {
          messages.add(String.valueOf(suppressed.getMessage()));
        }
      }
      return String.join("\n", messages);
    }
  }

  /**
   * Asserts that one problem reported for {@code beanClass} names it and contains every
   * {@code expected} part (a class may have several problems, one line each).
   */
  static void assertProblem(String message, Class<?> beanClass, String... expected) {
    String prefix = "@StatefulFunction class " + beanClass.getName() + ": ";
    List<String> problems = new ArrayList<>();
    for (int at = message.indexOf(prefix); at >= 0; at = message.indexOf(prefix, at + 1)) {
      int end = message.indexOf('\n', at);
      problems.add(end < 0 ? message.substring(at) : message.substring(at, end));
    }
    assertTrue(problems.stream().anyMatch(problem -> List.of(expected).stream().allMatch(problem::contains)),
        () -> "no problem for " + beanClass.getName() + " contains all of " + List.of(expected) + " in:\n" + message);
  }
}

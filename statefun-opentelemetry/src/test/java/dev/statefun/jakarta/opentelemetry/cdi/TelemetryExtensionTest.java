package dev.statefun.jakarta.opentelemetry.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.statefun.jakarta.TypeName;
import dev.statefun.jakarta.cdi.StatefulFunctionExtension;
import dev.statefun.jakarta.handler.RequestReplyHandler;
import dev.statefun.jakarta.opentelemetry.TelemetryBuildExtension;
import dev.statefun.jakarta.opentelemetry.TelemetryExtension;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import java.util.List;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/**
 * With the module on the classpath and an OpenTelemetry bean in the container, the CDI registry's
 * handler reports to it: nothing to configure.
 */
class TelemetryExtensionTest {

  @Test
  void theRegistryHandlerReportsToTheOpenTelemetryBean() {
    assertReportsInvocations(new Weld("telemetry").disableDiscovery()
        .addBeanClasses(Echo.class, SdkProducer.class)
        .addExtension(new StatefulFunctionExtension())
        .addExtension(new TelemetryExtension()));
  }

  /**
   * What CDI Lite (Quarkus) runs: the build-compatible extension alone adds the observer. Weld skips an
   * extension marked {@code @SkipIfPortableExtensionPresent} whatever is present, hence the subclass.
   */
  @Test
  void theBuildCompatibleExtensionAddsTheObserverToo() {
    assertReportsInvocations(new Weld("telemetry-lite").disableDiscovery()
        .addBeanClasses(Echo.class, SdkProducer.class)
        .addExtension(new StatefulFunctionExtension())
        .addBuildCompatibleExtensions(UnskippedTelemetryBuildExtension.class));
  }

  /** {@link TelemetryBuildExtension} without its skip annotation; Weld reads only the methods a class declares. */
  public static class UnskippedTelemetryBuildExtension extends TelemetryBuildExtension {
    @Override
    @jakarta.enterprise.inject.build.compatible.spi.Discovery
    public void addObserver(jakarta.enterprise.inject.build.compatible.spi.ScannedClasses classes) {
      super.addObserver(classes);
    }
  }

  private static void assertReportsInvocations(Weld weld) {
    try (WeldContainer container = weld.initialize()) {
      RequestReplyHandler handler = container.select(RequestReplyHandler.class).get();
      handler.handleBlocking(dev.statefun.jakarta.opentelemetry.TestBatches.batch(TypeName.parse("t.cdi/echo"), "x", 3));
      handler.handleBlocking(dev.statefun.jakarta.opentelemetry.TestBatches.batch(TypeName.parse("t.cdi/echo"), "y", 2));

      MetricData invocations = SdkProducer.METRICS.collectAllMetrics().stream()
          .filter(m -> m.getName().equals("statefun.function.invocations")).findFirst().orElseThrow();
      List<LongPointData> points = List.copyOf(invocations.getLongSumData().getPoints());
      assertEquals(1, points.size(), points::toString);
      assertEquals(5, points.get(0).getValue());
      assertEquals("t.cdi/echo", points.get(0).getAttributes().get(io.opentelemetry.api.common.AttributeKey
          .stringKey("statefun.function.type")));
    }
  }
}

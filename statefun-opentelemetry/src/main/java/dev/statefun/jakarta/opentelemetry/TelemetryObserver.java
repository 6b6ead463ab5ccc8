package dev.statefun.jakarta.opentelemetry;

import dev.statefun.jakarta.handler.BatchObservation;
import dev.statefun.jakarta.handler.HandlerObserver;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

/**
 * The CDI bean that {@code statefun-cdi}'s registry picks up as a handler observer. It reports to the
 * {@link OpenTelemetry} bean when there is one (MicroProfile Telemetry produces it on WildFly, Payara
 * and Open Liberty), else to {@link GlobalOpenTelemetry} (a no-op unless an agent or the
 * application set one).
 */
@ApplicationScoped
public class TelemetryObserver implements HandlerObserver {
  private final Instance<OpenTelemetry> openTelemetry;
  private StatefunTelemetry telemetry;

  /** For the container's proxy. */
  protected TelemetryObserver() {
    this.openTelemetry = null;
  }

  @Inject
  TelemetryObserver(Instance<OpenTelemetry> openTelemetry) {
    this.openTelemetry = openTelemetry;
  }

  /** Creates the instruments as the application starts, not on its first request (a proxy is lazy). */
  void eager(@Observes @Initialized(ApplicationScoped.class) Object application) {
    // Observing is enough: the container creates the bean to deliver the event.
  }

  @PostConstruct
  void start() {
    telemetry = StatefunTelemetry.of(openTelemetry.isResolvable() ? openTelemetry.get() : GlobalOpenTelemetry.get());
  }

  /** The SDK outlives the application on a server: it must not call back into an undeployed one. */
  @PreDestroy
  void stop() {
    telemetry.close();
  }

  @Override
  public void batchCompleted(BatchObservation observation) {
    telemetry.batchCompleted(observation);
  }
}

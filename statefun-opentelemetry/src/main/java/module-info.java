/**
 * Metrics and a span per batch through the OpenTelemetry API; the application or the server's
 * MicroProfile Telemetry supplies the SDK.
 */
module dev.statefun.jakarta.opentelemetry {
  requires transitive dev.statefun.jakarta;
  requires transitive io.opentelemetry.api;
  requires io.opentelemetry.context;
  requires jakarta.cdi;
  requires jakarta.inject;
  requires jakarta.annotation;

  exports dev.statefun.jakarta.opentelemetry;
  // The CDI container creates and proxies the beans of this package reflectively.
  opens dev.statefun.jakarta.opentelemetry;

  provides jakarta.enterprise.inject.spi.Extension with dev.statefun.jakarta.opentelemetry.TelemetryExtension;
  provides jakarta.enterprise.inject.build.compatible.spi.BuildCompatibleExtension
      with dev.statefun.jakarta.opentelemetry.TelemetryBuildExtension;
}

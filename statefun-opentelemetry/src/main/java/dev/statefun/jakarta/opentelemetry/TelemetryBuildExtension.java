package dev.statefun.jakarta.opentelemetry;

import jakarta.enterprise.inject.build.compatible.spi.BuildCompatibleExtension;
import jakarta.enterprise.inject.build.compatible.spi.Discovery;
import jakarta.enterprise.inject.build.compatible.spi.ScannedClasses;
import jakarta.enterprise.inject.build.compatible.spi.SkipIfPortableExtensionPresent;

/**
 * The CDI Lite counterpart of {@link TelemetryExtension}, for containers that run no portable
 * extensions (Quarkus): adds {@link TelemetryObserver} as a bean class. A container that runs both
 * kinds (Weld) skips it while the portable extension is present, so the observer is added once.
 */
@SkipIfPortableExtensionPresent(TelemetryExtension.class)
public class TelemetryBuildExtension implements BuildCompatibleExtension {
  @Discovery
  public void addObserver(ScannedClasses classes) {
    classes.add(TelemetryObserver.class.getName());
  }
}

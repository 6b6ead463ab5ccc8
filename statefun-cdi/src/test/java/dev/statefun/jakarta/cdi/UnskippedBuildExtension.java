package dev.statefun.jakarta.cdi;

import jakarta.enterprise.inject.build.compatible.spi.BeanInfo;
import jakarta.enterprise.inject.build.compatible.spi.ClassConfig;
import jakarta.enterprise.inject.build.compatible.spi.Enhancement;
import jakarta.enterprise.inject.build.compatible.spi.Messages;
import jakarta.enterprise.inject.build.compatible.spi.Registration;
import jakarta.enterprise.inject.build.compatible.spi.Synthesis;
import jakarta.enterprise.inject.build.compatible.spi.SyntheticComponents;
import jakarta.enterprise.inject.build.compatible.spi.Validation;

/**
 * {@link StatefulFunctionBuildExtension} without its {@code @SkipIfPortableExtensionPresent}, so
 * that Weld runs it as a CDI Lite container would: Weld skips any build-compatible extension that
 * carries the annotation, and reads only the methods a class declares itself (hence the overrides).
 */
public class UnskippedBuildExtension extends StatefulFunctionBuildExtension {

  @Override
  @Enhancement(types = StatefulFunctionRegistry.class)
  public void vetoScannedRegistry(ClassConfig registry) {
    super.vetoScannedRegistry(registry);
  }

  @Override
  @Enhancement(types = Object.class, withSubtypes = true, withAnnotations = StatefulFunction.class)
  public void collect(ClassConfig type) {
    super.collect(type);
  }

  @Override
  @Registration(types = Object.class)
  public void collectBean(BeanInfo bean) {
    super.collectBean(bean);
  }

  @Override
  @Synthesis
  public void synthesize(SyntheticComponents components) {
    super.synthesize(components);
  }

  @Override
  @Validation
  public void report(Messages messages) {
    super.report(messages);
  }
}

/**
 * Functions as CDI beans: the {@code @StatefulFunction} annotation, the extensions that collect
 * them (portable, and build-compatible for CDI Lite) and the injectable registry and handler.
 */
module dev.statefun.jakarta.cdi {
  requires transitive dev.statefun.jakarta;
  requires transitive jakarta.cdi;
  requires transitive jakarta.cdi.lang.model;
  requires jakarta.inject;
  requires jakarta.annotation;

  exports dev.statefun.jakarta.cdi;
  // The container creates the synthetic beans and client proxies of this package reflectively.
  opens dev.statefun.jakarta.cdi;

  provides jakarta.enterprise.inject.spi.Extension with dev.statefun.jakarta.cdi.StatefulFunctionExtension;
  provides jakarta.enterprise.inject.build.compatible.spi.BuildCompatibleExtension
      with dev.statefun.jakarta.cdi.StatefulFunctionBuildExtension;
}

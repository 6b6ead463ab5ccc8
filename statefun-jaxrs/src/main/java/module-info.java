/** The JAX-RS resource that serves the registered functions to the StateFun runtime. */
module dev.statefun.jakarta.jaxrs {
  requires transitive dev.statefun.jakarta;
  requires transitive jakarta.ws.rs;
  requires jakarta.cdi;
  requires jakarta.inject;
  // @Blocking, read by Quarkus only; absent elsewhere.
  requires static io.smallrye.common.annotation;
  // The server's MicroProfile Config, where it has one.
  requires static microprofile.config.api;

  exports dev.statefun.jakarta.jaxrs;
  // The JAX-RS runtime and the CDI container instantiate and proxy the resource reflectively.
  opens dev.statefun.jakarta.jaxrs;
}

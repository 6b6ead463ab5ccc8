package dev.statefun.jakarta.jaxrs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statefun.jakarta.Context;
import dev.statefun.jakarta.RemoteFunction;
import dev.statefun.jakarta.cdi.StatefulFunction;
import dev.statefun.jakarta.cdi.StatefulFunctionExtension;
import dev.statefun.jakarta.http.EndpointLimits;
import dev.statefun.jakarta.message.Message;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The endpoint's limits through the server's MicroProfile Config, as WildFly, Payara, Liberty and Quarkus give it. */
class EndpointSettingsTest {
  @AfterEach
  void releaseConfig() {
    ConfigProviderResolver resolver = ConfigProviderResolver.instance();
    resolver.releaseConfig(resolver.getConfig(Thread.currentThread().getContextClassLoader()));
  }

  @Test
  void microProfileConfigFirstThenApplicationPropertiesThenDefaults() {
    serverConfig(Map.of(EndpointLimits.MAX_BODY_BYTES, "4096"));
    Map<String, Object> application = Map.of(EndpointLimits.MAX_BODY_BYTES, 8192, EndpointLimits.MAX_BATCH_SIZE, "7");
    assertEquals(new EndpointLimits(4096, 7), EndpointSettings.read(application::get));
    assertEquals(new EndpointLimits(4096, EndpointLimits.DEFAULT_MAX_BATCH_SIZE), EndpointSettings.read(name -> null));
  }

  @Test
  void withoutAServerValueTheApplicationPropertiesServe() {
    serverConfig(Map.of());
    assertEquals(new EndpointLimits(8192, 7), EndpointSettings.read(
        Map.<String, Object>of(EndpointLimits.MAX_BODY_BYTES, 8192L, EndpointLimits.MAX_BATCH_SIZE, " 7 ")::get));
    assertEquals(EndpointLimits.DEFAULTS, EndpointSettings.read(name -> null));
  }

  @Test
  void aBadValueNamesTheSetting() {
    serverConfig(Map.of(EndpointLimits.MAX_BATCH_SIZE, "lots"));
    assertMessage(EndpointLimits.MAX_BATCH_SIZE, () -> EndpointSettings.read(name -> null));
    releaseConfig();
    serverConfig(Map.of(EndpointLimits.MAX_BODY_BYTES, "0"));
    assertMessage(EndpointLimits.MAX_BODY_BYTES, () -> EndpointSettings.read(name -> null));
    releaseConfig();
    assertMessage(EndpointLimits.MAX_BODY_BYTES,
        () -> EndpointSettings.read(Map.<String, Object>of(EndpointLimits.MAX_BODY_BYTES, "32MB")::get));
  }

  @Test
  void aBadServerValueFailsTheDeploymentNamingTheSetting() {
    serverConfig(Map.of(EndpointLimits.MAX_BODY_BYTES, "32MB"));
    RuntimeException failed = assertThrows(RuntimeException.class, () -> deployment().initialize().close());
    assertTrue(causes(failed).contains(EndpointLimits.MAX_BODY_BYTES + " must be a whole number"), causes(failed));
  }

  @Test
  void aGoodServerValueDeploys() {
    serverConfig(Map.of(EndpointLimits.MAX_BODY_BYTES, "4096"));
    try (WeldContainer container = deployment().initialize()) {
      assertTrue(container.select(StatefulFunctionResource.class).isResolvable());
    }
  }

  /** The server's configuration, in place of the one built from system properties and environment variables. */
  private void serverConfig(Map<String, String> values) {
    releaseConfig();
    Config server = new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(values, "server", 500)).build();
    ConfigProviderResolver.instance().registerConfig(server, Thread.currentThread().getContextClassLoader());
  }

  private static Weld deployment() {
    return new Weld("endpoint-settings").disableDiscovery()
        .addBeanClasses(StatefulFunctionResource.class, Echo.class)
        .addExtension(new StatefulFunctionExtension());
  }

  private static String causes(Throwable failure) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      text.append(t).append('\n');
    }
    return text.toString();
  }

  private static void assertMessage(String containing, Runnable action) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action::run);
    assertTrue(e.getMessage().contains(containing), e.getMessage());
  }

  @StatefulFunction("settings/echo")
  public static class Echo implements RemoteFunction {
    @Override
    public void invoke(Context context, Message message) {}
  }
}

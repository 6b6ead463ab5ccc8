package dev.statefun.jakarta.e2e.runner;

import java.util.Map;
import org.apache.flink.statefun.sdk.io.IngressIdentifier;
import org.apache.flink.statefun.sdk.spi.StatefulFunctionModule;

/**
 * Routes the feed ingress to remote functions. The ingress itself (the messages file) is handed to
 * the harness as a source function; only the router needs a module.
 */
public final class FeedModule implements StatefulFunctionModule {
  static final IngressIdentifier<FeedMessage> FEED =
      new IngressIdentifier<>(FeedMessage.class, "statefun-e2e", "feed");

  @Override
  public void configure(Map<String, String> globalConfiguration, Binder binder) {
    binder.bindIngressRouter(FEED, new FeedRouter());
  }
}

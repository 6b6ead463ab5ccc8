package dev.statefun.jakarta.example;

import java.net.URI;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The packaged WAR on a real server (the profile's), driven over HTTP as a client: the deployment
 * is the WAR exactly as Maven built it.
 */
@ExtendWith(ArquillianExtension.class)
class WarEndpointIT extends ExampleEndpointChecks {

  @Deployment(testable = false)
  static WebArchive war() {
    return WarDeployment.packagedWar();
  }

  @ArquillianResource
  URL deploymentUrl;

  @Override
  protected URI endpoint() throws Exception {
    return Wire.endpoint(deploymentUrl);
  }
}

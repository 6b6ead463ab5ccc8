package dev.statefun.jakarta.e2e;

import java.net.URI;

/** The example functions on the embedded server, driven by the real runtime. */
class EmbeddedExamplesIT extends ExampleFunctionsContract {
  private CdiHandlerEndpoint endpoint;

  @Override
  URI startEndpoint() throws Exception {
    endpoint = new CdiHandlerEndpoint();
    return endpoint.url();
  }

  @Override
  void stopEndpoint() {
    if (endpoint != null) {
      endpoint.close();
    }
  }
}

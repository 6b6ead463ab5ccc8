package dev.statefun.jakarta.fuzz;

import dev.statefun.jakarta.fuzz.http.Framing;
import dev.statefun.jakarta.fuzz.http.Transport;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The requests the HTTP fuzzer found unanswered on the Jersey/Grizzly embedded server, replayed as
 * they were reported (a body on GET, HEAD or DELETE, streamed or with a length, on the endpoint's
 * path with a query or without), through the fuzz test's own client and oracle: each must get the
 * contract's 405 with {@code Allow: POST} and a short text body, never a closed connection.
 */
class BodilessMethodsTest {

  @AfterAll
  static void stopServer() {
    HttpResourceFuzzTest.fuzzerTearDown();
  }

  @ParameterizedTest
  @CsvSource({
      "CLIENT_STREAMED, DELETE, /statefun?x=1",
      "CLIENT_STREAMED, GET, /statefun",
      "CLIENT_STREAMED, HEAD, /statefun?x=1",
      "CLIENT_FIXED, DELETE, /statefun",
      "CLIENT_FIXED, GET, /statefun?x=1",
      "CLIENT_FIXED, HEAD, /statefun",
  })
  void aBodyOnAMethodWithoutOneIsAnswered405(Transport transport, String method, String path) throws Exception {
    byte[] body = "a body the method does not take".getBytes(StandardCharsets.UTF_8);
    HttpResourceFuzzTest.replay(new HttpResourceFuzzTest.Request(transport, method, path,
        Optional.of(HttpResourceFuzzTest.OCTET_STREAM), Optional.empty(), Framing.EXACT, 1, new int[] {1, 1, 1}, "",
        body));
  }
}

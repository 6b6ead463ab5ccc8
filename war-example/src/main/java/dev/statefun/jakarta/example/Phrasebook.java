package dev.statefun.jakarta.example;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Stands in for a remote translation service: answers on another thread, a little later, as a
 * non-blocking HTTP client would.
 */
@ApplicationScoped
public class Phrasebook {
  private static final Map<String, String> HELLO = Map.of("de", "Hallo", "en", "Hello", "es", "Hola", "fr", "Bonjour");
  private static final Executor LATER = CompletableFuture.delayedExecutor(20, TimeUnit.MILLISECONDS);

  /** "Hello" in {@code language} (an ISO 639-1 code), or empty if the phrasebook lacks it. */
  public CompletionStage<Optional<String>> hello(String language) {
    return CompletableFuture.supplyAsync(() -> Optional.ofNullable(HELLO.get(language)), LATER);
  }
}

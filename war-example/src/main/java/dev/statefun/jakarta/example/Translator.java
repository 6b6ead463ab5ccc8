package dev.statefun.jakarta.example;

import dev.statefun.jakarta.AsyncRemoteFunction;
import dev.statefun.jakarta.Context;
import dev.statefun.jakarta.ValueSpec;
import dev.statefun.jakarta.cdi.StatefulFunction;
import dev.statefun.jakarta.message.Message;
import dev.statefun.jakarta.types.Types;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;

/**
 * An async function: greets a name in the language of its address ({@code de}, {@code fr}, ...)
 * after asking the {@link Phrasebook}, without blocking a thread while it waits. Writes
 * {@code Hallo bob!} to the Kafka topic {@code translations}, or {@code no phrase for xx: bob}, and
 * counts the greetings per language.
 *
 * <p>Input: a name, as {@code io.statefun.types/string}; the address id is the language.
 */
@StatefulFunction(Translator.TYPE)
public class Translator implements AsyncRemoteFunction {
  public static final String TYPE = "com.example.fns/translator";
  public static final String TOPIC = "translations";

  static final ValueSpec<Integer> TRANSLATED = ValueSpec.of("translated", Types.INT);

  private final Phrasebook phrasebook;

  @Inject
  public Translator(Phrasebook phrasebook) {
    this.phrasebook = phrasebook;
  }

  /** For the container's client proxy (the bean is application-scoped). */
  protected Translator() {
    this(null);
  }

  @Override
  public CompletionStage<Void> invoke(Context context, Message message) {
    String name = message.asString();
    String language = context.self().id();
    // The context stays usable until the returned stage completes. The continuation runs on the
    // phrasebook's thread (the common pool): it touches only the context, no injected bean.
    return phrasebook.hello(language).thenAccept(hello -> {
      context.storage().set(TRANSLATED, context.storage().get(TRANSLATED).orElse(0) + 1);
      String text = hello.map(word -> word + " " + name + "!").orElse("no phrase for " + language + ": " + name);
      context.send(Greets.record(TOPIC, language, text));
    });
  }
}

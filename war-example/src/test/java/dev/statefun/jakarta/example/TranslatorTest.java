package dev.statefun.jakarta.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.statefun.jakarta.Address;
import dev.statefun.jakarta.FunctionSpec;
import dev.statefun.jakarta.message.MessageBuilder;
import dev.statefun.jakarta.testing.EgressRecords;
import dev.statefun.jakarta.testing.FunctionTester;
import dev.statefun.jakarta.testing.InvocationResult;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TranslatorTest {
  static final FunctionSpec SPEC = FunctionSpec.builder(Translator.TYPE)
      .withValueSpec(Translator.TRANSLATED)
      .withAsyncFunction(new Translator(new Phrasebook()))
      .build();

  final FunctionTester tester = FunctionTester.of(SPEC);

  @Test
  void greetsInTheLanguageOfItsAddressOnceThePhrasebookAnswers() {
    Address german = Address.of(Translator.TYPE, "de");
    // Two invocations in one batch: the second starts only after the first one's stage completed.
    InvocationResult result = tester.invoke(
        MessageBuilder.forAddress(german).withValue("bob").build(),
        MessageBuilder.forAddress(german).withValue("ann").build());

    List<EgressRecords.KafkaRecord> records = result.egressMessages().stream().map(EgressRecords::kafka).toList();
    assertEquals(List.of("Hallo bob!", "Hallo ann!"), records.stream().map(EgressRecords.KafkaRecord::utf8Value).toList());
    assertEquals("translations", records.get(0).topic());
    assertEquals("de", records.get(0).key());
    assertEquals(Optional.of(2), result.state(Translator.TRANSLATED));
  }

  @Test
  void saysSoWhenThePhrasebookLacksTheLanguage() {
    InvocationResult result =
        tester.invoke(MessageBuilder.forAddress(Address.of(Translator.TYPE, "xx")).withValue("bob").build());
    assertEquals("no phrase for xx: bob", EgressRecords.kafka(result.egressMessages().get(0)).utf8Value());
  }
}

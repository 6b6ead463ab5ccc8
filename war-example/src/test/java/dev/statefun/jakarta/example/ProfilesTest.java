package dev.statefun.jakarta.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.statefun.jakarta.Address;
import dev.statefun.jakarta.Expiration;
import dev.statefun.jakarta.FunctionSpec;
import dev.statefun.jakarta.message.MessageBuilder;
import dev.statefun.jakarta.testing.EgressRecords;
import dev.statefun.jakarta.testing.FunctionTester;
import dev.statefun.jakarta.testing.InvocationResult;
import dev.statefun.jakarta.testing.StateChange;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProfilesTest {
  static final FunctionSpec SPEC = FunctionSpec.builder(Profiles.TYPE)
      .withValueSpec(Profiles.PROFILE)
      .withFunction(new Profiles())
      .build();

  final Address bob = Address.of(Profiles.TYPE, "bob");
  final FunctionTester tester = FunctionTester.of(SPEC);

  @Test
  void reportsWhatChanged() {
    assertEquals("bob likes blue", update("blue"));
    assertEquals("bob still likes blue", update("blue"));
    assertEquals("bob now likes green (was blue)", update("green"));
    assertEquals(Optional.of(new User("bob", "green")), tester.state(bob, Profiles.PROFILE));
  }

  @Test
  void theStateIsJsonUnderTheUserTypename() {
    InvocationResult result = tester.invoke(
        MessageBuilder.forAddress(bob).withCustomType(User.TYPE, new User("bob", "blue")).build());
    StateChange.Modified stored = assertInstanceOf(StateChange.Modified.class, result.stateChanges().get("profile"));
    assertEquals("com.example.types/user", stored.typeName().canonical());
    assertEquals("{\"favoriteColor\":\"blue\",\"name\":\"bob\"}", new String(stored.value(), StandardCharsets.UTF_8));
  }

  @Test
  void aProfileExpiresAnHourAfterItWasWritten() {
    assertEquals(Expiration.afterWrite(Duration.ofHours(1)), Profiles.PROFILE.expiration());
  }

  private String update(String color) {
    InvocationResult result =
        tester.invoke(MessageBuilder.forAddress(bob).withCustomType(User.TYPE, new User("bob", color)).build());
    EgressRecords.KafkaRecord record = EgressRecords.kafka(result.egressMessages().get(0));
    assertEquals("profiles", record.topic());
    assertEquals("bob", record.key());
    return record.utf8Value();
  }
}

package dev.statefun.jakarta.example;

import dev.statefun.jakarta.Context;
import dev.statefun.jakarta.RemoteFunction;
import dev.statefun.jakarta.ValueSpec;
import dev.statefun.jakarta.cdi.StatefulFunction;
import dev.statefun.jakarta.message.Message;
import java.time.Duration;
import java.util.Optional;

/**
 * Keeps each user's latest {@link User} (a JSON value, in JSON state) and writes to the Kafka topic
 * {@code profiles} what changed: {@code bob likes blue}, {@code bob now likes green (was blue)},
 * {@code bob still likes green}. A profile is kept for an hour after it was last written.
 *
 * <p>Input: a {@code com.example.types/user} JSON value.
 */
@StatefulFunction(Profiles.TYPE)
public class Profiles implements RemoteFunction {
  public static final String TYPE = "com.example.fns/profiles";
  public static final String TOPIC = "profiles";

  static final ValueSpec<User> PROFILE = ValueSpec.of("profile", User.TYPE).expireAfterWrite(Duration.ofHours(1));

  @Override
  public void invoke(Context context, Message message) {
    User user = message.as(User.TYPE);
    Optional<User> previous = context.storage().get(PROFILE);
    context.storage().set(PROFILE, user);

    String change = previous.map(User::favoriteColor)
        .map(before -> before.equals(user.favoriteColor())
            ? " still likes " + user.favoriteColor()
            : " now likes " + user.favoriteColor() + " (was " + before + ")")
        .orElse(" likes " + user.favoriteColor());
    context.send(Greets.record(TOPIC, context.self().id(), user.name() + change));
  }
}

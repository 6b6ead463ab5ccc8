package dev.statefun.jakarta.example;

import dev.statefun.jakarta.types.Type;
import dev.statefun.jakarta.types.Types;

/**
 * A user as JSON, e.g. {@code {"favoriteColor":"blue","name":"bob"}}: a record that JSON-B maps,
 * under a typename that any StateFun SDK can use.
 *
 * @param name the user's name
 * @param favoriteColor the user's favourite colour
 */
public record User(String name, String favoriteColor) {
  /** {@code com.example.types/user}. */
  public static final Type<User> TYPE = Types.json("com.example.types/user", User.class);
}

package dev.statefun.jakarta.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GreetingFormatterTest {

  @Test
  void ordinals() {
    assertEquals("1st 2nd 3rd 4th 10th 11th 12th 13th 14th 21st 22nd 23rd 101st 111th 112th",
        String.join(" ", java.util.stream.IntStream.of(1, 2, 3, 4, 10, 11, 12, 13, 14, 21, 22, 23, 101, 111, 112)
            .mapToObj(GreetingFormatter::ordinal).toList()));
  }

  @Test
  void greeting() {
    assertEquals("Hello bob for the 2nd time!", new GreetingFormatter().greet("bob", 2));
  }
}

package dev.statefun.jakarta.example;

import jakarta.enterprise.context.ApplicationScoped;

/** Phrases the greeting; an ordinary CDI bean that {@link Greeter} gets injected. */
@ApplicationScoped
public class GreetingFormatter {

  /** {@code Hello bob for the 1st time!}, {@code ... 2nd ...}, {@code ... 11th ...}, {@code ... 23rd ...}. */
  public String greet(String name, int seen) {
    return "Hello " + name + " for the " + ordinal(seen) + " time!";
  }

  static String ordinal(int n) {
    int lastTwo = Math.abs(n % 100);
    String suffix;
    if (lastTwo >= 11 && lastTwo <= 13) {
      suffix = "th";
    } else {
      suffix = switch (lastTwo % 10) {
        case 1 -> "st";
        case 2 -> "nd";
        case 3 -> "rd";
        default -> "th";
      };
    }
    return n + suffix;
  }
}

package dev.statefun.jakarta.cdi.sample;

import jakarta.enterprise.context.Dependent;

/** An ordinary bean that functions get injected. */
@Dependent
public class GreetingFormatter {
  public String format(String name, int seen) {
    return "Hello " + name + ", visit #" + seen;
  }
}

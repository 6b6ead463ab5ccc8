package dev.statefun.jakarta.testing.beans;

import jakarta.enterprise.context.ApplicationScoped;

/** A collaborator the function gets injected: the real bean in a weld-junit5 test. */
@ApplicationScoped
public class Prices {
  public int cents(String item) {
    return item.length() * 100;
  }
}

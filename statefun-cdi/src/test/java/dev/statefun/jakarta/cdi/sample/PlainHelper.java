package dev.statefun.jakarta.cdi.sample;

/** No bean-defining annotation: a bean only in an archive with bean-discovery-mode="all". */
public class PlainHelper {
  public String name() {
    return "plain";
  }
}

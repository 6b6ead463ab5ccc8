package dev.statefun.jakarta.handler;

import dev.statefun.jakarta.Address;

/** The function threw (or its stage failed) while handling a batch for {@link #address()}. */
public final class FunctionFailedException extends RequestFailure {
  private final Address address;

  public FunctionFailedException(Address address, Throwable cause) {
    super(500, "Function " + address.type() + " failed for id '" + address.id() + "': " + cause, cause);
    this.address = address;
  }

  public Address address() {
    return address;
  }
}

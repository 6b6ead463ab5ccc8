package dev.statefun.jakarta.handler;

import dev.statefun.jakarta.TypeName;

/** The request targets a function type that this endpoint does not serve. */
public final class UnknownFunctionException extends RequestFailure {
  private final TypeName functionType;

  public UnknownFunctionException(TypeName functionType) {
    super(404, "No function of type " + functionType + " is served here", null);
    this.functionType = functionType;
  }

  public TypeName functionType() {
    return functionType;
  }
}

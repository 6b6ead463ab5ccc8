package dev.statefun.jakarta.cdi.sample;

import dev.statefun.jakarta.cdi.StatefulFunction;
import jakarta.enterprise.context.RequestScoped;

/** The instance of the request context active on the invoking thread. */
@StatefulFunction("scopes/request")
@RequestScoped
public class RequestScopedFunction extends ScopedFunction {
  @Override
  String kind() {
    return "request";
  }
}

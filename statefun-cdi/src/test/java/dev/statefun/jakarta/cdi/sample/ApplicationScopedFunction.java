package dev.statefun.jakarta.cdi.sample;

import dev.statefun.jakarta.cdi.StatefulFunction;

/** The default scope: one instance for every invocation. */
@StatefulFunction("scopes/application")
public class ApplicationScopedFunction extends ScopedFunction {
  @Override
  String kind() {
    return "application";
  }
}

package dev.statefun.jakarta.cdi.sample;

import dev.statefun.jakarta.cdi.StatefulFunction;
import jakarta.inject.Singleton;

/** A pseudo-scope without client proxy: the registry holds the one instance. */
@StatefulFunction("scopes/singleton")
@Singleton
public class SingletonFunction extends ScopedFunction {
  @Override
  String kind() {
    return "singleton";
  }
}

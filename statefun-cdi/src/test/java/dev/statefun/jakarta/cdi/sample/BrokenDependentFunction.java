package dev.statefun.jakarta.cdi.sample;

import dev.statefun.jakarta.Context;
import dev.statefun.jakarta.RemoteFunction;
import dev.statefun.jakarta.cdi.StatefulFunction;
import dev.statefun.jakarta.message.Message;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

/** Its creation fails after its @Dependent part was created: the part must still be destroyed. */
@StatefulFunction("scopes/dependent-broken")
@Dependent
public class BrokenDependentFunction implements RemoteFunction {
  @Inject DependentPart part;

  @PostConstruct
  void start() {
    throw new IllegalStateException("cannot start");
  }

  @Override
  public void invoke(Context context, Message message) {
    throw new AssertionError("never invoked");
  }
}

package dev.statefun.jakarta.cdi.sample;

import dev.statefun.jakarta.Context;
import dev.statefun.jakarta.cdi.StatefulFunction;
import dev.statefun.jakarta.message.Message;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

/** A new instance per invocation, with a @Dependent part that must be destroyed along with it. */
@StatefulFunction("scopes/dependent")
@Dependent
public class DependentFunction extends ScopedFunction {
  @Inject DependentPart part;

  @Override
  String kind() {
    return "dependent";
  }

  @Override
  public void invoke(Context context, Message message) {
    part.use();
    super.invoke(context, message);
  }
}

package dev.statefun.jakarta.cdi.sample;

import dev.statefun.jakarta.Context;
import dev.statefun.jakarta.RemoteFunction;
import dev.statefun.jakarta.message.Message;
import jakarta.enterprise.context.ApplicationScoped;

/** A function bean whose author forgot @StatefulFunction: deploys, with a warning, and is not served. */
@ApplicationScoped
public class ForgottenFunction implements RemoteFunction {
  @Override
  public void invoke(Context context, Message message) {}
}

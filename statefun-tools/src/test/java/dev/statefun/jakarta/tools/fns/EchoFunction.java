package dev.statefun.jakarta.tools.fns;

import dev.statefun.jakarta.Address;
import dev.statefun.jakarta.Context;
import dev.statefun.jakarta.RemoteFunction;
import dev.statefun.jakarta.TypeName;
import dev.statefun.jakarta.cdi.StatefulFunction;
import dev.statefun.jakarta.message.Message;

/** Sends what it gets, typename and bytes unchanged, to test.tools/echo: for the invoke command's value decoding. */
@StatefulFunction(EchoFunction.TYPE)
public class EchoFunction implements RemoteFunction {
  public static final String TYPE = "test.tools/echo-back";

  @Override
  public void invoke(Context context, Message message) {
    context.send(Message.ofRaw(Address.of(TypeName.parse("test.tools/echo"), context.self().id()),
        message.valueTypeName(), message.rawValue()));
  }
}

package dev.statefun.jakarta.e2e.runner;

import com.google.protobuf.ByteString;
import org.apache.flink.statefun.sdk.Address;
import org.apache.flink.statefun.sdk.FunctionType;
import org.apache.flink.statefun.sdk.io.Router;
import org.apache.flink.statefun.sdk.reqreply.generated.TypedValue;

/** Sends each {@link FeedMessage}'s value, as the {@code TypedValue} remote functions take, to its target. */
final class FeedRouter implements Router<FeedMessage> {

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public void route(FeedMessage message, Downstream<FeedMessage> downstream) {
    int slash = message.targetType.indexOf('/');
    FunctionType type =
        new FunctionType(message.targetType.substring(0, slash), message.targetType.substring(slash + 1));
    TypedValue value = TypedValue.newBuilder()
        .setTypename(message.typeName)
        .setHasValue(true)
        .setValue(ByteString.copyFrom(message.value))
        .build();
    // A Router forwards its ingress type, but remote functions take a TypedValue and the
    // ingress type must also carry the target. The runtime only needs a protobuf payload, so
    // forward the TypedValue through the erased type.
    ((Downstream) downstream).forward(new Address(type, message.id), value);
  }
}

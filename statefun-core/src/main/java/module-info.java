/**
 * The StateFun Jakarta EE SDK: functions, their state, messages and egress, and the protocol
 * handler. No container or HTTP classes.
 *
 * <p>On the module path, open the packages of your function classes to this module: it reads
 * their {@code static final ValueSpec} fields and {@code @Handles} methods reflectively.
 */
module dev.statefun.jakarta {
  requires com.google.protobuf;
  // Only JSON values need it; an application that uses JsonType brings JSON-B.
  requires static jakarta.json.bind;

  exports dev.statefun.jakarta;
  exports dev.statefun.jakarta.egress;
  exports dev.statefun.jakarta.function;
  exports dev.statefun.jakarta.handler;
  exports dev.statefun.jakarta.http;
  exports dev.statefun.jakarta.message;
  exports dev.statefun.jakarta.storage;
  exports dev.statefun.jakarta.types;
  // The generated wire classes, for the tools that build and decode raw requests.
  exports dev.statefun.jakarta.internal.protocol to dev.statefun.jakarta.testing, dev.statefun.jakarta.tools;
}

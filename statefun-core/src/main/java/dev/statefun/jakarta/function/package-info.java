/**
 * What makes a class a function class, for container integrations: {@link
 * dev.statefun.jakarta.function.FunctionClass} checks a class and reports each mistake with the fix,
 * and {@link dev.statefun.jakarta.function.HandlerMethods} dispatches a {@link
 * dev.statefun.jakarta.TypedRemoteFunction}'s messages. The CDI extensions and the test utilities
 * use them; application code does not need them.
 */
package dev.statefun.jakarta.function;

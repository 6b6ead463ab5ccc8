/**
 * The SDK: a function ({@link dev.statefun.jakarta.RemoteFunction} or {@link dev.statefun.jakarta.AsyncRemoteFunction}),
 * its {@link dev.statefun.jakarta.Context}, its state ({@link dev.statefun.jakarta.ValueSpec}), addresses and type
 * names, and the {@link dev.statefun.jakarta.FunctionRegistry} of {@link dev.statefun.jakarta.FunctionSpec}s that
 * an endpoint serves. No container or HTTP classes: statefun-cdi and statefun-jaxrs add those.
 */
package dev.statefun.jakarta;

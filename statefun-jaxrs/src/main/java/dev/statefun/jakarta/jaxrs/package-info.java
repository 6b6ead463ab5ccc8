/**
 * The JAX-RS resource that serves the functions at {@code <application path>/statefun}
 * ({@link dev.statefun.jakarta.jaxrs.StatefulFunctionResource}), and its limits.
 */
package dev.statefun.jakarta.jaxrs;

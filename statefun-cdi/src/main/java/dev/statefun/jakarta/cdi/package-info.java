/**
 * CDI: {@link dev.statefun.jakarta.cdi.StatefulFunction} makes a bean class a function; the portable extension
 * validates every function class when the application deploys, and
 * {@link dev.statefun.jakarta.cdi.StatefulFunctionRegistry} serves them.
 */
package dev.statefun.jakarta.cdi;

/**
 * The embedded server: Weld SE and Jersey on Grizzly serving every {@code @StatefulFunction} bean on the
 * class path, without an application server ({@link dev.statefun.jakarta.embedded.EmbeddedServer}).
 */
package dev.statefun.jakarta.embedded;

/**
 * The embedded server: Weld SE and Jersey serving every {@code @StatefulFunction} bean on the class path,
 * without an application server ({@link dev.statefun.jakarta.embedded.EmbeddedServer}).
 */
package dev.statefun.jakarta.embedded;

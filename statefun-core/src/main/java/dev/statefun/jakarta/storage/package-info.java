/**
 * The state of the invoked address ({@link dev.statefun.jakarta.storage.AddressScopedStorage}).
 */
package dev.statefun.jakarta.storage;

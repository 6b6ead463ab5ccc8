/**
 * Value types: the six cross-language primitives ({@link dev.statefun.jakarta.types.Types}), JSON through JSON-B,
 * protobuf messages, or your own {@link dev.statefun.jakarta.types.Type}.
 */
package dev.statefun.jakarta.types;

/**
 * Messages between functions: reading an incoming {@link dev.statefun.jakarta.message.Message}, building an outgoing
 * one with {@link dev.statefun.jakarta.message.MessageBuilder}.
 */
package dev.statefun.jakarta.message;

/**
 * The request-reply protocol handler: the bytes of one runtime request in, the bytes of its reply out
 * ({@link dev.statefun.jakarta.handler.RequestReplyHandler}), for whatever serves HTTP.
 */
package dev.statefun.jakarta.handler;

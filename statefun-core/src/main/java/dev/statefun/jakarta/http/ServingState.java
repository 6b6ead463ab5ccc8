package dev.statefun.jakarta.http;

/**
 * Where an endpoint is in its life, as readiness checks report it: only {@link #SERVING} should get
 * traffic. Containers and the CDI registry keep it; the handler itself answers in every state.
 */
public enum ServingState {
  /** The deployment is starting; the functions are not registered yet. */
  STARTING,
  /** The functions are registered and the handler answers requests. */
  SERVING,
  /** The endpoint is shutting down: requests in flight finish, new ones should go elsewhere. */
  DRAINING
}

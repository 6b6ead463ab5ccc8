package dev.statefun.jakarta.cdi;

/** Where an application's functions are in their life: what readiness checks report. */
public enum ServingState {
  /** The deployment is starting; the functions are not registered yet. */
  STARTING,
  /** The functions are registered and the handler answers requests. */
  SERVING,
  /** The endpoint is shutting down: requests in flight finish, new ones should go elsewhere. */
  DRAINING
}

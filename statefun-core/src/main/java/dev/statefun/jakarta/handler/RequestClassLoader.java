package dev.statefun.jakarta.handler;

/**
 * Runs the handler's continuations with the context class loader of the thread the request arrived
 * on. An async function's stage often completes on a thread of some other pool (the JDK's common
 * pool, an HTTP client's), whose context class loader is not the application's; application
 * servers find the application's CDI container through that class loader (GlassFish's Weld does),
 * so a contextual reference called there (the function's client proxy for the batch's next
 * invocation, an observer bean) fails, on GlassFish 8 with WELD-000229.
 */
final class RequestClassLoader {
  private RequestClassLoader() {}

  /** Runs {@code action} on this thread with {@code loader} as its context class loader, then restores it. */
  static void run(ClassLoader loader, Runnable action) {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    if (previous == loader) {
      action.run();
      return;
    }
    thread.setContextClassLoader(loader);
    try {
      action.run();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }
}

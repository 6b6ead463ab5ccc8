package dev.statefun.jakarta.cdi.sample;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/** Records what happens to the scoped sample functions, and holds the stage async ones wait for. */
@ApplicationScoped
public class Lifecycle {
  private final AtomicInteger ids = new AtomicInteger();
  private final ConcurrentLinkedQueue<String> events = new ConcurrentLinkedQueue<>();
  private volatile CompletableFuture<Void> gate = CompletableFuture.completedFuture(null);

  /** Registers a new instance and returns its name, e.g. {@code dependent#3}. */
  public String created(String kind) {
    String name = kind + "#" + ids.incrementAndGet();
    events.add(name + " created");
    return name;
  }

  public void destroyed(String name) {
    events.add(name + " destroyed");
  }

  public void invoked(String name) {
    events.add(name + " invoked");
  }

  public List<String> events() {
    return new ArrayList<>(events);
  }

  public List<String> events(String kind) {
    return events().stream().filter(e -> e.startsWith(kind + "#")).toList();
  }

  /** Async sample functions complete when this stage does. */
  public CompletableFuture<Void> gate() {
    return gate;
  }

  public CompletableFuture<Void> closeGate() {
    gate = new CompletableFuture<>();
    return gate;
  }

  public void reset() {
    events.clear();
    gate = CompletableFuture.completedFuture(null);
  }
}

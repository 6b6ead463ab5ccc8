package dev.statefun.jakarta.cdi.sample;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** What {@link AuditInterceptor} saw. */
@ApplicationScoped
public class Audit {
  private final List<String> entries = new CopyOnWriteArrayList<>();

  public void add(String entry) {
    entries.add(entry);
  }

  public List<String> entries() {
    return new ArrayList<>(entries);
  }

  public void clear() {
    entries.clear();
  }
}

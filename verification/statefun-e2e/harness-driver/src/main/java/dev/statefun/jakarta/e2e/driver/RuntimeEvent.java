package dev.statefun.jakarta.e2e.driver;

import java.time.Instant;
import java.util.List;

/**
 * One line the runner reported: {@code started}, {@code job-submitted}, {@code job-status},
 * {@code checkpoint}, {@code feed-restored}, {@code forced-failure}, {@code egress},
 * {@code stopping}, {@code job-failed}, {@code stopped}, ...
 *
 * @param name the event
 * @param fields its fields, in order
 * @param at when the driver read it
 */
public record RuntimeEvent(String name, List<String> fields, Instant at) {
  public RuntimeEvent {
    fields = List.copyOf(fields);
  }

  /** The first field, or "" if there is none. */
  public String field() {
    return fields.isEmpty() ? "" : fields.get(0);
  }

  @Override
  public String toString() {
    return fields.isEmpty() ? name : name + " " + String.join(" ", fields);
  }
}

package dev.statefun.jakarta.testkit;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects what a java.util.logging logger (and the loggers below it) publishes, from
 * {@link #capture} until {@link #close}: {@code try (LogRecords logs = LogRecords.capture("dev.statefun.jakarta")) {...}}.
 */
public final class LogRecords extends Handler implements AutoCloseable {
  private final Logger logger;
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();

  private LogRecords(Logger logger) {
    this.logger = logger;
    setLevel(Level.ALL);
  }

  /** Starts collecting the records of the logger {@code name} ("" for the root logger). */
  public static LogRecords capture(String name) {
    LogRecords capture = new LogRecords(Logger.getLogger(name));
    capture.logger.addHandler(capture);
    return capture;
  }

  /** The records collected so far, in the order they were published. */
  public List<LogRecord> records() {
    return List.copyOf(records);
  }

  /** One line a record: level, logger, message and the exception, for assertion messages. */
  public static String describe(List<LogRecord> records) {
    StringBuilder text = new StringBuilder();
    for (LogRecord r : records) {
      text.append('\n').append(r.getLevel()).append(' ').append(r.getLoggerName()).append(": ").append(r.getMessage())
          .append(r.getThrown() == null ? "" : " [" + r.getThrown() + "]");
    }
    return text.toString();
  }

  @Override
  public void publish(LogRecord record) {
    if (isLoggable(record)) {
      records.add(record);
    }
  }

  @Override
  public void flush() {}

  /** Stops collecting: the handler leaves the logger. */
  @Override
  public void close() {
    logger.removeHandler(this);
  }
}

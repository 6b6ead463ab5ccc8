package dev.statefun.jakarta.embedded;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.eclipse.microprofile.config.spi.Converter;

/**
 * The duration settings' grammar: {@code 30s}, {@code 500ms}, {@code 2m}, a bare number of seconds, or
 * ISO-8601 {@code PT30S}. A converter of the settings' mapping only, so an application's own
 * {@code Duration} settings keep MicroProfile Config's rules.
 */
public final class DurationSetting implements Converter<Duration> {
  private static final long serialVersionUID = 1L;

  /** SmallRye Config creates the converter through its public constructor. */
  public DurationSetting() {}

  @Override
  public Duration convert(String value) {
    String text = value.trim().toLowerCase(Locale.ROOT);
    if (text.isEmpty()) {
      return null; // MicroProfile Config: an empty value is a missing one
    }
    try {
      if (text.startsWith("p")) {
        return Duration.parse(text.toUpperCase(Locale.ROOT));
      }
      if (text.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2).trim()));
      }
      if (text.endsWith("s")) {
        return Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1).trim()));
      }
      if (text.endsWith("m")) {
        return Duration.ofMinutes(Long.parseLong(text.substring(0, text.length() - 1).trim()));
      }
      return Duration.ofSeconds(Long.parseLong(text));
    } catch (NumberFormatException | DateTimeParseException e) {
      throw new IllegalArgumentException("a duration like 30s, 500ms, 2m or PT30S is expected, not '" + value + "'",
          e);
    }
  }
}

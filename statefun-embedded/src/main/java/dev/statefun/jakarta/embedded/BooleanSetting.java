package dev.statefun.jakarta.embedded;

import java.util.Locale;
import org.eclipse.microprofile.config.spi.Converter;

/**
 * The switches' grammar: MicroProfile Config's words for true ({@code true}, {@code yes}, {@code y},
 * {@code on}, {@code 1}) and their opposites; anything else is refused rather than read as false.
 */
public final class BooleanSetting implements Converter<Boolean> {
  private static final long serialVersionUID = 1L;

  /** SmallRye Config creates the converter through its public constructor. */
  public BooleanSetting() {}

  @Override
  public Boolean convert(String value) {
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "" -> null; // MicroProfile Config: an empty value is a missing one
      case "true", "yes", "y", "on", "1" -> true;
      case "false", "no", "n", "off", "0" -> false;
      default -> throw new IllegalArgumentException("true or false is expected, not '" + value + "'");
    };
  }
}

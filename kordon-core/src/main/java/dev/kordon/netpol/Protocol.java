package dev.kordon.netpol;

import java.util.Locale;
import java.util.Optional;

/** The protocols a NetworkPolicy port can name. */
public enum Protocol {
  TCP,
  UDP,
  SCTP;

  /** The protocol a word names (case-sensitive as the API is: "TCP"), or empty. */
  public static Optional<Protocol> parse(String word) {
    switch (word) {
      case "TCP":
        return Optional.of(TCP);
      case "UDP":
        return Optional.of(UDP);
      case "SCTP":
        return Optional.of(SCTP);
      default:
        return Optional.empty();
    }
  }

  /** A protocol typed by a user (flags, flow files): any case. */
  public static Optional<Protocol> parseLenient(String word) {
    return parse(word.trim().toUpperCase(Locale.ROOT));
  }
}

package dev.kordon.admission;

import java.util.Locale;

/**
 * How a request is answered when Kordon cannot evaluate it (a control failed, the evaluation ran
 * out of time, or the server is overloaded).
 */
public enum FailureMode {
  /** Deny the object: an attacker cannot get past Kordon by crafting an object that breaks it. */
  DENY,
  /** Admit the object with a warning saying it was not evaluated. */
  ALLOW;

  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }
}

package dev.kordon.control;

/** Which body of rules a control belongs to, declared in its {@link ControlInfo}. */
public enum ControlFamily {
  /** Kordon's own catalog. The default. */
  CATALOG,
  /**
   * One Pod Security Standards check reported as a control (KOR-0200 onwards): it names exactly one
   * check of {@code dev.kordon.pss}. Where Pod Security is judged per namespace level (the
   * webhook), these controls are left out.
   */
  POD_SECURITY
}

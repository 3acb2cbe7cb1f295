package dev.kordon.pss;

import java.util.Locale;

/** What the admission plugin does with a violation: reject the pod, record it, or warn. */
public enum PssMode {
  ENFORCE,
  AUDIT,
  WARN;

  public static final String LABEL_PREFIX = "pod-security.kubernetes.io/";

  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** {@code pod-security.kubernetes.io/enforce}. */
  public String levelLabel() {
    return LABEL_PREFIX + word();
  }

  /** {@code pod-security.kubernetes.io/enforce-version}. */
  public String versionLabel() {
    return levelLabel() + "-version";
  }
}

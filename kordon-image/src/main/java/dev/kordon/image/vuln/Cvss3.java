package dev.kordon.image.vuln;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;

/** The CVSS v3.x base score of a vector string, as the FIRST specification computes it. */
final class Cvss3 {
  private Cvss3() {}

  static OptionalDouble baseScore(String vector) {
    if (vector == null || !vector.startsWith("CVSS:3.")) {
      return OptionalDouble.empty();
    }
    Map<String, String> m = new HashMap<>();
    for (String part : vector.split("/")) {
      int colon = part.indexOf(':');
      if (colon > 0) {
        m.put(part.substring(0, colon), part.substring(colon + 1));
      }
    }
    try {
      boolean changed = "C".equals(m.get("S"));
      double av = pick(m.get("AV"), "N", 0.85, "A", 0.62, "L", 0.55, "P", 0.2);
      double ac = pick(m.get("AC"), "L", 0.77, "H", 0.44, "X", 0, "X", 0);
      double pr =
          changed
              ? pick(m.get("PR"), "N", 0.85, "L", 0.68, "H", 0.5, "X", 0)
              : pick(m.get("PR"), "N", 0.85, "L", 0.62, "H", 0.27, "X", 0);
      double ui = pick(m.get("UI"), "N", 0.85, "R", 0.62, "X", 0, "X", 0);
      double c = cia(m.get("C"));
      double i = cia(m.get("I"));
      double a = cia(m.get("A"));
      double iss = 1 - (1 - c) * (1 - i) * (1 - a);
      double impact = changed ? 7.52 * (iss - 0.029) - 3.25 * Math.pow(iss - 0.02, 15) : 6.42 * iss;
      double exploitability = 8.22 * av * ac * pr * ui;
      if (impact <= 0) {
        return OptionalDouble.of(0);
      }
      double score =
          changed
              ? roundUp(Math.min(1.08 * (impact + exploitability), 10))
              : roundUp(Math.min(impact + exploitability, 10));
      return OptionalDouble.of(score);
    } catch (IllegalArgumentException e) {
      return OptionalDouble.empty();
    }
  }

  private static double cia(String v) {
    return pick(v, "H", 0.56, "L", 0.22, "N", 0, "X", 0);
  }

  private static double pick(
      String v,
      String k1,
      double v1,
      String k2,
      double v2,
      String k3,
      double v3,
      String k4,
      double v4) {
    if (k1.equals(v)) {
      return v1;
    }
    if (k2.equals(v)) {
      return v2;
    }
    if (k3.equals(v)) {
      return v3;
    }
    if (k4.equals(v)) {
      return v4;
    }
    throw new IllegalArgumentException("bad metric " + v);
  }

  /** CVSS 3.1 Roundup: the smallest one-decimal number not below the input. */
  private static double roundUp(double d) {
    long i = Math.round(d * 100000);
    return i % 10000 == 0 ? i / 100000.0 : (Math.floor(i / 10000.0) + 1) / 10.0;
  }

  static String severity(double score) {
    if (score >= 9.0) {
      return "critical";
    }
    if (score >= 7.0) {
      return "high";
    }
    if (score >= 4.0) {
      return "medium";
    }
    return score > 0 ? "low" : "none";
  }
}

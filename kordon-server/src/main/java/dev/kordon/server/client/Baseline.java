package dev.kordon.server.client;

import dev.kordon.report.SafeText;
import java.util.HashSet;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The fingerprints of a baseline: a JSON report from {@code scan --format json} (a file, offline)
 * or the open findings a server keeps for a cluster. Findings whose fingerprint is here are known;
 * only the others can fail a scan run with {@code --baseline}.
 */
public final class Baseline {
  private Baseline() {}

  /**
   * @throws IllegalArgumentException when the document is not a report with findings
   */
  public static Set<String> fingerprints(byte[] json) {
    JsonNode root;
    try {
      root = JsonMapper.builder().build().readTree(json);
    } catch (JacksonException e) {
      throw new IllegalArgumentException("not JSON: " + SafeText.line(e.getOriginalMessage()));
    }
    if (root == null || !root.path("findings").isArray()) {
      throw new IllegalArgumentException("not a Kordon JSON report: no findings array");
    }
    Set<String> out = new HashSet<>();
    for (JsonNode f : root.path("findings").values()) {
      if (f.path("fingerprint").isString()) {
        out.add(f.path("fingerprint").stringValue());
      }
    }
    return out;
  }
}

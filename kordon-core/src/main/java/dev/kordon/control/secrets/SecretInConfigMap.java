package dev.kordon.control.secrets;

import dev.kordon.control.ControlInfo;
import dev.kordon.control.ObjectControl;
import dev.kordon.model.Finding;
import dev.kordon.model.JsonPointer;
import dev.kordon.model.KubeObject;
import dev.kordon.model.Severity;
import dev.kordon.snapshot.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A credential in ConfigMap {@code data}: either the whole value of a credential-named key, or a
 * {@code key=value} / {@code key: value} line inside a file-like value. The message names the
 * ConfigMap, the data key and the embedded setting, never the value.
 */
public final class SecretInConfigMap implements ObjectControl {

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0067")
          .title("Credential in a ConfigMap")
          .severity(Severity.HIGH)
          .description(
              "ConfigMaps are meant for non-confidential data: they are not encrypted at rest by"
                  + " default, are readable by far more roles than Secrets, are mounted and logged"
                  + " freely, and live in Git beside the application.")
          .remediation(
              "Move the credential into a Secret (or an external secret store), reference it"
                  + " from the workload, and rotate the exposed credential.")
          .kinds("ConfigMap")
          .refs("nsa:secrets", "mitre:T1552.001")
          .peers("kubescape:C-0012", "trivy:KSV-0109", "trivy:KSV-01010")
          .build();

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(KubeObject object, Snapshot snapshot) {
    List<Finding> out = new ArrayList<>();
    JsonNode data = object.raw().path("data");
    if (!data.isObject()) {
      return out;
    }
    for (Map.Entry<String, JsonNode> e : data.properties()) {
      if (!e.getValue().isString()) {
        continue;
      }
      Optional<String> why = explain(e.getKey(), e.getValue().stringValue());
      if (why.isPresent()) {
        out.add(
            INFO.finding(
                object,
                JsonPointer.of("data", e.getKey()),
                "ConfigMap \""
                    + object.name()
                    + "\" key \""
                    + e.getKey()
                    + "\" holds "
                    + why.get()
                    + " (value not shown)"));
      }
    }
    return out;
  }

  static Optional<String> explain(String key, String value) {
    Optional<String> whole = SecretDetector.inspect(key, value);
    if (whole.isPresent()) {
      return whole;
    }
    // a file-like value: its first 2,000 lines (split at \r\n, \r or \n), each read in place
    // as a range of the value, without a copy per line
    int end = lineEnd(value, 0);
    if (end == value.length()) {
      return Optional.empty(); // one line: no file
    }
    int start = 0;
    for (int i = 0; i < 2000; i++) {
      Optional<Setting> setting = Setting.read(value, start, end);
      if (setting.isPresent()
          && SecretDetector.literalCredential(setting.get().name(), setting.get().value())) {
        return Optional.of(
            "a literal credential in setting \"" + setting.get().name() + "\" on line " + (i + 1));
      }
      if (end == value.length()) {
        break;
      }
      start = end + (value.startsWith("\r\n", end) ? 2 : 1);
      end = lineEnd(value, start);
    }
    return Optional.empty();
  }

  /** The index of the first {@code \r} or {@code \n} at or after {@code from}, else the length. */
  static int lineEnd(String value, int from) {
    for (int i = from; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\n' || c == '\r') {
        return i;
      }
    }
    return value.length();
  }
}

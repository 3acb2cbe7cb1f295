package dev.kordon.engine;

import dev.kordon.model.ObjectRef;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An accepted risk: findings of one control on matching resources are kept in reports with status
 * {@code excepted} until the expiry date passes.
 *
 * @param nameGlob {@code *} and {@code ?} wildcards; empty matches any name
 */
public record ExceptionRule(
    String controlId,
    String kind,
    String namespace,
    String nameGlob,
    Map<String, String> labels,
    String reason,
    Optional<LocalDate> expires,
    String source) {

  public ExceptionRule {
    labels = Map.copyOf(labels);
  }

  public boolean matches(String id, ObjectRef ref, Map<String, String> objectLabels) {
    if (!controlId.equals(id) && !controlId.equals("*")) {
      return false;
    }
    if (!kind.isEmpty() && !kind.equals(ref.kind())) {
      return false;
    }
    if (!namespace.isEmpty() && !glob(namespace).matcher(ref.namespace()).matches()) {
      return false;
    }
    if (!nameGlob.isEmpty() && !glob(nameGlob).matcher(ref.name()).matches()) {
      return false;
    }
    for (Map.Entry<String, String> e : labels.entrySet()) {
      if (!e.getValue().equals(objectLabels.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  public boolean expiredOn(LocalDate today) {
    return expires.isPresent() && today.isAfter(expires.get());
  }

  static Pattern glob(String glob) {
    StringBuilder re = new StringBuilder();
    for (char c : glob.toCharArray()) {
      if (c == '*') {
        re.append(".*");
      } else if (c == '?') {
        re.append('.');
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(re.toString());
  }
}

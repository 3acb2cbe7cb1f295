package dev.kordon.pss;

import dev.kordon.model.JsonPointer;
import java.util.List;

/**
 * What one check found wrong with one pod.
 *
 * @param check the PSA check id, e.g. {@code runAsNonRoot}
 * @param reason what is forbidden, e.g. {@code runAsNonRoot != true}
 * @param fields every offending field, with its detail and pointer
 */
public record PssViolation(String check, String reason, List<OffendingField> fields) {

  public PssViolation {
    fields = List.copyOf(fields);
  }

  /** The reason followed by every detail: one readable sentence. */
  public String message() {
    StringBuilder sb = new StringBuilder(reason).append(": ");
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        sb.append("; ");
      }
      sb.append(fields.get(i).detail());
    }
    return sb.toString();
  }

  public List<JsonPointer> paths() {
    return fields.stream().map(OffendingField::path).distinct().toList();
  }
}

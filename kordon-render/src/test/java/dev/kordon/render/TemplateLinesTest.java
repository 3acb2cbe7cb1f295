package dev.kordon.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Rendered lines mapped back to template lines: verbatim, by key, and after includes. */
class TemplateLinesTest {

  private static final List<String> TEMPLATE =
      List.of(
          "apiVersion: v1", // 1
          "kind: ConfigMap", // 2
          "metadata:", // 3
          "  name: {{ .Release.Name }}", // 4
          "  labels:", // 5
          "    {{- include \"labels\" . | nindent 4 }}", // 6
          "data:", // 7
          "  a: {{ .Values.a }}", // 8
          "---", // 9
          "apiVersion: v1", // 10
          "kind: Secret", // 11
          "metadata:", // 12
          "  name: s"); // 13

  @Test
  void verbatimLinesMatchExactlyTemplatedOnesByKeyIncludedOnesStayOnTheInclude() {
    List<String> rendered =
        List.of(
            "apiVersion: v1",
            "kind: ConfigMap",
            "metadata:",
            "  name: rel",
            "  labels:",
            "    app: x",
            "    team: y",
            "data:",
            "  a: \"1\"");
    int[] lines = new TemplateLines(TEMPLATE).map(rendered, 1);
    assertThat(lines).containsExactly(1, 2, 3, 4, 5, 5, 5, 7, 8);
  }

  @Test
  void documentsSortedByKindStartAtTheirOwnPartOfTheTemplate() {
    TemplateLines t = new TemplateLines(TEMPLATE);
    Set<Integer> used = new HashSet<>();
    // Helm puts the Secret before the ConfigMap
    assertThat(t.documentStart(List.of("apiVersion: v1", "kind: Secret"), used)).isEqualTo(10);
    assertThat(t.documentStart(List.of("apiVersion: v1", "kind: ConfigMap"), used)).isEqualTo(1);
    int[] secret = t.map(List.of("apiVersion: v1", "kind: Secret", "metadata:", "  name: s"), 10);
    assertThat(secret).containsExactly(10, 11, 12, 13);
  }
}

package dev.kordon.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportWritersTest {

  @Test
  void exactlyOneWriterPerFormat() {
    Map<Format, List<String>> writers = new EnumMap<>(Format.class);
    for (ReportWriter w : ReportWriters.all(WriterOptions.PLAIN)) {
      writers.computeIfAbsent(w.format(), f -> new ArrayList<>()).add(w.getClass().getName());
    }
    assertThat(writers.keySet()).as("formats with a writer").containsExactly(Format.values());
    writers.forEach(
        (format, classes) -> assertThat(classes).as("writers of %s", format).hasSize(1));
  }

  @Test
  void eachWriterLivesInTheSubpackageNamedForItsFormat() {
    for (ReportWriter w : ReportWriters.all(WriterOptions.PLAIN)) {
      assertThat(w.getClass().getPackageName()).isEqualTo("dev.kordon.report." + w.format().word());
    }
  }

  @Test
  void forFormatFindsEveryFormat() {
    for (Format f : Format.values()) {
      assertThat(ReportWriters.forFormat(f, WriterOptions.PLAIN).format()).isEqualTo(f);
    }
  }
}

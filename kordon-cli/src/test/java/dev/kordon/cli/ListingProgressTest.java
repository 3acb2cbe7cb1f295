package dev.kordon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ListingProgressTest {

  @Test
  void drawsKindsAndCountsOnOneLineAndClearsIt() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (ListingProgress p =
        new ListingProgress(new PrintStream(err, true, StandardCharsets.UTF_8), true)) {
      p.started("Pod");
      p.started("Deployment");
    }
    String drawn = err.toString(StandardCharsets.UTF_8);
    assertThat(drawn).startsWith("\rlisting Pod … 0 objects").doesNotContain("\n").endsWith("\r");
  }

  @Test
  void silentWhenDisabled() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (ListingProgress p =
        new ListingProgress(new PrintStream(err, true, StandardCharsets.UTF_8), false)) {
      p.started("Pod");
      p.listed("Pod", 500);
      p.finished("Pod");
    }
    assertThat(err.size()).isZero();
  }

  @Test
  void progressIsOnlyForTerminalsOutsideCi() {
    assertThat(new Io(System.in, System.out, System.err, true, java.util.Map.of()).progress())
        .isTrue();
    assertThat(
            new Io(System.in, System.out, System.err, true, java.util.Map.of("CI", "true"))
                .progress())
        .isFalse();
    assertThat(new Io(System.in, System.out, System.err, false, java.util.Map.of()).progress())
        .isFalse();
  }
}

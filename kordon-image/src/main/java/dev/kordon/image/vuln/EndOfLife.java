package dev.kordon.image.vuln;

import dev.kordon.image.inventory.OsRelease;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** End of security support per OS release, from the table kept as data ({@code eol.tsv}). */
public final class EndOfLife {

  private final Map<String, LocalDate> ends;

  private EndOfLife(Map<String, LocalDate> ends) {
    this.ends = Map.copyOf(ends);
  }

  public static EndOfLife builtIn() {
    try (InputStream in = EndOfLife.class.getResourceAsStream("/dev/kordon/image/eol.tsv")) {
      if (in == null) {
        throw new IllegalStateException("eol.tsv missing from the jar");
      }
      Map<String, LocalDate> ends = new HashMap<>();
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = r.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t");
        ends.put(f[0] + " " + f[1], LocalDate.parse(f[2]));
      }
      return new EndOfLife(ends);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The end of support of an OS release, when the table knows it. */
  public Optional<LocalDate> end(OsRelease os) {
    String release =
        switch (os.id()) {
          case "debian" -> os.versionId().replaceFirst("\\..*", "");
          case "alpine", "ubuntu" -> os.versionId().replaceFirst("^(\\d+\\.\\d+).*", "$1");
          default -> os.versionId();
        };
    return Optional.ofNullable(ends.get(os.id() + " " + release));
  }

  /** The end date when it is on or before {@code today}. */
  public Optional<LocalDate> ended(OsRelease os, LocalDate today) {
    return end(os).filter(d -> !d.isAfter(today));
  }
}

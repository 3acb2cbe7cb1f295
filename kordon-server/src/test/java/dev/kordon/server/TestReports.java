package dev.kordon.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Real reports written by {@code kordon scan --format json}: {@code insecure} (examples/insecure,
 * 151 findings) and {@code hardened} (examples/hardened, 4 findings; 1 shared with insecure, 3 new,
 * 150 of insecure's fixed).
 */
final class TestReports {
  private TestReports() {}

  static byte[] bytes(String name) {
    try (InputStream in = TestReports.class.getResourceAsStream("/reports/" + name + ".json")) {
      if (in == null) {
        throw new IllegalStateException("no test report " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static UploadedReport parsed(String name) {
    try {
      return new ReportParser().parse(bytes(name));
    } catch (InvalidReport e) {
      throw new IllegalStateException(e);
    }
  }
}

package dev.kordon.server;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/** The history on the embedded H2 file database, the default. */
class H2HistoryTest extends HistoryContract {
  @TempDir Path dir;
  private int n;

  @Override
  Database database() throws Exception {
    return Database.open(Database.h2FileUrl(dir.resolve("history-" + n++)), Map.of());
  }
}

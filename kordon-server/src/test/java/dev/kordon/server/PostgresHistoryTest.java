package dev.kordon.server;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The same history tests on PostgreSQL, started by the test (skipped with a note without it). */
class PostgresHistoryTest extends HistoryContract {
  private static PostgresServer postgres;

  @BeforeAll
  static void start() throws Exception {
    postgres = PostgresServer.startOrSkip();
  }

  @AfterAll
  static void stop() throws Exception {
    if (postgres != null) {
      postgres.close();
    }
  }

  @Override
  Database database() throws Exception {
    return Database.open(postgres.newDatabase(), Map.of());
  }
}

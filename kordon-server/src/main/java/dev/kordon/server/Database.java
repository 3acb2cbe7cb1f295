package dev.kordon.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.h2.jdbcx.JdbcConnectionPool;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The history database: an H2 file under the user's data directory by default, or PostgreSQL
 * through a JDBC URL. Opening it applies the schema migrations (Flyway), so that a first start
 * needs no setup and an upgrade migrates in place.
 */
public final class Database implements ConnectionSource, AutoCloseable {
  private final String url;
  private final DataSource source;
  private final AutoCloseable closer;

  private Database(String url, DataSource source, AutoCloseable closer) {
    this.url = url;
    this.source = source;
    this.closer = closer;
  }

  /** The default database: {@code $XDG_DATA_HOME/kordon/history} or {@code ~/.local/share/...}. */
  public static String defaultUrl(Map<String, String> env) {
    String xdg = env.get("XDG_DATA_HOME");
    Path base =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".local", "share");
    return h2FileUrl(base.resolve("kordon").resolve("history"));
  }

  /**
   * An H2 file database at {@code file} (H2 adds {@code .mv.db}). WRITE_DELAY=0: H2 otherwise
   * flushes a commit up to 500 ms later, and a process killed in that window loses reports it had
   * already acknowledged.
   */
  public static String h2FileUrl(Path file) {
    return "jdbc:h2:file:" + file.toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
  }

  /**
   * Opens and migrates the database.
   *
   * @param url {@code jdbc:h2:...} or {@code jdbc:postgresql://host/db?user=..&password=..}; for
   *     PostgreSQL, {@code PGUSER}/{@code PGPASSWORD} in the environment fill in what the URL lacks
   * @throws IllegalArgumentException for a URL of another database
   * @throws SQLException when the database cannot be reached or migrated
   */
  public static Database open(String url, Map<String, String> env) throws SQLException {
    Database db;
    if (url.startsWith("jdbc:h2:")) {
      if (url.startsWith("jdbc:h2:file:")) {
        Path file = Path.of(url.substring("jdbc:h2:file:".length()).split(";", 2)[0]);
        Path parent = file.toAbsolutePath().getParent();
        try {
          if (parent != null) {
            Files.createDirectories(parent);
          }
        } catch (java.io.IOException e) {
          throw new SQLException("cannot create " + parent + ": " + e.getMessage(), e);
        }
      }
      JdbcConnectionPool pool = JdbcConnectionPool.create(url, "sa", "");
      pool.setMaxConnections(16);
      db = new Database(url, pool, pool::dispose);
    } else if (url.startsWith("jdbc:postgresql:")) {
      PGSimpleDataSource pg = new PGSimpleDataSource();
      pg.setUrl(url);
      if (pg.getUser() == null && env.get("PGUSER") != null) {
        pg.setUser(env.get("PGUSER"));
      }
      if (pg.getPassword() == null && env.get("PGPASSWORD") != null) {
        pg.setPassword(env.get("PGPASSWORD"));
      }
      db = new Database(url, pg, () -> {});
    } else {
      throw new IllegalArgumentException(
          "--db: expected a jdbc:h2: or jdbc:postgresql: URL, got " + redact(url));
    }
    try {
      Flyway.configure(Database.class.getClassLoader())
          .dataSource(db.source)
          .locations("classpath:db/migration")
          .load()
          .migrate();
    } catch (FlywayException e) {
      db.close();
      throw new SQLException("cannot migrate " + redact(url) + ": " + e.getMessage(), e);
    }
    return db;
  }

  @Override
  public Connection open() throws SQLException {
    return source.getConnection();
  }

  /** The URL without a password, for messages. */
  public String describe() {
    return redact(url);
  }

  static String redact(String url) {
    return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }

  @Override
  public void close() {
    try {
      closer.close();
    } catch (Exception e) {
      // closing a pool that failed to open: nothing left to release
    }
  }
}

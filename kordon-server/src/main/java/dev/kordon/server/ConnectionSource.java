package dev.kordon.server;

import java.sql.Connection;
import java.sql.SQLException;

/** Where the store gets its connections: the database, or a test's wrapper around it. */
@FunctionalInterface
public interface ConnectionSource {
  Connection open() throws SQLException;
}

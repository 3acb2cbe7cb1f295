package dev.kordon.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * API tokens. A token is 32 random bytes; only its SHA-256 is stored (a token has enough entropy
 * that a slow hash would add nothing), so a copy of the database lets nobody in.
 */
public final class Tokens {
  private static final String PREFIX = "kdn_";
  private final ConnectionSource db;
  private final SecureRandom random = new SecureRandom();

  public Tokens(ConnectionSource db) {
    this.db = db;
  }

  /**
   * Creates a token and returns it; it is never shown again.
   *
   * @throws IllegalArgumentException when a token of that name exists or the name is unusable
   */
  public String create(String name, List<Scope> scopes, long now) throws SQLException {
    if (name.isBlank() || name.length() > 200 || !name.matches("[A-Za-z0-9._@-]+")) {
      throw new IllegalArgumentException(
          "a token name is 1 to 200 letters, digits, '.', '_', '@' or '-'");
    }
    if (scopes.isEmpty()) {
      throw new IllegalArgumentException("a token needs at least one scope");
    }
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    try (Connection c = db.open();
        PreparedStatement exists = c.prepareStatement("SELECT 1 FROM api_tokens WHERE name=?");
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO api_tokens (name, token_hash, scopes, created_ms) VALUES (?,?,?,?)")) {
      exists.setString(1, name);
      try (ResultSet rs = exists.executeQuery()) {
        if (rs.next()) {
          throw new IllegalArgumentException("a token named '" + name + "' exists already");
        }
      }
      ps.setString(1, name);
      ps.setString(2, hash(token));
      ps.setString(3, scopes.stream().map(Scope::toString).collect(Collectors.joining(",")));
      ps.setLong(4, now);
      ps.executeUpdate();
    }
    return token;
  }

  /** The access a presented token grants, if it is one of ours. */
  public Optional<Access> check(String presented) throws SQLException {
    if (presented == null || !presented.startsWith(PREFIX) || presented.length() > 100) {
      return Optional.empty();
    }
    try (Connection c = db.open();
        PreparedStatement ps =
            c.prepareStatement("SELECT name, scopes FROM api_tokens WHERE token_hash=?")) {
      ps.setString(1, hash(presented));
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(new Access(rs.getString(1), Scope.parseAll(rs.getString(2))));
      }
    }
  }

  static String hash(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }
}

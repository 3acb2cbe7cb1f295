package dev.kordon.server;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Dashboard logins: a random session id in an HttpOnly, SameSite=Strict cookie, mapped in memory to
 * the token's access and a CSRF token for the session's forms. A restart logs everyone out, which
 * is the safe direction.
 */
final class Sessions {
  static final long TTL_MS = 12 * 60 * 60 * 1000L;
  private static final int MAX_SESSIONS = 10_000;

  record Session(Access access, String csrf, long expiresMs) {}

  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private final LongSupplier clock;

  Sessions(LongSupplier clock) {
    this.clock = clock;
  }

  String randomToken() {
    byte[] b = new byte[32];
    random.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /** Starts a session; returns its id. */
  String start(Access access) {
    long now = clock.getAsLong();
    if (sessions.size() >= MAX_SESSIONS) {
      sessions.values().removeIf(s -> s.expiresMs() < now);
    }
    String id = randomToken();
    sessions.put(id, new Session(access, randomToken(), now + TTL_MS));
    return id;
  }

  Optional<Session> find(String id) {
    if (id == null) {
      return Optional.empty();
    }
    Session s = sessions.get(id);
    if (s == null) {
      return Optional.empty();
    }
    if (s.expiresMs() < clock.getAsLong()) {
      sessions.remove(id);
      return Optional.empty();
    }
    return Optional.of(s);
  }

  void end(String id) {
    if (id != null) {
      sessions.remove(id);
    }
  }
}

package dev.kordon.server;

import java.util.ArrayList;
import java.util.List;

/**
 * One permission of a token: {@code read} or {@code upload}, on one cluster or on all ({@code *}).
 * Written {@code read:prod}, {@code upload:*}; a bare {@code read} means {@code read:*}.
 */
public record Scope(Action action, String cluster) {
  public enum Action {
    READ,
    UPLOAD;

    String word() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public static final String ALL = "*";

  public Scope {
    if (cluster.isBlank() || cluster.length() > 253) {
      throw new IllegalArgumentException("a scope names a cluster or *");
    }
  }

  public boolean allows(Action wanted, String clusterName) {
    return action == wanted && (cluster.equals(ALL) || cluster.equals(clusterName));
  }

  public static Scope parse(String word) {
    String[] parts = word.strip().split(":", 2);
    Action action =
        switch (parts[0]) {
          case "read" -> Action.READ;
          case "upload" -> Action.UPLOAD;
          default ->
              throw new IllegalArgumentException(
                  "not a scope: '" + word + "' (use read[:CLUSTER] or upload[:CLUSTER])");
        };
    return new Scope(action, parts.length == 2 ? parts[1] : ALL);
  }

  /** Scopes from their words, separated by commas or spaces. */
  public static List<Scope> parseAll(String words) {
    List<Scope> out = new ArrayList<>();
    for (String w : words.split("[,\\s]+")) {
      if (!w.isBlank()) {
        out.add(parse(w));
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return action.word() + ":" + cluster;
  }
}

package dev.kordon.node;

import java.util.HashMap;
import java.util.Map;

/**
 * The node's users and groups, read from its own {@code etc/passwd} and {@code etc/group}: an owner
 * is judged by the name the node gives it, never by the accounts of the machine running Kordon.
 */
public final class Accounts {

  private final Map<Integer, String> users;
  private final Map<Integer, String> groups;

  private Accounts(Map<Integer, String> users, Map<Integer, String> groups) {
    this.users = Map.copyOf(users);
    this.groups = Map.copyOf(groups);
  }

  public static final Accounts NONE = new Accounts(Map.of(0, "root"), Map.of(0, "root"));

  /** Parses passwd and group text ({@code name:x:id:...}); malformed lines are skipped. */
  public static Accounts parse(String passwd, String group) {
    Map<Integer, String> u = ids(passwd);
    Map<Integer, String> g = ids(group);
    // uid 0 is root on every Linux node, whatever a stripped-down passwd says
    u.putIfAbsent(0, "root");
    g.putIfAbsent(0, "root");
    return new Accounts(u, g);
  }

  private static Map<Integer, String> ids(String text) {
    Map<Integer, String> out = new HashMap<>();
    for (String line : text.split("\n")) {
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      String[] f = l.split(":", -1);
      if (f.length < 3) {
        continue;
      }
      try {
        out.putIfAbsent(Integer.parseInt(f[2]), f[0]);
      } catch (NumberFormatException e) {
        // not an account line
      }
    }
    return out;
  }

  public String user(int uid) {
    return users.getOrDefault(uid, Integer.toString(uid));
  }

  public String group(int gid) {
    return groups.getOrDefault(gid, Integer.toString(gid));
  }
}

package dev.kordon.rbac;

import java.util.Comparator;
import java.util.Locale;
import java.util.Set;

/**
 * Who a binding names: a User, a Group or a ServiceAccount. A ServiceAccount always carries its
 * namespace (a RoleBinding's namespace when the subject left it out).
 */
public record Subject(Kind kind, String name, String namespace) implements Comparable<Subject> {

  /** The subject kinds the RBAC authorizer knows; any other kind never matches anyone. */
  public enum Kind {
    USER("User"),
    GROUP("Group"),
    SERVICE_ACCOUNT("ServiceAccount");

    private final String word;

    Kind(String word) {
      this.word = word;
    }

    /** The kind as a binding writes it. */
    public String word() {
      return word;
    }

    /** The kind of a binding's subject entry; empty for kinds RBAC ignores. */
    static java.util.Optional<Kind> parse(String word) {
      for (Kind k : values()) {
        if (k.word.equals(word)) {
          return java.util.Optional.of(k);
        }
      }
      return java.util.Optional.empty();
    }
  }

  public static final String AUTHENTICATED = "system:authenticated";
  public static final String UNAUTHENTICATED = "system:unauthenticated";
  public static final String ANONYMOUS = "system:anonymous";
  public static final String SERVICE_ACCOUNTS = "system:serviceaccounts";
  public static final String MASTERS = "system:masters";
  static final String SA_USER_PREFIX = "system:serviceaccount:";

  /** Groups that stand for an audience (everyone, every service account), not a component. */
  private static final Set<String> AUDIENCES =
      Set.of(AUTHENTICATED, UNAUTHENTICATED, SERVICE_ACCOUNTS);

  private static final Comparator<Subject> ORDER =
      Comparator.comparing(Subject::kind)
          .thenComparing(Subject::namespace)
          .thenComparing(Subject::name);

  public Subject {
    namespace = kind == Kind.SERVICE_ACCOUNT ? namespace : "";
  }

  public static Subject user(String name) {
    return new Subject(Kind.USER, name, "");
  }

  public static Subject group(String name) {
    return new Subject(Kind.GROUP, name, "");
  }

  public static Subject serviceAccount(String namespace, String name) {
    return new Subject(Kind.SERVICE_ACCOUNT, name, namespace);
  }

  /**
   * Parses the command-line form: {@code user:alice}, {@code group:devs}, {@code
   * serviceaccount:ns:name} (also {@code sa:ns:name}). A user named {@code
   * system:serviceaccount:ns:name} is that service account, as the API server sees it.
   */
  public static Subject parse(String text) {
    int colon = text.indexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw new IllegalArgumentException(
          "subject '"
              + text
              + "': expected user:NAME, group:NAME or serviceaccount:NAMESPACE:NAME");
    }
    String kind = text.substring(0, colon).toLowerCase(Locale.ROOT);
    String rest = text.substring(colon + 1);
    switch (kind) {
      case "user":
        if (rest.startsWith(SA_USER_PREFIX)) {
          return parse("serviceaccount:" + rest.substring(SA_USER_PREFIX.length()));
        }
        return user(rest);
      case "group":
        return group(rest);
      case "serviceaccount":
      case "sa":
        int sep = rest.indexOf(':');
        if (sep <= 0 || sep == rest.length() - 1 || rest.indexOf(':', sep + 1) >= 0) {
          throw new IllegalArgumentException(
              "subject '" + text + "': a service account is serviceaccount:NAMESPACE:NAME");
        }
        return serviceAccount(rest.substring(0, sep), rest.substring(sep + 1));
      default:
        throw new IllegalArgumentException(
            "subject '" + text + "': unknown kind '" + kind + "' (user, group or serviceaccount)");
    }
  }

  /** The user name the API server gives this subject, for users and service accounts. */
  public String userName() {
    return kind == Kind.SERVICE_ACCOUNT ? SA_USER_PREFIX + namespace + ":" + name : name;
  }

  /**
   * Whether this is a built-in component identity rather than a person, a team or an application:
   * users and groups named {@code system:...} (except the audience groups {@code
   * system:authenticated}, {@code system:unauthenticated} and {@code system:serviceaccounts[:ns]},
   * which stand for many identities) and service accounts of {@code kube-system}.
   */
  public boolean isSystem() {
    if (kind == Kind.SERVICE_ACCOUNT) {
      return namespace.equals("kube-system");
    }
    if (kind == Kind.GROUP
        && (AUDIENCES.contains(name) || name.startsWith(SERVICE_ACCOUNTS + ":"))) {
      return false;
    }
    return name.startsWith("system:");
  }

  /** {@code ServiceAccount dev/ci}, {@code User alice}, {@code Group devs}. */
  public String display() {
    return kind == Kind.SERVICE_ACCOUNT
        ? kind.word + " " + namespace + "/" + name
        : kind.word + " " + name;
  }

  /** The command-line form, which {@link #parse} reads back. */
  public String spec() {
    switch (kind) {
      case USER:
        return "user:" + name;
      case GROUP:
        return "group:" + name;
      case SERVICE_ACCOUNT:
      default:
        return "serviceaccount:" + namespace + ":" + name;
    }
  }

  @Override
  public int compareTo(Subject o) {
    return ORDER.compare(this, o);
  }

  @Override
  public String toString() {
    return display();
  }
}

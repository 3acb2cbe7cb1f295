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

  /**
   * Component identities the API server, kubelets and kubeadm authenticate as. Everything else
   * named {@code system:...} is either one of the broad groups (see {@link Reach}) or an ordinary
   * name that merely looks official, and is judged like any other user or group.
   */
  private static final Set<String> BUILT_IN_USERS =
      Set.of(
          "system:apiserver",
          "system:kube-controller-manager",
          "system:kube-scheduler",
          "system:kube-proxy");

  private static final Set<String> BUILT_IN_USER_PREFIXES =
      Set.of("system:node:", "system:bootstrap:");

  private static final Set<String> BUILT_IN_GROUPS =
      Set.of(MASTERS, "system:nodes", "system:monitoring", "system:bootstrappers");

  private static final String BOOTSTRAPPERS_PREFIX = "system:bootstrappers:";

  /** Namespace whose service accounts are the control plane's own controllers and add-ons. */
  public static final String SYSTEM_NAMESPACE = "kube-system";

  /**
   * How many identities a subject stands for, and whether they belong to Kubernetes itself. This is
   * the one place that decides what {@code rbac risks}, {@code rbac paths} and the scan hide as
   * built-in and what they never hide.
   */
  public enum Reach {
    /**
     * User {@code system:anonymous}, Group {@code system:unauthenticated}: no credential needed.
     */
    ANYONE,
    /** Group {@code system:authenticated}: every user and service account with a credential. */
    AUTHENTICATED,
    /** Group {@code system:serviceaccounts}: every service account of every namespace. */
    ALL_SERVICE_ACCOUNTS,
    /** Group {@code system:serviceaccounts:<ns>}: every service account of one namespace. */
    NAMESPACE_SERVICE_ACCOUNTS,
    /**
     * A component of Kubernetes itself: {@code system:masters}, kubelets ({@code system:node:*},
     * {@code system:nodes}), the controller manager, scheduler and kube-proxy users, bootstrap
     * tokens, {@code system:monitoring}, and service accounts of {@code kube-system}.
     */
    BUILT_IN,
    /** A person, a team or an application: whoever the name says. */
    ORDINARY;

    /** Whether the subject stands for a whole population rather than one identity or team. */
    public boolean broad() {
      return this == ANYONE
          || this == AUTHENTICATED
          || this == ALL_SERVICE_ACCOUNTS
          || this == NAMESPACE_SERVICE_ACCOUNTS;
    }
  }

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

  /** How many identities this subject stands for (see {@link Reach}). */
  public Reach reach() {
    switch (kind) {
      case SERVICE_ACCOUNT:
        return namespace.equals(SYSTEM_NAMESPACE) ? Reach.BUILT_IN : Reach.ORDINARY;
      case GROUP:
        if (name.equals(UNAUTHENTICATED)) {
          return Reach.ANYONE;
        }
        if (name.equals(AUTHENTICATED)) {
          return Reach.AUTHENTICATED;
        }
        if (name.equals(SERVICE_ACCOUNTS)) {
          return Reach.ALL_SERVICE_ACCOUNTS;
        }
        if (name.startsWith(SERVICE_ACCOUNTS + ":")) {
          return Reach.NAMESPACE_SERVICE_ACCOUNTS;
        }
        return BUILT_IN_GROUPS.contains(name) || name.startsWith(BOOTSTRAPPERS_PREFIX)
            ? Reach.BUILT_IN
            : Reach.ORDINARY;
      case USER:
      default:
        if (name.equals(ANONYMOUS)) {
          return Reach.ANYONE;
        }
        if (BUILT_IN_USERS.contains(name)) {
          return Reach.BUILT_IN;
        }
        for (String prefix : BUILT_IN_USER_PREFIXES) {
          if (name.startsWith(prefix) && name.length() > prefix.length()) {
            return Reach.BUILT_IN;
          }
        }
        return Reach.ORDINARY;
    }
  }

  /**
   * Whether this is a built-in component identity (see {@link Reach#BUILT_IN}), expected to hold
   * powerful rights. Broad groups and {@code system:anonymous} never are, and neither is any other
   * name that only starts with {@code system:}.
   */
  public boolean isSystem() {
    return reach() == Reach.BUILT_IN;
  }

  /** Whether the subject stands for a whole population (see {@link Reach#broad}). */
  public boolean isBroad() {
    return reach().broad();
  }

  /**
   * Who a broad subject stands for, for messages: {@code every authenticated user and service
   * account}; empty for every other subject.
   */
  public java.util.Optional<String> audience() {
    switch (reach()) {
      case ANYONE:
        return java.util.Optional.of("anyone who can reach the API server, without a credential");
      case AUTHENTICATED:
        return java.util.Optional.of("every authenticated user and service account");
      case ALL_SERVICE_ACCOUNTS:
        return java.util.Optional.of("every service account of every namespace");
      case NAMESPACE_SERVICE_ACCOUNTS:
        return java.util.Optional.of(
            "every service account of namespace " + name.substring(SERVICE_ACCOUNTS.length() + 1));
      default:
        return java.util.Optional.empty();
    }
  }

  /** {@code ServiceAccount "dev/ci"}, {@code Group "devs"}: the form findings quote. */
  public String quoted() {
    return kind.word
        + " \""
        + (kind == Kind.SERVICE_ACCOUNT ? namespace + "/" + name : name)
        + "\"";
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

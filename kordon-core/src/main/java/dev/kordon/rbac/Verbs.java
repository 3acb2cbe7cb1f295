package dev.kordon.rbac;

import java.util.List;
import java.util.stream.Stream;

/**
 * The verbs the Kubernetes API server authorizes. A rule may name any word, but a request only ever
 * carries these, so a question with another verb is almost always a typo.
 */
public final class Verbs {
  private Verbs() {}

  /** The verbs of resource requests, derived from the HTTP method. */
  public static final List<String> RESOURCE =
      List.of("get", "list", "watch", "create", "update", "patch", "delete", "deletecollection");

  /**
   * Verbs checked by other code paths than a plain request: impersonation, role binding and
   * escalation, certificate approval and signing, (legacy) PodSecurityPolicy use, and attesting
   * ClusterTrustBundles.
   */
  public static final List<String> SPECIAL =
      List.of("use", "bind", "escalate", "impersonate", "approve", "sign", "attest");

  /** The verbs of non-resource requests (URL paths): the HTTP method in lower case. */
  public static final List<String> NON_RESOURCE =
      List.of("get", "post", "put", "patch", "delete", "head");

  /** Every verb at once, as a rule may grant it and a question may ask for it. */
  public static final String ALL = "*";

  /** Whether a request of this kind can carry the verb ({@link #ALL} included). */
  public static boolean isStandard(String verb, boolean nonResource) {
    return verb.equals(ALL)
        || (nonResource ? NON_RESOURCE.contains(verb) : RESOURCE.contains(verb))
        || (!nonResource && SPECIAL.contains(verb));
  }

  /** The standard verbs of a request of this kind, the special ones last. */
  public static List<String> standard(boolean nonResource) {
    if (nonResource) {
      return NON_RESOURCE;
    }
    return Stream.concat(RESOURCE.stream(), SPECIAL.stream()).toList();
  }
}

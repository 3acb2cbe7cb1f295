package dev.kordon.rbac;

import dev.kordon.model.KubeObject;
import dev.kordon.model.Origin;
import dev.kordon.source.YamlTrees;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The default roles of Kubernetes' bootstrap policy (and kubeadm's), bundled as data, and the one
 * judgement of whether a scanned role or grant is that default: by the role's content, never by its
 * name or labels, since anyone may create a ClusterRole called {@code system:public-info-viewer}.
 */
public final class BootstrapRoles {

  static final String STAND_INS = "/rbac/default-clusterroles.yaml";
  static final String KNOWN = "/rbac/known-defaults.yaml";

  /** ClusterRoles that stand in for missing ones in a graph; parsed once, objects immutable. */
  static final List<KubeObject> ALL = load(STAND_INS);

  /** Every role whose real content is known, by {@link #key}: the stand-ins, then the others. */
  private static final Map<String, KubeObject> REFERENCE = reference();

  /**
   * Who the API server (or kubeadm) binds each public default role to. A grant of the genuine role
   * to one of these subjects is the cluster's own design, not a finding.
   */
  private static final Map<String, Set<Subject>> DEFAULT_SUBJECTS =
      Map.of(
          key("ClusterRole", "", "cluster-admin"),
          Set.of(Subject.group(Subject.MASTERS)),
          key("ClusterRole", "", "system:public-info-viewer"),
          Set.of(Subject.group(Subject.AUTHENTICATED), Subject.group(Subject.UNAUTHENTICATED)),
          key("ClusterRole", "", "system:discovery"),
          Set.of(Subject.group(Subject.AUTHENTICATED)),
          key("ClusterRole", "", "system:basic-user"),
          Set.of(Subject.group(Subject.AUTHENTICATED)),
          key("ClusterRole", "", "system:service-account-issuer-discovery"),
          Set.of(Subject.group(Subject.SERVICE_ACCOUNTS)),
          key("Role", "kube-public", "kubeadm:bootstrap-signer-clusterinfo"),
          Set.of(Subject.user(Subject.ANONYMOUS)));

  private BootstrapRoles() {}

  /**
   * Whether a grant gives no more than the cluster gives by default: a public default role, whose
   * effective rules are no more than the real ones, bound to a subject the default binding already
   * covers (one it names, or a member of a group it names, as {@code system:anonymous} is of {@code
   * system:unauthenticated}).
   */
  public static boolean isDefaultGrant(Grant grant) {
    Set<Subject> subjects = DEFAULT_SUBJECTS.get(key(grant.role()));
    if (subjects == null || !isGenuine(grant.role())) {
      return false;
    }
    Identity holder = Identity.of(grant.subject());
    for (Subject s : subjects) {
      if (s.equals(grant.subject()) || holder.matches(s)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether every effective rule of a role with default subjects is covered by the real content of
   * the default of the same kind, namespace and name. Roles without a known whole content are never
   * genuine.
   */
  static boolean isGenuine(Role role) {
    String key = key(role);
    KubeObject reference = REFERENCE.get(key);
    if (reference == null || !DEFAULT_SUBJECTS.containsKey(key)) {
      return false;
    }
    List<Rule> real = Rule.read(reference);
    for (Rule r : role.rules()) {
      if (!coveredBy(r, real)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether rule {@code index} of a scanned role is a rule the default of the same kind and name
   * really has (or a narrower one): how {@code *} rules of the control plane's own roles are told
   * from look-alikes.
   */
  public static boolean isDefaultRule(KubeObject role, int index) {
    String ns = role.kind().equals("Role") ? Binding.effectiveNamespace(role) : "";
    KubeObject reference = REFERENCE.get(key(role.kind(), ns, role.name()));
    if (reference == null) {
      return false;
    }
    for (Rule r : Rule.read(role)) {
      if (r.index() == index) {
        return coveredBy(r, Rule.read(reference));
      }
    }
    return false;
  }

  private static boolean coveredBy(Rule rule, List<Rule> real) {
    for (Rule r : real) {
      if (within(rule.verbs(), r.verbs())
          && within(rule.apiGroups(), r.apiGroups())
          && within(rule.resources(), r.resources())
          && within(rule.nonResourceURLs(), r.nonResourceURLs())
          && (r.resourceNames().isEmpty()
              || (!rule.resourceNames().isEmpty()
                  && r.resourceNames().containsAll(rule.resourceNames())))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Literal containment: a {@code *} in the real rule covers anything, nothing else is expanded.
   */
  private static boolean within(List<String> values, List<String> real) {
    return real.contains(Rule.ALL) || real.containsAll(values);
  }

  private static String key(Role role) {
    return key(role.kind(), role.namespace(), role.name());
  }

  private static String key(String kind, String namespace, String name) {
    return kind + "/" + namespace + "/" + name;
  }

  private static Map<String, KubeObject> reference() {
    Map<String, KubeObject> out = new HashMap<>();
    List<KubeObject> all = new ArrayList<>(ALL);
    all.addAll(load(KNOWN));
    for (KubeObject o : all) {
      String ns = o.kind().equals("Role") ? Binding.effectiveNamespace(o) : "";
      out.putIfAbsent(key(o.kind(), ns, o.name()), o);
    }
    return Map.copyOf(out);
  }

  private static List<KubeObject> load(String resource) {
    String text;
    try (InputStream in = BootstrapRoles.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing bundled resource " + resource);
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read bundled resource " + resource, e);
    }
    List<KubeObject> out = new ArrayList<>();
    Origin origin = new Origin.Request("Kubernetes default (not in the scanned inputs)");
    for (var tree : YamlTrees.parseAll(resource, text)) {
      out.add(KubeObject.of(tree, origin));
    }
    return List.copyOf(out);
  }
}

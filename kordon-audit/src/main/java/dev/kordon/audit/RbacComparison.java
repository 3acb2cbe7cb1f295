package dev.kordon.audit;

import dev.kordon.rbac.Grant;
import dev.kordon.rbac.Identity;
import dev.kordon.rbac.RbacGraph;
import dev.kordon.rbac.Request;
import dev.kordon.rbac.Rule;
import java.util.ArrayList;
import java.util.List;

/**
 * What a subject's current roles grant beyond what it was seen doing: each rule of each role bound
 * to it, asked verb by verb and resource by resource of the derived roles (with Kordon's RBAC
 * evaluator). A wildcard is never observed, so it is always beyond.
 */
public final class RbacComparison {

  private RbacComparison() {}

  /**
   * One rule of a current role and the part of it not used.
   *
   * @param via the binding and role, e.g. {@code RoleBinding shop/dev -> Role shop/dev}
   * @param scope {@code cluster-wide} or {@code in NS}
   */
  public record Excess(String via, String scope, String rule, List<String> unused) {
    public Excess {
      unused = List.copyOf(unused);
    }
  }

  public static List<Excess> compare(
      RbacGraph current, RoleDerivation.Subject subject, RoleDerivation.Derived derived) {
    Identity who = Identity.of(subject.rbac());
    RbacGraph needed = derived.graph();
    List<Excess> out = new ArrayList<>();
    for (Grant g : current.grants(who)) {
      String ns = g.clusterWide() ? "" : g.binding().namespace();
      for (Rule rule : g.role().rules()) {
        List<String> unused = new ArrayList<>();
        for (String verb : rule.verbs()) {
          for (String url : rule.nonResourceURLs()) {
            if (!needed.allows(who, new Request.NonResource(verb, url))) {
              unused.add(verb + " " + url);
            }
          }
          for (String group : rule.apiGroups()) {
            for (String res : rule.resources()) {
              int slash = res.indexOf('/');
              String r = slash < 0 ? res : res.substring(0, slash);
              String sub = slash < 0 ? "" : res.substring(slash + 1);
              List<String> names =
                  rule.resourceNames().isEmpty() ? List.of("") : rule.resourceNames();
              for (String name : names) {
                Request.Resource probe = new Request.Resource(verb, group, r, sub, ns, name, false);
                if (!needed.allows(who, probe)) {
                  unused.add(probe.describe());
                }
              }
            }
          }
        }
        if (!unused.isEmpty()) {
          out.add(new Excess(g.via(), g.scopeText(), rule.describe(), unused));
        }
      }
    }
    return out;
  }
}

package dev.kordon.audit;

import static dev.kordon.audit.Events.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kordon.model.KubeObject;
import dev.kordon.model.Origin;
import dev.kordon.rbac.Identity;
import dev.kordon.rbac.RbacGraph;
import dev.kordon.rbac.Request;
import dev.kordon.report.JsonOutput;
import dev.kordon.snapshot.Snapshot;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The derived roles, checked with Kordon's own RBAC evaluator: every observed request is allowed,
 * and nothing broader (each verb, resource, name and namespace one step beside an observed one is
 * refused).
 */
class RoleDerivationTest {

  private static final RoleDerivation.Subject BOB = RoleDerivation.Subject.user("bob");

  private static List<ObservedRequest> observe(String... lines) {
    Set<ObservedRequest> out = new LinkedHashSet<>();
    for (AuditEvent e : Events.read(String.join("\n", lines) + "\n", new ArrayList<>())) {
      out.addAll(ObservedRequest.of(e));
    }
    return new ArrayList<>(out);
  }

  private static Request request(ObservedRequest r) {
    return r.nonResource()
        ? new Request.NonResource(r.verb(), r.path())
        : new Request.Resource(
            r.verb(), r.apiGroup(), r.resource(), r.subresource(), r.namespace(), r.name(), false);
  }

  private static final List<String> VERBS =
      List.of(
          "get",
          "list",
          "watch",
          "create",
          "update",
          "patch",
          "delete",
          "deletecollection",
          "escalate",
          "bind",
          "impersonate");

  @Test
  void generatedRolesAllowEveryObservedRequestAndNothingBroader() {
    List<ObservedRequest> observed =
        observe(
            event().verb("get").on("", "secrets").ns("shop").name("db").json(),
            event().verb("update").on("", "secrets").ns("shop").name("db").json(),
            event().verb("get").on("", "secrets").ns("shop").name("api").json(),
            event().verb("list").on("", "pods").ns("shop").json(),
            event().verb("watch").on("", "pods").ns("shop").json(),
            event().verb("get").on("", "pods").ns("shop").name("web-1").json(),
            event().verb("get").on("", "pods").ns("shop").json(),
            event()
                .verb("get")
                .on("", "pods")
                .sub("exec")
                .ns("shop")
                .name("web-1")
                .code(101)
                .json(),
            event().verb("patch").on("apps", "deployments").ns("shop").name("web").json(),
            event().verb("list").on("apps", "deployments").ns("shop").json(),
            event()
                .verb("create")
                .on("apps", "deployments")
                .ns("tools")
                .name("new")
                .code(201)
                .json(),
            event().verb("list").on("", "namespaces").ns("").json(),
            event().verb("get").on("", "nodes").ns("").name("worker-1").json(),
            event().verb("list").on("", "pods").ns("").json(),
            event().verb("get").nonResource("/metrics").json(),
            event().verb("list").on("", "configmaps").ns("shop").code(403).json());
    RoleDerivation.Derived derived = RoleDerivation.derive(BOB, observed);
    RbacGraph graph = derived.graph();
    Identity bob = Identity.of(BOB.rbac());

    for (ObservedRequest r : observed) {
      assertThat(graph.allows(bob, request(r))).as("allows %s", r).isTrue();
    }
    // exec over WebSocket is checked as create too
    assertThat(
            graph.allows(
                bob, new Request.Resource("create", "", "pods", "exec", "shop", "web-1", false)))
        .isTrue();

    Set<String> seen = new LinkedHashSet<>();
    observed.forEach(r -> seen.add(request(r).toString()));
    int probes = 0;
    for (ObservedRequest r : observed) {
      for (Request beside : besides(r)) {
        if (seen.contains(beside.toString()) || coveredByObserved(beside, observed)) {
          continue;
        }
        probes++;
        assertThat(graph.allows(bob, beside)).as("refuses %s (beside %s)", beside, r).isFalse();
      }
    }
    assertThat(probes).isGreaterThan(100);
    String yaml = derived.toYaml();
    assertThat(yaml).doesNotContain("'*'").doesNotContain("\"*\"").doesNotContain("- '*'");
    assertThat(yaml).contains("resourceNames");
  }

  /** A request one step away: another verb, another name, another namespace, another resource. */
  private static List<Request> besides(ObservedRequest r) {
    List<Request> out = new ArrayList<>();
    if (r.nonResource()) {
      out.add(new Request.NonResource("post", r.path()));
      out.add(new Request.NonResource(r.verb(), r.path() + "/x"));
      return out;
    }
    for (String v : VERBS) {
      out.add(
          new Request.Resource(
              v, r.apiGroup(), r.resource(), r.subresource(), r.namespace(), r.name(), false));
    }
    out.add(
        new Request.Resource(
            r.verb(), r.apiGroup(), r.resource(), r.subresource(), r.namespace(), "other", false));
    out.add(
        new Request.Resource(
            r.verb(), r.apiGroup(), r.resource(), r.subresource(), "elsewhere", r.name(), false));
    out.add(
        new Request.Resource(
            r.verb(), r.apiGroup(), r.resource(), "status", r.namespace(), r.name(), false));
    out.add(
        new Request.Resource(
            r.verb(),
            "other.example.com",
            r.resource(),
            r.subresource(),
            r.namespace(),
            r.name(),
            false));
    out.add(
        new Request.Resource(
            r.verb(), r.apiGroup(), "services", r.subresource(), r.namespace(), r.name(), false));
    return out;
  }

  /**
   * Whether RBAC semantics make the probe an instance of an observed request that named no object
   * (a list allows any name's list) or ran across all namespaces (a cluster-wide grant).
   */
  private static boolean coveredByObserved(Request probe, List<ObservedRequest> observed) {
    if (!(probe instanceof Request.Resource p)) {
      return false;
    }
    for (ObservedRequest o : observed) {
      boolean same =
          o.verb().equals(p.verb())
              && o.apiGroup().equals(p.apiGroup())
              && o.resource().equals(p.resource())
              && o.subresource().equals(p.subresource());
      boolean anyName = o.name().isEmpty() || o.name().equals(p.name());
      boolean anyNs = o.namespace().isEmpty() || o.namespace().equals(p.namespace());
      if (same && anyName && anyNs) {
        return true;
      }
    }
    return false;
  }

  @Test
  void rolesAreGroupedByNamespaceWithClusterScopeApart() {
    RoleDerivation.Derived d =
        RoleDerivation.derive(
            RoleDerivation.Subject.serviceAccount("shop", "api"),
            observe(
                event().verb("get").on("", "configmaps").ns("shop").name("c").json(),
                event().verb("get").on("", "configmaps").ns("web").name("c").json(),
                event().verb("list").on("", "nodes").ns("").json()));
    List<String> kinds = d.objects().stream().map(o -> o.get("kind") + "/" + ns(o)).toList();
    assertThat(kinds)
        .containsExactly(
            "ClusterRole/",
            "ClusterRoleBinding/",
            "Role/shop",
            "RoleBinding/shop",
            "Role/web",
            "RoleBinding/web");
    assertThat(d.toYaml()).contains("kind: ServiceAccount").contains("namespace: shop");
  }

  private static String ns(Map<String, Object> o) {
    Object ns = ((Map<?, ?>) o.get("metadata")).get("namespace");
    return ns == null ? "" : ns.toString();
  }

  @Test
  void comparisonNamesWhatTheCurrentRolesGrantBeyondTheObserved() {
    List<ObservedRequest> observed =
        observe(event().verb("get").on("", "pods").ns("shop").name("web-1").json());
    RoleDerivation.Derived d = RoleDerivation.derive(BOB, observed);
    String current =
        "{\"apiVersion\":\"rbac.authorization.k8s.io/v1\",\"kind\":\"Role\",\"metadata\":{\"name\":\"dev\",\"namespace\":\"shop\"},"
            + "\"rules\":[{\"apiGroups\":[\"\"],\"resources\":[\"pods\"],\"verbs\":[\"get\",\"delete\"]},"
            + "{\"apiGroups\":[\"\"],\"resources\":[\"pods\"],\"resourceNames\":[\"web-1\"],\"verbs\":[\"get\"]}]}";
    String binding =
        "{\"apiVersion\":\"rbac.authorization.k8s.io/v1\",\"kind\":\"RoleBinding\",\"metadata\":{\"name\":\"dev\",\"namespace\":\"shop\"},"
            + "\"roleRef\":{\"apiGroup\":\"rbac.authorization.k8s.io\",\"kind\":\"Role\",\"name\":\"dev\"},"
            + "\"subjects\":[{\"kind\":\"User\",\"name\":\"bob\",\"apiGroup\":\"rbac.authorization.k8s.io\"}]}";
    RbacGraph graph =
        RbacGraph.of(
            Snapshot.of(
                List.of(
                    KubeObject.of(JsonOutput.mapper().readTree(current), new Origin.Request("t")),
                    KubeObject.of(
                        JsonOutput.mapper().readTree(binding), new Origin.Request("t")))));
    List<RbacComparison.Excess> excess = RbacComparison.compare(graph, BOB, d);
    assertThat(excess).hasSize(1);
    assertThat(excess.get(0).unused()).containsExactly("get pods in shop", "delete pods in shop");
  }
}

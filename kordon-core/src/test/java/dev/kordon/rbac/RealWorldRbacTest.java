package dev.kordon.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kordon.snapshot.Snapshot;
import dev.kordon.testing.RealWorldCorpus;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The analyzer over the RBAC objects of the shared real-world corpus. */
class RealWorldRbacTest {

  private static Snapshot snapshot;

  @BeforeAll
  static void load() {
    snapshot = Snapshot.of(RealWorldCorpus.read().objects());
  }

  @Test
  void argoCdApplicationControllerIsClusterAdminEquivalent() {
    RbacGraph g = RbacGraph.of(snapshot);
    assertThat(g.bindings().size()).isGreaterThan(100);
    List<String> exec =
        g.whoCanAnywhere(Request.resource("create", "", "pods/exec", "")).stream()
            .map(a -> a.subject().spec())
            .toList();
    assertThat(exec).contains("serviceaccount:argocd:argocd-application-controller");
    assertThat(
            EscalationPaths.of(snapshot).toClusterAdmin(6).stream()
                .filter(
                    p ->
                        p.from().id().equals("serviceaccount:argocd:argocd-application-controller"))
                .findFirst()
                .orElseThrow()
                .steps()
                .get(0)
                .action())
        .isEqualTo(Step.Action.CLUSTER_ADMIN);
  }

  @Test
  void everyWhoCanAnswerIsConfirmedByEvaluatingThatSubject() {
    RbacGraph g = RbacGraph.of(snapshot);
    for (String res : List.of("secrets", "pods", "pods/exec", "nodes/proxy", "configmaps")) {
      for (String verb : List.of("get", "list", "create", "update")) {
        Request.Resource q = g.normalize(Request.resource(verb, "", res, "kube-system"));
        for (Access a : g.whoCan(q)) {
          assertThat(g.allows(Identity.of(a.subject()), q)).as("%s %s", a.subject(), q).isTrue();
        }
      }
    }
  }

  @Test
  void risksAndPathsComplete() {
    List<RiskCatalog.Holding> held = RiskCatalog.builtIn().holders(RbacGraph.of(snapshot));
    assertThat(held)
        .anyMatch(
            h ->
                h.risk().id().equals("cluster-admin-equivalent")
                    && h.subject().name().equals("argocd-application-controller"));
    assertThat(EscalationPaths.of(snapshot).edges()).isNotEmpty();
  }
}

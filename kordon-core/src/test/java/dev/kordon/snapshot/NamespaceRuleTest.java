package dev.kordon.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kordon.control.Catalog;
import dev.kordon.engine.Engine;
import dev.kordon.engine.EngineOptions;
import dev.kordon.engine.Exceptions;
import dev.kordon.model.Finding;
import dev.kordon.netpol.PodGroup;
import dev.kordon.netpol.Policy;
import dev.kordon.netpol.PolicyModel;
import dev.kordon.pss.PssDefaults;
import dev.kordon.pss.PssEvaluator;
import dev.kordon.pss.PssMode;
import dev.kordon.pss.PssNamespaces;
import dev.kordon.source.DefaultNamespace;
import dev.kordon.source.ManifestReader;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Every part of Kordon places an object without {@code metadata.namespace} in the same namespace:
 * KOR-0058, NetworkPolicy reachability and Pod Security's namespace policies.
 */
class NamespaceRuleTest {

  /** A namespace with Pod Security labels, a workload and a default deny, the last two unplaced. */
  private static final String INPUT =
      """
      apiVersion: v1
      kind: Namespace
      metadata:
        name: %1$s
        labels: {pod-security.kubernetes.io/enforce: restricted}
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web}
      spec:
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec: {containers: [{name: web, image: nginx:1.27}]}
      ---
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: deny-all}
      spec: {podSelector: {}, policyTypes: [Ingress]}
      """;

  private static Snapshot snapshot(String namespace, DefaultNamespace rule) {
    return Snapshot.of(
        new ManifestReader().read("in.yaml", INPUT.formatted(namespace)).objects(), rule);
  }

  private static List<Finding> kor0058(Snapshot snapshot) {
    Engine engine =
        new Engine(
            Catalog.of(List.of(Catalog.builtIn().find("KOR-0058").orElseThrow())),
            List.of(),
            new EngineOptions(
                Optional.empty(),
                Exceptions.NONE,
                LocalDate.of(2026, 1, 1),
                false,
                List.of("KOR-0058")));
    return engine.scan(snapshot, List.of()).findings();
  }

  @Test
  void analyzersAndControlsPlaceAnUnplacedObjectInTheDefaultNamespace() {
    for (String ns : List.of("default", "shop")) {
      Snapshot s = snapshot(ns, new DefaultNamespace(ns));
      PolicyModel model = PolicyModel.of(s);
      PodGroup web = model.pods().get(0);
      Policy deny = model.policies().get(0);
      assertThat(web.namespace()).isEqualTo(ns);
      assertThat(deny.namespace()).isEqualTo(ns);
      assertThat(deny.selects(web)).as("the default deny isolates the workload").isTrue();

      PssNamespaces.WorkloadVerdict verdict =
          new PssNamespaces(PssEvaluator.builtIn(), PssDefaults.PLUGIN).evaluate(s).get(0);
      assertThat(verdict.namespace()).isEqualTo(ns);
      assertThat(verdict.verdict(PssMode.ENFORCE).orElseThrow().policy().toString())
          .as("the Namespace object's enforce label applies")
          .startsWith("restricted");

      assertThat(s.find("Deployment", ns, "web")).isPresent();
      // KOR-0058 sees the same namespace but reports only an explicit one
      assertThat(kor0058(s)).isEmpty();
    }
  }

  @Test
  void explicitDefaultIsReportedAndAgreesWithTheAnalyzers() {
    String explicit =
        INPUT.formatted("default").replace("{name: web}", "{name: web, namespace: default}");
    Snapshot s = Snapshot.of(new ManifestReader().read("in.yaml", explicit).objects());
    assertThat(kor0058(s))
        .extracting(Finding::resource)
        .extracting(r -> r.kind() + "/" + r.namespace())
        .containsExactly("Deployment/default");
    assertThat(PolicyModel.of(s).pods().get(0).namespace()).isEqualTo("default");
  }

  @Test
  void aNamespaceOptionMovesTheUnplacedObjectsOutOfDefault() {
    Snapshot s = snapshot("default", new DefaultNamespace("shop"));
    assertThat(PolicyModel.of(s).pods().get(0).namespace()).isEqualTo("shop");
    assertThat(s.namespaceNames()).containsExactly("default", "shop");
  }
}

package dev.kordon.pss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kordon.source.YamlTrees;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Namespace labels and the plugin configuration, read as the admission plugin reads them. */
class PssNamespacesTest {

  @Test
  void eachLabelOverridesTheDefaultOnItsOwn() {
    PssDefaults defaults = PssDefaults.PLUGIN.withAll(PssPolicy.parse("baseline:v1.29"));
    NamespacePolicy p =
        NamespacePolicy.read(
            "shop",
            Map.of(
                "pod-security.kubernetes.io/enforce", "restricted",
                "pod-security.kubernetes.io/warn-version", "v1.31"),
            defaults);
    assertThat(p.policy(PssMode.ENFORCE)).isEqualTo(PssPolicy.parse("restricted:v1.29"));
    assertThat(p.policy(PssMode.AUDIT)).isEqualTo(PssPolicy.parse("baseline:v1.29"));
    assertThat(p.policy(PssMode.WARN)).isEqualTo(PssPolicy.parse("baseline:v1.31"));
    assertThat(p.labelled()).containsExactly(PssMode.ENFORCE, PssMode.WARN);
    assertThat(p.errors()).isEmpty();
  }

  @Test
  void badLabelsReadAsRestrictedAndLatestWithAnError() {
    NamespacePolicy p =
        NamespacePolicy.read(
            "ops",
            Map.of(
                "pod-security.kubernetes.io/enforce", "strict",
                "pod-security.kubernetes.io/enforce-version", "1.30"),
            PssDefaults.PLUGIN);
    assertThat(p.policy(PssMode.ENFORCE))
        .isEqualTo(new PssPolicy(PssLevel.RESTRICTED, PssVersion.LATEST));
    assertThat(p.errors()).hasSize(2);
    assertThat(p.errors().get(0)).contains("read as restricted");
    assertThat(p.errors().get(1)).contains("read as latest");
  }

  @Test
  void unlabelledNamespacesGetThePluginDefault() {
    NamespacePolicy p = NamespacePolicy.read("dev", Map.of(), PssDefaults.PLUGIN);
    for (PssMode m : PssMode.values()) {
      assertThat(p.policy(m)).isEqualTo(PssPolicy.PRIVILEGED);
    }
    assertThat(p.labelled()).isEmpty();
  }

  @Test
  void admissionConfigurationEmbeddingPodSecurityIsRead() {
    PssDefaults d =
        PssDefaults.fromConfiguration(
            YamlTrees.parse(
                "admission.yaml",
                """
                apiVersion: apiserver.config.k8s.io/v1
                kind: AdmissionConfiguration
                plugins:
                  - name: PodSecurity
                    configuration:
                      apiVersion: pod-security.admission.config.k8s.io/v1
                      kind: PodSecurityConfiguration
                      defaults:
                        enforce: baseline
                        enforce-version: latest
                        audit: restricted
                        audit-version: v1.30
                      exemptions:
                        namespaces: [kube-system]
                        runtimeClasses: [kata]
                """));
    assertThat(d.policy(PssMode.ENFORCE)).isEqualTo(PssPolicy.parse("baseline:latest"));
    assertThat(d.policy(PssMode.AUDIT)).isEqualTo(PssPolicy.parse("restricted:v1.30"));
    assertThat(d.policy(PssMode.WARN)).isEqualTo(PssPolicy.PRIVILEGED);
    assertThat(d.exemptNamespaces()).containsExactly("kube-system");
    assertThat(d.exemptRuntimeClasses()).containsExactly("kata");
    assertThatThrownBy(
            () ->
                PssDefaults.fromConfiguration(
                    YamlTrees.parse(
                        "bad.yaml",
                        "kind: PodSecurityConfiguration\ndefaults: {enforce: strict}\n")))
        .hasMessageContaining("invalid Pod Security level 'strict'");
  }

  @Test
  void exemptRuntimeClassesAreNotJudged() {
    PssDefaults d =
        new PssDefaults(
            PssDefaults.PLUGIN.withAll(PssPolicy.parse("restricted")).policies(),
            java.util.Set.of(),
            java.util.Set.of("kata"));
    dev.kordon.snapshot.Snapshot s =
        dev.kordon.snapshot.Snapshot.of(
            List.of(
                PodBuilder.baseline().set("/spec/runtimeClassName", "kata").build(),
                PodBuilder.baseline().build()));
    List<PssNamespaces.WorkloadVerdict> v =
        new PssNamespaces(PssEvaluator.builtIn(), d).evaluate(s);
    assertThat(v.get(0).exemption()).isEqualTo("runtime class kata is exempt");
    assertThat(v.get(0).rejected()).isFalse();
    assertThat(v.get(1).rejected()).isTrue();
  }
}

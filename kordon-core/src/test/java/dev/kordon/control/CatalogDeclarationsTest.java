package dev.kordon.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kordon.model.Finding;
import dev.kordon.model.KubeObject;
import dev.kordon.model.Severity;
import dev.kordon.pss.PssCheck;
import dev.kordon.pss.PssChecks;
import dev.kordon.snapshot.PodSpecView;
import dev.kordon.snapshot.Snapshot;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** What a control declares about itself (scope, family, PSS checks) is validated by the catalog. */
class CatalogDeclarationsTest {

  private static ControlInfo.Builder info(String id) {
    return ControlInfo.builder(id)
        .title("Test control")
        .severity(Severity.LOW)
        .description("Test.")
        .remediation("Fix it.")
        .kinds(PodSpecView.WORKLOAD_KINDS);
  }

  private record Pod(ControlInfo info) implements PodControl {
    @Override
    public List<Finding> check(PodSpecView pod, Snapshot snapshot) {
      return List.of();
    }
  }

  private record Whole(ControlInfo info) implements SnapshotControl {
    @Override
    public List<Finding> check(Snapshot snapshot) {
      return List.of();
    }
  }

  private record One(ControlInfo info) implements ObjectControl {
    @Override
    public List<Finding> check(KubeObject object, Snapshot snapshot) {
      return List.of();
    }
  }

  @Test
  void aSnapshotWideScopeBelongsToSnapshotControlsAlone() {
    ControlInfo snapshotWide = info("KOR-0990").scope(ControlScope.SNAPSHOT).build();
    assertThatThrownBy(() -> Catalog.of(List.of(new Pod(snapshotWide))))
        .hasMessage("KOR-0990: declares scope SNAPSHOT but is not a SnapshotControl");
    assertThat(Catalog.scope(new Whole(snapshotWide))).isEqualTo(ControlScope.SNAPSHOT);
  }

  @Test
  void theScopeOfASnapshotControlIsDerivedFromItsType() {
    Whole undeclared = new Whole(info("KOR-0990").build());
    assertThat(Catalog.of(List.of(undeclared)).controls()).hasSize(1);
    assertThat(Catalog.scope(undeclared)).isEqualTo(ControlScope.SNAPSHOT);
    assertThat(Catalog.scope(new Pod(info("KOR-0991").build()))).isEqualTo(ControlScope.OBJECT);
    ControlInfo inContext = info("KOR-0992").scope(ControlScope.OBJECT_IN_SNAPSHOT).build();
    assertThat(Catalog.scope(new One(inContext))).isEqualTo(ControlScope.OBJECT_IN_SNAPSHOT);
    assertThatThrownBy(() -> Catalog.of(List.of(new Whole(inContext))))
        .hasMessage("KOR-0992: a SnapshotControl judges the whole snapshot, not one object in it");
  }

  @Test
  void aPodSecurityControlNamesExactlyOneCheck() {
    assertThatThrownBy(
            () ->
                info("KOR-0990")
                    .refs("pss:baseline/privileged")
                    .podSecurityCheck("privileged")
                    .pssChecks("privileged", "hostPorts")
                    .build())
        .hasMessageContaining("a Pod Security control names exactly one PSS check");
  }

  @Test
  void aNamedCheckMustExistBeJudgedOnPodsAndCarryItsReference() {
    ControlInfo unknown =
        info("KOR-0990").refs("pss:baseline/privileged").pssChecks("priv").build();
    assertThatThrownBy(() -> Catalog.of(List.of(new Pod(unknown))))
        .hasMessageStartingWith("KOR-0990: names unknown PSS check priv");
    ControlInfo noRef = info("KOR-0991").refs("cis:5.2.2").pssChecks("privileged").build();
    assertThatThrownBy(() -> Catalog.of(List.of(new Pod(noRef))))
        .hasMessage(
            "KOR-0991: names PSS check privileged but lacks its reference pss:baseline/privileged");
    ControlInfo ok =
        info("KOR-0992").refs("pss:baseline/privileged").pssChecks("privileged").build();
    assertThatThrownBy(() -> Catalog.of(List.of(new One(ok))))
        .hasMessage("KOR-0992: names PSS check privileged but does not judge pod specs");
    assertThat(Catalog.of(List.of(new Pod(ok))).controls()).hasSize(1);
  }

  @Test
  void aCheckHasOnePodSecurityControl() {
    ControlInfo a =
        info("KOR-0990").refs("pss:baseline/privileged").podSecurityCheck("privileged").build();
    ControlInfo b =
        info("KOR-0991").refs("pss:baseline/privileged").podSecurityCheck("privileged").build();
    assertThatThrownBy(() -> Catalog.of(List.of(new Pod(a), new Pod(b))))
        .hasMessage(
            "PSS check privileged is reported by two Pod Security controls: KOR-0990 and KOR-0991");
  }

  @Test
  void everyPssCheckHasItsPodSecurityControlAndTheCatalogControlsThatReportIt() {
    Map<String, String> podSecurity = new TreeMap<>();
    Map<String, TreeSet<String>> reporters = new TreeMap<>();
    for (ControlInfo i : Catalog.builtIn().infos()) {
      for (String check : i.pssChecks()) {
        if (i.family() == ControlFamily.POD_SECURITY) {
          podSecurity.put(check, i.id());
        } else {
          reporters.computeIfAbsent(check, k -> new TreeSet<>()).add(i.id());
        }
      }
    }
    assertThat(podSecurity.keySet())
        .containsExactlyInAnyOrderElementsOf(PssChecks.all().stream().map(PssCheck::id).toList());
    // the workload controls that ask dev.kordon.pss instead of restating a check
    Map<String, List<String>> expected = new TreeMap<>();
    expected.put("allowPrivilegeEscalation", List.of("KOR-0002"));
    expected.put("appArmorProfile", List.of("KOR-0020"));
    expected.put("capabilities_baseline", List.of("KOR-0013", "KOR-0014", "KOR-0015"));
    expected.put(
        "capabilities_restricted",
        List.of("KOR-0013", "KOR-0014", "KOR-0015", "KOR-0016", "KOR-0029"));
    expected.put("hostNamespaces", List.of("KOR-0006", "KOR-0007", "KOR-0008"));
    expected.put("hostPathVolumes", List.of("KOR-0009"));
    expected.put("hostPorts", List.of("KOR-0012"));
    expected.put("hostProbesAndHostLifecycle", List.of("KOR-0026"));
    expected.put("privileged", List.of("KOR-0001"));
    expected.put("procMount", List.of("KOR-0022"));
    expected.put("procMount_restricted", List.of("KOR-0022", "KOR-0028"));
    expected.put("restrictedVolumes", List.of("KOR-0009", "KOR-0027"));
    expected.put("runAsNonRoot", List.of("KOR-0003"));
    expected.put("runAsUser", List.of("KOR-0004"));
    expected.put("seLinuxOptions", List.of("KOR-0021"));
    expected.put("seccompProfile_baseline", List.of("KOR-0019"));
    expected.put("seccompProfile_restricted", List.of("KOR-0018", "KOR-0019"));
    expected.put("sysctls", List.of("KOR-0023"));
    expected.put("windowsHostProcess", List.of("KOR-0025"));
    Map<String, List<String>> actual = new TreeMap<>();
    reporters.forEach((k, v) -> actual.put(k, List.copyOf(v)));
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void theWebhookScopeOfTheBuiltInsIsDeclared() {
    List<String> notObject =
        Catalog.builtIn().controls().stream()
            .filter(c -> c instanceof PodControl || c instanceof ObjectControl)
            .filter(c -> Catalog.scope(c) != ControlScope.OBJECT)
            .map(c -> c.info().id())
            .toList();
    assertThat(notObject).containsExactlyInAnyOrder("KOR-0152", "KOR-0182", "KOR-0183", "KOR-0184");
  }
}

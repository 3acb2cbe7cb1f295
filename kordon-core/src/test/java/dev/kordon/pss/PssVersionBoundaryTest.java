package dev.kordon.pss;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every check that changes with the version, judged one version below and at the boundary: the
 * verdict must flip exactly there, by exactly that check.
 */
class PssVersionBoundaryTest {

  private static final PssEvaluator EVALUATOR = PssEvaluator.builtIn();

  /**
   * One boundary: at {@code below} the pod gives {@code checkBelow} (empty: allowed), at {@code at}
   * it gives {@code checkAt}.
   */
  record Case(
      String name,
      PssLevel level,
      int below,
      String checkBelow,
      int at,
      String checkAt,
      PodBuilder pod) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    PodBuilder b = PodBuilder.baseline();
    PodBuilder r = PodBuilder.restricted();
    PodBuilder windows = r.set("/spec/os/name", "windows");
    return Stream.of(
        new Case(
            "seccompProfile_baseline reads annotations until 1.18 only",
            PssLevel.BASELINE,
            18,
            "seccompProfile_baseline",
            19,
            "",
            b.set("/metadata/annotations/seccomp.security.alpha.kubernetes.io~1pod", "unconfined")),
        new Case(
            "seccompProfile_baseline reads the field from 1.19",
            PssLevel.BASELINE,
            18,
            "",
            19,
            "seccompProfile_baseline",
            b.set("/spec/containers/0/securityContext/seccompProfile/type", "Unconfined")),
        new Case(
            "seccompProfile_restricted requires a profile from 1.19",
            PssLevel.RESTRICTED,
            18,
            "",
            19,
            "seccompProfile_restricted",
            r.remove("/spec/securityContext/seccompProfile")),
        new Case(
            "seccompProfile_restricted exempts Windows pods from 1.25",
            PssLevel.RESTRICTED,
            24,
            "seccompProfile_restricted",
            25,
            "",
            windows.remove("/spec/securityContext/seccompProfile")),
        new Case(
            "allowPrivilegeEscalation is required from 1.8",
            PssLevel.RESTRICTED,
            7,
            "",
            8,
            "allowPrivilegeEscalation",
            r.remove("/spec/containers/0/securityContext/allowPrivilegeEscalation")),
        new Case(
            "allowPrivilegeEscalation exempts Windows pods from 1.25",
            PssLevel.RESTRICTED,
            24,
            "allowPrivilegeEscalation",
            25,
            "",
            windows.remove("/spec/containers/0/securityContext/allowPrivilegeEscalation")),
        new Case(
            "capabilities_restricted requires drop ALL from 1.22",
            PssLevel.RESTRICTED,
            21,
            "",
            22,
            "capabilities_restricted",
            r.remove("/spec/initContainers/0/securityContext/capabilities")),
        new Case(
            "capabilities_restricted replaces capabilities_baseline from 1.22",
            PssLevel.RESTRICTED,
            21,
            "capabilities_baseline",
            22,
            "capabilities_restricted",
            r.set("/spec/containers/0/securityContext/capabilities/add", List.of("NET_RAW"))),
        new Case(
            "capabilities_restricted exempts Windows pods from 1.25",
            PssLevel.RESTRICTED,
            24,
            "capabilities_restricted",
            25,
            "",
            windows.remove("/spec/containers/0/securityContext/capabilities")),
        new Case(
            "runAsUser forbids 0 from 1.23",
            PssLevel.RESTRICTED,
            22,
            "",
            23,
            "runAsUser",
            r.set("/spec/containers/0/securityContext/runAsUser", 0)),
        new Case(
            "runAsUser exempts pods in a user namespace from 1.35",
            PssLevel.RESTRICTED,
            34,
            "runAsUser",
            35,
            "",
            r.set("/spec/securityContext/runAsUser", 0).set("/spec/hostUsers", false)),
        new Case(
            "runAsNonRoot exempts pods in a user namespace from 1.35",
            PssLevel.RESTRICTED,
            34,
            "runAsNonRoot",
            35,
            "",
            r.remove("/spec/securityContext/runAsNonRoot").set("/spec/hostUsers", false)),
        new Case(
            "procMount allows Unmasked in a user namespace from 1.35",
            PssLevel.BASELINE,
            34,
            "procMount",
            35,
            "",
            b.set("/spec/containers/0/securityContext/procMount", "Unmasked")
                .set("/spec/hostUsers", false)),
        new Case(
            "procMount_restricted keeps forbidding Unmasked in a user namespace from 1.35",
            PssLevel.RESTRICTED,
            34,
            "procMount",
            35,
            "procMount_restricted",
            r.set("/spec/containers/0/securityContext/procMount", "Unmasked")
                .set("/spec/hostUsers", false)),
        new Case(
            "seLinuxOptions allows container_engine_t from 1.31",
            PssLevel.BASELINE,
            30,
            "seLinuxOptions",
            31,
            "",
            b.set("/spec/securityContext/seLinuxOptions/type", "container_engine_t")),
        sysctl(26, "net.ipv4.ip_local_reserved_ports"),
        sysctl(28, "net.ipv4.tcp_keepalive_time"),
        sysctl(28, "net.ipv4.tcp_fin_timeout"),
        sysctl(28, "net.ipv4.tcp_keepalive_intvl"),
        sysctl(28, "net.ipv4.tcp_keepalive_probes"),
        sysctl(31, "net.ipv4.tcp_rmem"),
        sysctl(31, "net.ipv4.tcp_wmem"),
        sysctl(36, "net.ipv4.tcp_slow_start_after_idle"),
        sysctl(36, "net.ipv4.tcp_notsent_lowat"),
        new Case(
            "hostProbesAndHostLifecycle forbids a probe host from 1.34",
            PssLevel.BASELINE,
            33,
            "",
            34,
            "hostProbesAndHostLifecycle",
            b.set("/spec/containers/0/readinessProbe/httpGet/host", "169.254.169.254")
                .set("/spec/containers/0/readinessProbe/httpGet/port", 80)),
        new Case(
            "hostProbesAndHostLifecycle forbids a lifecycle host from 1.34",
            PssLevel.BASELINE,
            33,
            "",
            34,
            "hostProbesAndHostLifecycle",
            b.set("/spec/containers/0/lifecycle/preStop/tcpSocket/host", "example.com")
                .set("/spec/containers/0/lifecycle/preStop/tcpSocket/port", 80)));
  }

  private static Case sysctl(int below, String name) {
    return new Case(
        "sysctl " + name + " is safe from 1." + (below + 1),
        PssLevel.BASELINE,
        below,
        "sysctls",
        below + 1,
        "",
        PodBuilder.baseline()
            .set("/spec/securityContext/sysctls/0/name", name)
            .set("/spec/securityContext/sysctls/0/value", "1"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void verdictFlipsAtTheBoundary(Case c) {
    assertThat(failed(c, c.below())).as("at v1.%d", c.below()).isEqualTo(expected(c.checkBelow()));
    assertThat(failed(c, c.at())).as("at v1.%d", c.at()).isEqualTo(expected(c.checkAt()));
    // the newer behaviour holds through latest
    assertThat(
            EVALUATOR
                .evaluate(c.level(), PssVersion.LATEST, c.pod().build())
                .orElseThrow()
                .failedChecks())
        .as("at latest")
        .isEqualTo(expected(c.checkAt()));
  }

  private static List<String> failed(Case c, int minor) {
    return EVALUATOR
        .evaluate(c.level(), PssVersion.of(minor), c.pod().build())
        .orElseThrow()
        .failedChecks();
  }

  private static List<String> expected(String check) {
    return check.isEmpty() ? List.of() : List.of(check);
  }
}

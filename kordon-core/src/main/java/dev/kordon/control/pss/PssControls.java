package dev.kordon.control.pss;

import dev.kordon.control.Control;
import dev.kordon.control.ControlInfo;
import dev.kordon.control.ControlSettings;
import dev.kordon.model.Severity;
import dev.kordon.pss.PssCheck;
import dev.kordon.pss.PssEvaluator;
import dev.kordon.snapshot.PodSpecView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One control per Pod Security Standards check (KOR-0200 onwards, in registry order), backed by the
 * PSS evaluator at the latest version. Each carries {@code pss:baseline/<id>} or {@code
 * pss:restricted/<id>}, so that the pss-baseline and pss-restricted frameworks score them.
 *
 * <p>Catalog controls that report the same check declare it ({@link ControlInfo#pssChecks()});
 * where both report one field, the engine makes them one finding.
 */
public final class PssControls {
  private PssControls() {}

  /**
   * Control id (fixed forever, never derived from a position), title, severity, description and
   * remediation of each check, by PSA id.
   */
  private record Text(
      String id, String title, Severity severity, String description, String remediation) {}

  private static final Map<String, Text> TEXTS = texts();

  private static Map<String, Text> texts() {
    Map<String, Text> t = new LinkedHashMap<>();
    t.put(
        "appArmorProfile",
        new Text(
            "KOR-0200",
            "Pod Security: AppArmor profile overridden",
            Severity.MEDIUM,
            "The pod or a container sets an AppArmor profile other than RuntimeDefault or a"
                + " Localhost profile, which disables the confinement the runtime applies by"
                + " default.",
            "Remove the AppArmor setting or set appArmorProfile.type to RuntimeDefault or"
                + " Localhost."));
    t.put(
        "capabilities_baseline",
        new Text(
            "KOR-0201",
            "Pod Security: non-default capability added",
            Severity.HIGH,
            "A container adds a Linux capability outside the runtime's default set, such as"
                + " NET_RAW or SYS_ADMIN.",
            "Remove the capability from securityContext.capabilities.add."));
    t.put(
        "hostNamespaces",
        new Text(
            "KOR-0202",
            "Pod Security: host namespace shared",
            Severity.HIGH,
            "The pod shares the node's network, PID or IPC namespace and can see or reach the"
                + " node's processes and traffic.",
            "Remove hostNetwork, hostPID and hostIPC or set them to false."));
    t.put(
        "hostPathVolumes",
        new Text(
            "KOR-0203",
            "Pod Security: hostPath volume",
            Severity.HIGH,
            "The pod mounts a directory of the node, which can expose the node's files and"
                + " credentials.",
            "Replace the hostPath volume with emptyDir, a ConfigMap or a PersistentVolumeClaim."));
    t.put(
        "hostPorts",
        new Text(
            "KOR-0204",
            "Pod Security: host port",
            Severity.MEDIUM,
            "A container binds a port on the node's network interfaces, bypassing network"
                + " policy and limiting scheduling.",
            "Remove hostPort and expose the port through a Service."));
    t.put(
        "hostProbesAndHostLifecycle",
        new Text(
            "KOR-0205",
            "Pod Security: probe or lifecycle handler targets another host",
            Severity.MEDIUM,
            "A probe or lifecycle handler sets host, making the kubelet connect to an arbitrary"
                + " address on the pod's behalf.",
            "Remove host from httpGet and tcpSocket probes and lifecycle handlers."));
    t.put(
        "privileged",
        new Text(
            "KOR-0206",
            "Pod Security: privileged container",
            Severity.CRITICAL,
            "A container runs privileged, with every capability and access to the node's"
                + " devices.",
            "Set securityContext.privileged to false or remove it."));
    t.put(
        "procMount",
        new Text(
            "KOR-0207",
            "Pod Security: unmasked /proc",
            Severity.MEDIUM,
            "A container sets procMount to something other than Default while sharing the"
                + " node's user namespace, exposing kernel interfaces the default masks hide.",
            "Remove securityContext.procMount or set it to Default."));
    t.put(
        "seccompProfile_baseline",
        new Text(
            "KOR-0208",
            "Pod Security: seccomp set to Unconfined",
            Severity.MEDIUM,
            "The pod or a container explicitly disables seccomp syscall filtering.",
            "Set seccompProfile.type to RuntimeDefault or Localhost."));
    t.put(
        "seLinuxOptions",
        new Text(
            "KOR-0209",
            "Pod Security: custom SELinux options",
            Severity.MEDIUM,
            "The pod or a container sets an SELinux type outside the container types, or a"
                + " custom SELinux user or role.",
            "Remove seLinuxOptions or keep only an allowed container type and level."));
    t.put(
        "sysctls",
        new Text(
            "KOR-0210",
            "Pod Security: unsafe sysctl",
            Severity.MEDIUM,
            "The pod sets a sysctl outside the namespaced safe set, which can affect the whole"
                + " node.",
            "Remove the sysctl or set it on the node instead."));
    t.put(
        "windowsHostProcess",
        new Text(
            "KOR-0211",
            "Pod Security: Windows HostProcess container",
            Severity.CRITICAL,
            "The pod or a container runs as a Windows HostProcess container, with full access"
                + " to the Windows node.",
            "Remove windowsOptions.hostProcess or set it to false."));
    t.put(
        "allowPrivilegeEscalation",
        new Text(
            "KOR-0212",
            "Pod Security: privilege escalation not disabled",
            Severity.MEDIUM,
            "A container does not set allowPrivilegeEscalation to false, so set-user-ID binaries"
                + " can gain privileges.",
            "Set securityContext.allowPrivilegeEscalation to false on every container."));
    t.put(
        "capabilities_restricted",
        new Text(
            "KOR-0213",
            "Pod Security: capabilities not dropped",
            Severity.MEDIUM,
            "A container does not drop ALL capabilities, or adds one other than"
                + " NET_BIND_SERVICE.",
            "Set securityContext.capabilities.drop to [ALL] and add back at most"
                + " NET_BIND_SERVICE."));
    t.put(
        "procMount_restricted",
        new Text(
            "KOR-0214",
            "Pod Security: non-default /proc mount",
            Severity.MEDIUM,
            "A container sets procMount to something other than Default; restricted forbids it"
                + " even in a user namespace.",
            "Remove securityContext.procMount or set it to Default."));
    t.put(
        "restrictedVolumes",
        new Text(
            "KOR-0215",
            "Pod Security: volume type not allowed",
            Severity.MEDIUM,
            "The pod uses a volume type outside configMap, csi, downwardAPI, emptyDir,"
                + " ephemeral, image, persistentVolumeClaim, projected and secret.",
            "Replace the volume with one of the allowed types, e.g. a PersistentVolumeClaim."));
    t.put(
        "runAsNonRoot",
        new Text(
            "KOR-0216",
            "Pod Security: not required to run as non-root",
            Severity.MEDIUM,
            "A container is not required to run as a non-root user: runAsNonRoot is false, or"
                + " unset on both the container and the pod.",
            "Set securityContext.runAsNonRoot to true on the pod."));
    t.put(
        "runAsUser",
        new Text(
            "KOR-0217",
            "Pod Security: runs as user 0",
            Severity.MEDIUM,
            "The pod or a container sets runAsUser to 0, the root user.",
            "Set runAsUser to a non-zero user id or remove it."));
    t.put(
        "seccompProfile_restricted",
        new Text(
            "KOR-0218",
            "Pod Security: seccomp profile not set",
            Severity.MEDIUM,
            "Neither the pod nor the container sets seccompProfile.type to RuntimeDefault or"
                + " Localhost.",
            "Set securityContext.seccompProfile.type to RuntimeDefault on the pod."));
    return Map.copyOf(t);
  }

  /** The PSS controls, in registry order. */
  public static List<Control> all(ControlSettings settings) {
    PssEvaluator evaluator = PssEvaluator.builtIn();
    List<Control> out = new ArrayList<>();
    for (PssCheck check : evaluator.checks()) {
      Text text = TEXTS.get(check.id());
      if (text == null) {
        throw new IllegalStateException("no control text for PSS check " + check.id());
      }
      ControlInfo info =
          ControlInfo.builder(text.id())
              .title(text.title())
              .severity(text.severity())
              .description(text.description())
              .remediation(text.remediation())
              .kinds(PodSpecView.WORKLOAD_KINDS)
              .refs("pss:" + check.level().word() + "/" + check.id())
              .podSecurityCheck(check.id())
              .build();
      out.add(new PssCheckControl(info, evaluator));
    }
    return List.copyOf(out);
  }
}

package dev.kordon.control.workload;

import dev.kordon.control.ControlInfo;
import dev.kordon.control.PodControl;
import dev.kordon.model.Finding;
import dev.kordon.model.Severity;
import dev.kordon.snapshot.PodSpecView;
import dev.kordon.snapshot.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Pods must not mount the node's container runtime socket, system directories or the kubelet's
 * state. Paths are compared after lexical normalisation, so {@code //}, {@code /./}, {@code ..} and
 * trailing slashes do not hide them; a directory inside a sensitive one counts, and so does one
 * that contains a sensitive one ({@code /var} holds {@code /var/lib/kubelet}).
 */
public final class SensitiveHostPathMounted implements PodControl {

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0010")
          .title("Sensitive host path mounted")
          .severity(Severity.CRITICAL)
          .description(
              "The pod mounts a host path that hands over the node: a container runtime socket"
                  + " starts privileged containers at will, /etc, /root and the binary directories"
                  + " allow planting cron jobs, keys or binaries, /proc, /sys and /dev reach the"
                  + " kernel and devices, and /var/lib/kubelet holds every pod's secrets.")
          .remediation(
              "Remove the hostPath volume; if a node agent truly needs it, mount the narrowest"
                  + " path read-only and record an exception with a reason.")
          .kinds(PodSpecView.WORKLOAD_KINDS)
          .refs("cis:5.2.12", "pss:baseline/hostPathVolumes", "mitre:T1611", "mitre:T1552.001")
          .peers("kubescape:C-0074", "trivy:KSV-0006", "trivy:KSV-0121")
          .build();

  /** Directories that hand over the node, with everything under them. */
  static final List<String> SENSITIVE_TREES =
      List.of(
          "/etc",
          "/root",
          "/boot",
          "/proc",
          "/sys",
          "/dev",
          "/bin",
          "/sbin",
          "/lib",
          "/lib64",
          "/usr",
          "/run",
          "/var/run",
          "/var/log",
          "/var/lib/kubelet",
          "/var/lib/docker",
          "/var/lib/containerd",
          "/var/lib/containers",
          "/var/lib/etcd",
          "/opt/cni");

  /** Sockets that control a container runtime, wherever a node keeps them. */
  static final Set<String> RUNTIME_SOCKETS =
      Set.of(
          "docker.sock",
          "containerd.sock",
          "crio.sock",
          "cri-dockerd.sock",
          "dockershim.sock",
          "podman.sock");

  /** Named pipes of Windows container runtimes ({@code \\.\pipe\docker_engine}). */
  static final List<String> RUNTIME_PIPES = List.of("docker_engine", "containerd-containerd");

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(PodSpecView pod, Snapshot snapshot) {
    List<Finding> out = new ArrayList<>();
    for (HostPathVolume v : HostPathVolume.of(pod)) {
      if (v.written().isEmpty()) {
        continue;
      }
      Optional<String> why = why(v.normalised());
      if (why.isPresent()) {
        out.add(
            INFO.finding(
                pod.object(),
                v.pointer(),
                "volume \"" + v.volume() + "\" mounts " + v.display() + ", " + why.get()));
      }
    }
    return out;
  }

  /** Why a normalised path is sensitive, for the message; empty when it is not. */
  static Optional<String> why(String path) {
    String last = path.substring(path.lastIndexOf('/') + 1);
    if (RUNTIME_SOCKETS.contains(last)) {
      return Optional.of("a container runtime socket");
    }
    String windows = path.toLowerCase(Locale.ROOT).replace('\\', '/');
    for (String pipe : RUNTIME_PIPES) {
      if (windows.endsWith("/pipe/" + pipe)) {
        return Optional.of("a container runtime named pipe");
      }
    }
    if (path.equals("/")) {
      return Optional.of("the node's whole file system");
    }
    for (String tree : SENSITIVE_TREES) {
      if (path.equals(tree)) {
        return Optional.of("a sensitive host directory");
      }
      if (path.startsWith(tree + "/")) {
        return Optional.of("inside " + tree);
      }
    }
    for (String tree : SENSITIVE_TREES) {
      if (tree.startsWith(path + "/")) {
        return Optional.of("which contains " + tree);
      }
    }
    return Optional.empty();
  }
}

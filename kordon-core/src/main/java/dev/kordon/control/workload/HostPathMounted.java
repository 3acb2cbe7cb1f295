package dev.kordon.control.workload;

import dev.kordon.control.ControlInfo;
import dev.kordon.control.PodControl;
import dev.kordon.model.Finding;
import dev.kordon.model.Severity;
import dev.kordon.pss.OffendingField;
import dev.kordon.snapshot.PodSpecView;
import dev.kordon.snapshot.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Pods should not mount directories or files of the node through {@code hostPath} volumes. */
public final class HostPathMounted implements PodControl {

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0009")
          .title("Host path volume mounted")
          .severity(Severity.HIGH)
          .description(
              "A hostPath volume exposes part of the node's file system to the pod. It ties the"
                  + " pod to one node, survives the pod, and is the usual first step of a"
                  + " container escape: symlinks, writable host files and shared state with the"
                  + " kubelet.")
          .remediation(
              "Replace the hostPath volume with an emptyDir, a PersistentVolumeClaim, a"
                  + " ConfigMap or a CSI volume.")
          .kinds(PodSpecView.WORKLOAD_KINDS)
          .refs(
              "cis:5.2.12",
              "pss:baseline/hostPathVolumes",
              "pss:restricted/restrictedVolumes",
              "mitre:T1611")
          .peers("kubescape:C-0048", "trivy:KSV-0023")
          .pssChecks("hostPathVolumes", "restrictedVolumes")
          .build();

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(PodSpecView pod, Snapshot snapshot) {
    List<Finding> out = new ArrayList<>();
    List<HostPathVolume> volumes = HostPathVolume.of(pod);
    for (OffendingField f : PodSecurity.offending("hostPathVolumes", pod)) {
      Optional<HostPathVolume> v =
          volumes.stream().filter(h -> h.pointer().startsWith(f.path())).findFirst();
      String message =
          v.isPresent() && !v.get().written().isEmpty()
              ? "volume \"" + v.get().volume() + "\" mounts host path " + v.get().display()
              : "volume \""
                  + pod.object().at(f.path().parent().append("name")).asString("")
                  + "\" is a hostPath volume without a path";
      out.add(INFO.finding(pod.object(), f.path(), message));
    }
    return out;
  }
}

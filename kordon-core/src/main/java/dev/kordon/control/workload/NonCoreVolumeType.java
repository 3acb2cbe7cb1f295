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

/**
 * Pod volumes should use the core, node-independent sources that Pod Security restricted allows.
 * hostPath is left to {@link HostPathMounted}, which already reports it at a higher severity.
 */
public final class NonCoreVolumeType implements PodControl {

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0027")
          .title("Volume type outside the restricted set")
          .severity(Severity.LOW)
          .description(
              "Inline volume sources such as nfs, iscsi, rbd, cephfs, flexVolume or gitRepo make"
                  + " the kubelet mount network storage or run plugins on the node with"
                  + " credentials and options chosen by the pod author; gitRepo has let pods run"
                  + " commands on the node (CVE-2024-10220).")
          .remediation(
              "Use a PersistentVolumeClaim, CSI, configMap, secret, downwardAPI, emptyDir,"
                  + " ephemeral, image or projected volume instead.")
          .kinds(PodSpecView.WORKLOAD_KINDS)
          .refs("pss:restricted/restrictedVolumes")
          .peers("trivy:KSV-0028")
          .pssChecks("restrictedVolumes")
          .build();

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(PodSpecView pod, Snapshot snapshot) {
    List<Finding> out = new ArrayList<>();
    for (OffendingField f : PodSecurity.offending("restrictedVolumes", pod)) {
      String type = f.path().last();
      if (type.equals("hostPath")) {
        continue; // HostPathMounted's, at a higher severity
      }
      out.add(
          INFO.finding(
              pod.object(),
              f.path(),
              "volume \""
                  + pod.object().at(f.path().parent().append("name")).asString("")
                  + "\" uses volume type "
                  + type));
    }
    return out;
  }
}

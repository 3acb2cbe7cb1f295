package dev.kordon.control.workload;

import dev.kordon.control.ControlInfo;
import dev.kordon.control.PodControl;
import dev.kordon.model.Finding;
import dev.kordon.model.JsonPointer;
import dev.kordon.model.Severity;
import dev.kordon.snapshot.ContainerView;
import dev.kordon.snapshot.PodSpecView;
import dev.kordon.snapshot.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * SELinux options may choose the MCS level but not the user, the role, or a type other than the
 * container types (Pod Security baseline {@code seLinuxOptions}).
 */
public final class CustomSeLinuxOptions implements PodControl {

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0021")
          .title("Custom SELinux options")
          .severity(Severity.MEDIUM)
          .description(
              "A custom SELinux user, role or type replaces the confined container domain: types"
                  + " such as spc_t (super-privileged container) or unconfined_t lift every"
                  + " SELinux restriction on the container's access to the node.")
          .remediation(
              "Remove seLinuxOptions.user and role, and leave type unset or one of container_t,"
                  + " container_init_t, container_kvm_t, container_engine_t.")
          .kinds(PodSpecView.WORKLOAD_KINDS)
          .refs("nsa:seccomp", "pss:baseline/seLinuxOptions", "mitre:T1611")
          .peers("trivy:KSV-0025")
          .build();

  static final Set<String> ALLOWED_TYPES =
      Set.of("container_t", "container_init_t", "container_kvm_t", "container_engine_t");

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(PodSpecView pod, Snapshot snapshot) {
    List<Finding> out = new ArrayList<>();
    check(pod, pod.field("securityContext", "seLinuxOptions"), "pod", out);
    for (ContainerView c : pod.allContainers()) {
      check(pod, c.field("securityContext", "seLinuxOptions"), c.describe(), out);
    }
    return out;
  }

  private static void check(PodSpecView pod, JsonPointer options, String who, List<Finding> out) {
    JsonPointer type = options.append("type");
    String typeValue = pod.object().text(type).orElse("");
    if (!typeValue.isEmpty() && !ALLOWED_TYPES.contains(typeValue)) {
      out.add(
          INFO.finding(
              pod.object(), type, who + " sets securityContext.seLinuxOptions.type: " + typeValue));
    }
    for (String field : List.of("user", "role")) {
      JsonPointer p = options.append(field);
      String value = pod.object().text(p).orElse("");
      if (!value.isEmpty()) {
        out.add(
            INFO.finding(
                pod.object(),
                p,
                who + " sets securityContext.seLinuxOptions." + field + ": " + value));
      }
    }
  }
}

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
import java.util.Optional;

/** Containers should run with a read-only root file system. */
public final class WritableRootFilesystem implements PodControl {

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0017")
          .title("Writable root file system")
          .severity(Severity.LOW)
          .description(
              "A writable root file system lets an intruder replace binaries and libraries of the"
                  + " image, drop tools and persist across process restarts inside the container;"
                  + " an immutable one confines writes to declared volumes.")
          .remediation(
              "Set securityContext.readOnlyRootFilesystem to true and mount an emptyDir where the"
                  + " application must write (/tmp, caches).")
          .kinds(PodSpecView.WORKLOAD_KINDS)
          .refs("nsa:immutable-fs")
          .peers("kubescape:C-0017", "trivy:KSV-0014")
          .build();

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(PodSpecView pod, Snapshot snapshot) {
    List<Finding> out = new ArrayList<>();
    if (PodFacts.of(pod).windows()) {
      return out;
    }
    for (ContainerView c : pod.allContainers()) {
      JsonPointer field = c.field("securityContext", "readOnlyRootFilesystem");
      Optional<Boolean> value = pod.object().bool(field);
      if (value.isPresent() && value.get()) {
        continue;
      }
      out.add(
          value.isPresent()
              ? INFO.finding(
                  pod.object(),
                  field,
                  c.describe() + " sets securityContext.readOnlyRootFilesystem: false")
              : INFO.finding(
                  pod.object(),
                  c.pointer(),
                  c.describe() + " does not set securityContext.readOnlyRootFilesystem: true"));
    }
    return out;
  }
}

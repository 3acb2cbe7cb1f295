package dev.kordon.control.image;

import dev.kordon.control.ControlInfo;
import dev.kordon.control.PodControl;
import dev.kordon.model.Finding;
import dev.kordon.model.JsonPointer;
import dev.kordon.model.Severity;
import dev.kordon.snapshot.PodSpecView;
import dev.kordon.snapshot.Snapshot;
import java.util.List;
import java.util.Optional;

/**
 * A floating image ({@code latest} or no tag) with {@code imagePullPolicy: IfNotPresent} or {@code
 * Never} runs whatever copy a node happens to hold. When the policy is omitted, the API server
 * defaults it to {@code Always} for exactly these references, so only an explicit weaker policy is
 * reported.
 */
public final class MutableImageNotAlwaysPulled implements PodControl {

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0063")
          .title("Floating image tag without imagePullPolicy Always")
          .severity(Severity.LOW)
          .description(
              "With imagePullPolicy IfNotPresent or Never, a node reuses any cached image of the"
                  + " same name: nodes drift apart on latest, and a pod can start a private image"
                  + " another workload pulled with credentials this pod does not have.")
          .remediation(
              "Pin the image to a version tag or digest, or set imagePullPolicy to Always (or"
                  + " remove it, which defaults to Always for latest and untagged images).")
          .kinds(PodSpecView.WORKLOAD_KINDS)
          .peers("kubescape:C-0075")
          .build();

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(PodSpecView pod, Snapshot snapshot) {
    return ImageFindings.perReference(
        pod,
        (c, ref) -> {
          JsonPointer field = c.field("imagePullPolicy");
          String policy = pod.object().text(field).orElse("");
          if (!ref.floating() || !(policy.equals("IfNotPresent") || policy.equals("Never"))) {
            return Optional.empty();
          }
          return Optional.of(
              INFO.finding(
                  pod.object(),
                  field,
                  c.describe()
                      + " pulls floating image \""
                      + c.image()
                      + "\" with imagePullPolicy: "
                      + policy));
        });
  }
}

package dev.kordon.control.image;

import dev.kordon.control.ControlInfo;
import dev.kordon.control.PodControl;
import dev.kordon.model.Finding;
import dev.kordon.model.Severity;
import dev.kordon.snapshot.ContainerView;
import dev.kordon.snapshot.PodSpecView;
import dev.kordon.snapshot.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An image string that is no reference the runtime can pull: a bad digest, tag, host or repository
 * name, an unrendered template. The API server stores any string, so the mistake only shows when a
 * node fails to pull; meanwhile the other image controls cannot judge the image, and this control
 * is the one that reports it. An absent or empty image is left alone: the API server rejects it in
 * a Pod, and workload templates may leave it to a tool that fills it in.
 */
public final class MalformedImageReference implements PodControl {

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0079")
          .title("Malformed image reference")
          .severity(Severity.MEDIUM)
          .description(
              "The API server accepts any image string, but the runtime parses it as"
                  + " [registry/]repository[:tag][@digest] and fails to pull what does not parse."
                  + " Such an image is neither pinned nor checked against a registry allowlist,"
                  + " and a digest that looks pinned but is malformed gives no integrity at all.")
          .remediation(
              "Write the image as [registry/]repository[:tag][@sha256:<64 lower-case hex"
                  + " digits>] with a lower-case repository, and render templates before"
                  + " scanning.")
          .kinds(PodSpecView.WORKLOAD_KINDS)
          .build();

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(PodSpecView pod, Snapshot snapshot) {
    List<Finding> out = new ArrayList<>();
    for (ContainerView c : pod.allContainers()) {
      if (c.image().isEmpty()) {
        continue;
      }
      Optional<String> defect = ImageReference.defect(c.image());
      if (defect.isPresent()) {
        out.add(
            INFO.finding(
                pod.object(),
                c.field("image"),
                c.describe()
                    + " image \""
                    + ImageReference.shorten(c.image())
                    + "\" "
                    + defect.get()));
      }
    }
    return out;
  }
}

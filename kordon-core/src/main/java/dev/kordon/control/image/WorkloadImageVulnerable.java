package dev.kordon.control.image;

import dev.kordon.control.ControlInfo;
import dev.kordon.control.PodControl;
import dev.kordon.model.Finding;
import dev.kordon.model.Severity;
import dev.kordon.snapshot.ContainerView;
import dev.kordon.snapshot.PodSpecView;
import dev.kordon.snapshot.Snapshot;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A container runs an image with critical or high vulnerabilities that already have a fix: one
 * finding per container and image, summarising them, at the highest severity among them.
 */
public final class WorkloadImageVulnerable implements PodControl {

  /** How many vulnerabilities a message names before it says how many more there are. */
  static final int LISTED = 5;

  static final ControlInfo INFO =
      ControlInfo.builder("KOR-0453")
          .title("Workload runs an image with fixable critical or high vulnerabilities")
          .severity(Severity.HIGH)
          .description(
              "A package in the image a container runs has a critical or high vulnerability"
                  + " (OSV) for which a fixed version exists: the risk is known and removing it"
                  + " needs only a rebuild. Reported with kordon scan --images, at critical when"
                  + " any of the vulnerabilities is critical.")
          .remediation(
              "Rebuild the image with the fixed package versions (or on a patched base image),"
                  + " push it and deploy it by digest.")
          .kinds(PodSpecView.WORKLOAD_KINDS)
          .refs("nsa:image-scanning", "mitre:T1190")
          .optional(true)
          .build();

  private final ImageFacts facts;

  public WorkloadImageVulnerable(ImageFacts facts) {
    this.facts = facts;
  }

  @Override
  public ControlInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(PodSpecView pod, Snapshot snapshot) {
    return ImageFindings.perContainer(facts, pod, (c, image) -> judge(pod, c, image));
  }

  private static Optional<Finding> judge(PodSpecView pod, ContainerView c, ImageFacts.Image image) {
    List<ImageFacts.Vulnerability> fixable =
        image.vulnerabilities().stream()
            .filter(v -> v.fixable() && v.severity().compareTo(Severity.HIGH) >= 0)
            .sorted(
                Comparator.comparing(ImageFacts.Vulnerability::severity)
                    .reversed()
                    .thenComparing(ImageFacts.Vulnerability::pkg)
                    .thenComparing(ImageFacts.Vulnerability::id))
            .toList();
    if (fixable.isEmpty()) {
      return Optional.empty();
    }
    long critical = fixable.stream().filter(v -> v.severity() == Severity.CRITICAL).count();
    StringBuilder m = new StringBuilder();
    m.append(ImageFindings.subject(c, image))
        .append(" has ")
        .append(count(critical, fixable.size() - critical))
        .append(" with a fix: ");
    for (int i = 0; i < Math.min(LISTED, fixable.size()); i++) {
      ImageFacts.Vulnerability v = fixable.get(i);
      m.append(i == 0 ? "" : "; ")
          .append(v.id())
          .append(" (")
          .append(v.severity().word())
          .append(") in ")
          .append(v.pkg())
          .append(' ')
          .append(v.version())
          .append(", fixed in ")
          .append(v.fixedVersion());
    }
    if (fixable.size() > LISTED) {
      m.append("; and ").append(fixable.size() - LISTED).append(" more");
    }
    Severity severity = critical > 0 ? Severity.CRITICAL : Severity.HIGH;
    return Optional.of(
        Finding.of(
            INFO.id(),
            INFO.title(),
            severity,
            INFO.remediation(),
            INFO.allRefs(),
            pod.object(),
            c.field("image"),
            m.toString()));
  }

  /**
   * {@code 1 high vulnerability}, {@code 3 critical vulnerabilities}, {@code 2 vulnerabilities (1
   * critical, 1 high)}.
   */
  static String count(long critical, long high) {
    long total = critical + high;
    String noun = total == 1 ? " vulnerability" : " vulnerabilities";
    if (critical == 0 || high == 0) {
      return total + (critical > 0 ? " critical" : " high") + noun;
    }
    return total + noun + " (" + critical + " critical, " + high + " high)";
  }
}

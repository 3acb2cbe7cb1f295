package dev.kordon.image.workload;

import dev.kordon.control.image.ImageFacts;
import dev.kordon.image.ImageScanner;
import dev.kordon.image.inventory.ImageInventory;
import dev.kordon.image.report.ImageReports;
import dev.kordon.image.report.ImageScan;
import dev.kordon.image.sign.SignatureResult;
import dev.kordon.image.vuln.VulnerabilityMatch;
import dev.kordon.model.KubeObject;
import dev.kordon.snapshot.ContainerView;
import dev.kordon.snapshot.PodSpecView;
import dev.kordon.snapshot.Snapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The distinct images the workloads of a snapshot run (containers, init and ephemeral containers of
 * Pods and of every pod template), who runs each, with which pull secrets; and, once read, the
 * facts the image controls judge.
 */
public final class WorkloadImages {

  /**
   * One workload using an image.
   *
   * @param workload {@code Deployment shop/api}, for messages
   * @param pullSecrets the names of the pod spec's {@code imagePullSecrets}, in its namespace
   */
  public record Use(String workload, String namespace, String container, List<String> pullSecrets) {
    public Use {
      pullSecrets = List.copyOf(pullSecrets);
    }
  }

  private final Map<String, List<Use>> byImage;

  private WorkloadImages(Map<String, List<Use>> byImage) {
    this.byImage = byImage;
  }

  public static WorkloadImages of(Snapshot snapshot) {
    Map<String, List<Use>> out = new LinkedHashMap<>();
    for (PodSpecView pod : snapshot.workloads()) {
      KubeObject o = pod.object();
      List<String> secrets = new ArrayList<>();
      for (var ref : pod.spec().path("imagePullSecrets")) {
        String name = ref.path("name").asString("");
        if (!name.isEmpty()) {
          secrets.add(name);
        }
      }
      String who = o.kind() + " " + (o.namespace().isEmpty() ? "" : o.namespace() + "/") + o.name();
      for (ContainerView c : pod.allContainers()) {
        String image = c.image().strip();
        if (image.isEmpty()) {
          continue;
        }
        out.computeIfAbsent(image, k -> new ArrayList<>())
            .add(new Use(who, pod.namespace(), c.name(), secrets));
      }
    }
    return new WorkloadImages(out);
  }

  /** The distinct image references, in the order the workloads name them. */
  public List<String> images() {
    return List.copyOf(byImage.keySet());
  }

  public List<Use> uses(String image) {
    return byImage.getOrDefault(image, List.of());
  }

  /** The workloads using an image, for a message: {@code Deployment shop/api, Job shop/report}. */
  public String usedBy(String image) {
    Set<String> names = new LinkedHashSet<>();
    for (Use u : uses(image)) {
      names.add(u.workload());
    }
    return String.join(", ", names);
  }

  /** The pull secrets ({@code namespace/name}) of every workload using an image, in order. */
  public List<SecretRef> pullSecrets(String image) {
    Set<SecretRef> out = new LinkedHashSet<>();
    for (Use u : uses(image)) {
      for (String name : u.pullSecrets()) {
        out.add(new SecretRef(u.namespace(), name));
      }
    }
    return List.copyOf(out);
  }

  /** A Secret by namespace and name. */
  public record SecretRef(String namespace, String name) {
    @Override
    public String toString() {
      return namespace + "/" + name;
    }
  }

  /** The facts of the images that could be read, for the image controls. */
  public static ImageFacts facts(List<ImageScanner.Outcome> outcomes) {
    Map<String, ImageFacts.Image> out = new LinkedHashMap<>();
    for (ImageScanner.Outcome o : outcomes) {
      if (o.scan().isEmpty()) {
        continue;
      }
      ImageScan s = o.scan().get();
      ImageInventory inv = s.inventory();
      List<ImageFacts.Vulnerability> vulns = new ArrayList<>();
      for (VulnerabilityMatch m : s.vulnerabilities()) {
        vulns.add(
            new ImageFacts.Vulnerability(
                m.id(),
                m.pkg(),
                m.version(),
                m.fixedVersion(),
                ImageReports.severity(m.severity())));
      }
      String os =
          !inv.os().prettyName().isEmpty()
              ? inv.os().prettyName()
              : (inv.os().id() + " " + inv.os().versionId()).strip();
      Optional<ImageFacts.Signature> signature = o.signature().map(WorkloadImages::signature);
      out.put(o.image(), new ImageFacts.Image(inv.digest(), os, vulns, s.osEnded(), signature));
    }
    return new ImageFacts(out);
  }

  private static ImageFacts.Signature signature(SignatureResult r) {
    return new ImageFacts.Signature(r.verified(), r.signer(), r.verified() ? "" : r.reason());
  }
}

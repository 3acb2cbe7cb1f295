package dev.kordon.cli;

import dev.kordon.control.image.ImageControls;
import dev.kordon.control.image.ImageFacts;
import dev.kordon.image.ImageReader;
import dev.kordon.image.ImageScanner;
import dev.kordon.image.sign.ImageSignatureVerifier;
import dev.kordon.image.sign.SignatureRequirement;
import dev.kordon.image.source.DockerConfig;
import dev.kordon.image.vuln.EndOfLife;
import dev.kordon.image.workload.WorkloadImages;
import dev.kordon.image.workload.WorkloadImages.SecretRef;
import dev.kordon.model.ScanError;
import dev.kordon.snapshot.Snapshot;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * {@code scan --images}: reads every distinct image the workloads run, once each and a few at a
 * time, into the facts the image controls (KOR-0453..0455) judge the workloads by.
 */
final class ImagesOptions {

  @Option(
      names = "--images",
      description =
          "Also read the images the workloads run (registry, oci:, docker-archive:), each once:"
              + " fixable critical/high vulnerabilities, end-of-life OS, and with --verify-key"
              + " or --certificate-identity signatures become findings on the workloads.")
  boolean images;

  @Option(
      names = "--vuln-db",
      paramLabel = "DIR",
      description =
          "With --images: folder of OSV records (default: the one 'kordon db update' fills).")
  Path vulnDb;

  @Option(
      names = "--verify-key",
      paramLabel = "FILE",
      description = "With --images: cosign public key (PEM) every image must be signed with.")
  Path verifyKey;

  @Option(
      names = "--local-images",
      description =
          "With --images: also read oci:, docker-archive: and sbom: references the manifests"
              + " name (off by default: manifests under review must not make Kordon read local"
              + " files).")
  boolean localImages;

  @Mixin ImageOptions imageOptions = new ImageOptions();

  @Mixin SignerOptions signer = new SignerOptions();

  /** References that name a local path rather than a registry. */
  static boolean local(String image) {
    return image.startsWith("oci:")
        || image.startsWith("docker-archive:")
        || image.startsWith("sbom:");
  }

  /** What reading the images gave: facts for the controls, the controls to turn on, and notes. */
  record Read(ImageFacts facts, List<String> enable, List<ScanError> notes) {}

  /** The registry credentials a workload's pull secret holds, when there is a cluster to ask. */
  interface PullSecrets {
    PullSecrets NONE = ref -> Optional.empty();

    /**
     * @throws RuntimeException with a message naming the Secret when it cannot be read
     */
    Optional<String> dockerConfigJson(SecretRef ref);
  }

  /** A flag that means something only with --images, given without it. */
  String strayFlag() {
    if (images) {
      return "";
    }
    if (vulnDb != null) {
      return "--vuln-db";
    }
    if (verifyKey != null) {
      return "--verify-key";
    }
    if (signer.keyless()) {
      return "--certificate-identity, --certificate-oidc-issuer and --trusted-root";
    }
    if (localImages) {
      return "--local-images";
    }
    return "";
  }

  /** Fails early, before anything is read, when the key or trusted root is unusable. */
  Optional<ImageSignatureVerifier> verifier(CommandSpec spec) {
    return signer.requirement(spec, verifyKey, "--verify-key").map(SignatureRequirement::verifier);
  }

  Read read(
      Snapshot snapshot,
      Optional<ImageSignatureVerifier> verifier,
      PullSecrets pullSecrets,
      Io io,
      CommandSpec spec)
      throws InterruptedException {
    List<ScanError> notes = new ArrayList<>();
    VulnDb db = VulnDb.load(vulnDb, io, spec, notes);
    List<String> enable = new ArrayList<>(ImageControls.contentControlIds());
    if (!db.present()) {
      enable.remove("KOR-0453");
      notes.add(
          ScanError.note(
              "--images",
              0,
              "no vulnerability data (--vuln-db DIR, or 'kordon db update'): vulnerabilities"
                  + " (KOR-0453) are not judged"));
    }
    if (verifier.isEmpty()) {
      enable.remove("KOR-0455");
    }
    WorkloadImages workloads = WorkloadImages.of(snapshot);
    List<String> images = new ArrayList<>();
    for (String image : workloads.images()) {
      if (local(image) && !localImages) {
        notes.add(
            ScanError.note(
                image,
                0,
                "local image reference not read (--local-images reads oci:, docker-archive: and"
                    + " sbom: paths named in manifests); used by "
                    + workloads.usedBy(image)));
      } else {
        images.add(image);
      }
    }
    DockerConfig own = imageOptions.dockerConfig(io);
    Credentials credentials = new Credentials(own, pullSecrets, notes);
    ImageReader plain = imageOptions.reader(spec, own);
    Map<List<SecretRef>, ImageReader> readers = new ConcurrentHashMap<>();
    ImageScanner scanner =
        new ImageScanner(
            db.db(),
            EndOfLife.builtIn(),
            LocalDate.now(ZoneOffset.UTC),
            ImageScanner.DEFAULT_THREADS);
    List<ImageScanner.Outcome> outcomes;
    try (Progress progress =
        new Progress(io.err(), "images", images.size(), io.progress() && images.size() > 1)) {
      outcomes =
          scanner.scan(
              images,
              image -> {
                List<SecretRef> refs = workloads.pullSecrets(image);
                return refs.isEmpty()
                    ? plain
                    : readers.computeIfAbsent(
                        refs, r -> imageOptions.reader(spec, credentials.of(r)));
              },
              verifier,
              progress);
    }
    int unread = 0;
    for (ImageScanner.Outcome o : outcomes) {
      if (!o.read()) {
        unread++;
        notes.add(
            ScanError.note(
                o.image(),
                0,
                "cannot read the image ("
                    + o.problem()
                    + "); used by "
                    + workloads.usedBy(o.image())
                    + ": not judged on the image's content"));
      }
    }
    io.err()
        .println(
            "kordon: images: "
                + images.size()
                + " distinct, "
                + (images.size() - unread)
                + " read"
                + (unread == 0 ? "" : ", " + unread + " unreadable"));
    return new Read(WorkloadImages.facts(outcomes), enable, notes);
  }

  /**
   * Each pull secret read once; an image's credentials are its workloads' pull secrets in order,
   * then the user's own Docker config. A secret that cannot be read is a note, never its content.
   */
  private static final class Credentials {
    private final DockerConfig own;
    private final PullSecrets secrets;
    private final List<ScanError> notes;
    private final Map<SecretRef, DockerConfig> read = new ConcurrentHashMap<>();

    Credentials(DockerConfig own, PullSecrets secrets, List<ScanError> notes) {
      this.own = own;
      this.secrets = secrets;
      this.notes = notes;
    }

    DockerConfig of(List<SecretRef> refs) {
      DockerConfig chain = null;
      for (SecretRef ref : refs) {
        DockerConfig one = read.computeIfAbsent(ref, this::load);
        chain = chain == null ? one : chain.orElse(one);
      }
      return chain == null ? own : chain.orElse(own);
    }

    private DockerConfig load(SecretRef ref) {
      Optional<String> json;
      try {
        json = secrets.dockerConfigJson(ref);
      } catch (RuntimeException e) {
        note(ref, e.getMessage() == null ? "pull secret could not be read" : e.getMessage());
        return DockerConfig.NONE;
      }
      try {
        return json.map(DockerConfig::parse).orElse(DockerConfig.NONE);
      } catch (RuntimeException e) {
        // the parser's message may quote the content: say only what is wrong
        note(ref, "pull secret is not a valid Docker config (.dockerconfigjson)");
        return DockerConfig.NONE;
      }
    }

    private void note(SecretRef ref, String message) {
      synchronized (notes) {
        notes.add(ScanError.note(ref.toString(), 0, message.replaceAll("\\s+", " ")));
      }
    }
  }
}

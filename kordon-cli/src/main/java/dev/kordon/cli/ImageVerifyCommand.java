package dev.kordon.cli;

import dev.kordon.image.ImageReader;
import dev.kordon.image.report.ImageControls;
import dev.kordon.image.report.ImageReports;
import dev.kordon.image.sign.BundleVerifier;
import dev.kordon.image.sign.ImageSignatureVerifier;
import dev.kordon.image.sign.KeylessVerifier;
import dev.kordon.image.sign.SignatureRequirement;
import dev.kordon.image.sign.SignatureResult;
import dev.kordon.image.sign.SigstoreBundle;
import dev.kordon.image.sign.SigstoreException;
import dev.kordon.model.Finding;
import dev.kordon.model.JsonPointer;
import dev.kordon.model.ObjectRef;
import dev.kordon.model.ScanError;
import dev.kordon.report.Format;
import dev.kordon.report.Report;
import dev.kordon.report.ReportSection;
import dev.kordon.report.Summary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description =
        "Checks cosign signatures of images: against a public key, or keyless (Sigstore) against"
            + " a signer identity and a trusted root, offline.",
    footer = {
      "",
      "The signature is read from the sha256-<digest>.sig tag beside the image (registry or OCI"
          + " layout); it counts when it verifies over the simple-signing payload and the payload"
          + " names the image's digest.",
      "Keyless: the Fulcio certificate must chain to a CA of the trusted root, name the identity"
          + " (email or URI SAN) and the OIDC issuer, and be valid when the Rekor log integrated"
          + " the signature (proven by the log's signed entry timestamp); nothing is fetched.",
      "Trusted root default: ~/.config/kordon/trusted_root.json.",
      "A set $XDG_CONFIG_HOME replaces ~/.config there.",
      "--bundle FILE checks a Sigstore bundle (v0.1-v0.3) instead of the .sig tag; IMAGE may then"
          + " be blob:FILE for any file.",
      "Formats: table, json, sarif, markdown, html.",
      "Exit codes: 0 every image verified, 1 an image not verified, 2 bad usage or an unreadable"
          + " image.",
      "",
      "Examples:",
      "  kordon image verify registry.example.com/shop/api:1.4 --key cosign.pub",
      "  kordon image verify oci:build/app --key cosign.pub --format json",
      "  kordon image verify ghcr.io/acme/app:1.2 --trusted-root trusted_root.json \\",
      "      --certificate-identity-regexp 'https://github\\.com/acme/.*' \\",
      "      --certificate-oidc-issuer https://token.actions.githubusercontent.com",
      "  kordon image verify blob:app.tar.gz --bundle app.tar.gz.sigstore.json \\",
      "      --certificate-identity ci@acme.example \\",
      "      --certificate-oidc-issuer https://accounts.google.com"
    })
final class ImageVerifyCommand implements Callable<Integer> {

  private final Io io;

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "IMAGE", arity = "1..*", description = "Images to verify.")
  List<String> images = new ArrayList<>();

  @Option(
      names = "--key",
      paramLabel = "FILE",
      description = "The cosign public key (PEM). Or the keyless options below.")
  Path key;

  @Mixin SignerOptions signer = new SignerOptions();

  @Option(
      names = "--bundle",
      paramLabel = "FILE",
      description = "Keyless: a Sigstore bundle to check instead of the image's .sig tag.")
  Path bundle;

  @Mixin ImageOptions imageOptions = new ImageOptions();

  @Mixin ReportOptions report = new ReportOptions();

  ImageVerifyCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() throws IOException {
    Format format = report.format(spec, ImageScanCommand.FORMATS);
    SignatureRequirement requirement = requirement();
    Optional<SigstoreBundle> given = Optional.empty();
    if (bundle != null) {
      try {
        given = Optional.of(SigstoreBundle.parse(bundle.toString(), Files.readAllBytes(bundle)));
      } catch (IOException | SigstoreException e) {
        throw new ParameterException(spec.commandLine(), "--bundle " + e.getMessage());
      }
    }
    ImageSignatureVerifier verifier =
        given.isPresent()
            ? new BundleVerifier(keyless(requirement), given.get())
            : requirement.verifier();
    ImageReader reader = imageOptions.reader(spec, io);
    List<ScanError> problems = new ArrayList<>();
    List<Finding> findings = new ArrayList<>();
    List<List<String>> rows = new ArrayList<>();
    List<SignatureResult> results = new ArrayList<>();
    for (String image : images.stream().distinct().toList()) {
      if (image.startsWith("blob:") && given.isEmpty()) {
        problems.add(ScanError.error(image, 0, "a blob: has no .sig tag: give its --bundle FILE"));
        continue;
      }
      SignatureResult r;
      try {
        r =
            image.startsWith("blob:") && given.isPresent()
                ? BundleVerifier.blob(keyless(requirement), given.get(), image)
                : reader.verify(image, verifier);
      } catch (IOException e) {
        problems.add(
            ScanError.error(
                image, 0, ImageScanCommand.withoutImage(String.valueOf(e.getMessage()), image)));
        continue;
      }
      results.add(r);
      rows.add(
          List.of(
              r.image(),
              r.digest(),
              r.verified() ? "verified" : "NOT VERIFIED",
              !r.verified()
                  ? r.reason()
                  : r.issuer().isEmpty() ? r.signer() : r.signer() + " (" + r.issuer() + ")"));
      if (!r.verified()) {
        ObjectRef ref = new ObjectRef("kordon.dev/v1", "Image", "", image);
        findings.add(
            ImageReports.finding(
                ImageControls.UNVERIFIED_SIGNATURE,
                ImageControls.UNVERIFIED_SIGNATURE.severity(),
                ref,
                JsonPointer.of("signature"),
                r.digest()
                    + " is not signed by the "
                    + requirement.describe()
                    + ": "
                    + r.reason()));
      }
    }
    ReportSection section =
        new ReportSection.Table(
            "signatures",
            "Signatures (" + requirement.describe() + ")",
            List.of("IMAGE", "DIGEST", "RESULT", "SIGNER OR REASON"),
            rows,
            List.of(),
            results);
    Report result =
        new Report(
            Report.Tool.KORDON,
            Summary.of(results.size(), findings),
            findings,
            List.of(),
            problems,
            List.of(),
            ImageControls.all(),
            List.of(),
            List.of(section),
            "image verify");
    report.write(result, format, io);
    if (!problems.isEmpty()) {
      return ExitCode.ERROR;
    }
    return findings.isEmpty() ? ExitCode.OK : ExitCode.FINDINGS;
  }

  /** The one requirement the options describe; every contradiction is a usage error. */
  SignatureRequirement requirement() {
    if (key != null && bundle != null) {
      throw new ParameterException(spec.commandLine(), "--bundle is for keyless verification");
    }
    return signer
        .requirement(spec, key, "--key")
        .orElseThrow(
            () ->
                new ParameterException(
                    spec.commandLine(),
                    "say who must have signed: --key FILE, or --certificate-identity ID (or"
                        + " --certificate-identity-regexp) with --certificate-oidc-issuer URL"));
  }

  private KeylessVerifier keyless(SignatureRequirement requirement) {
    if (requirement instanceof SignatureRequirement.Keyless k) {
      return new KeylessVerifier(k.root(), k.identity());
    }
    throw new ParameterException(spec.commandLine(), "--bundle is for keyless verification");
  }
}

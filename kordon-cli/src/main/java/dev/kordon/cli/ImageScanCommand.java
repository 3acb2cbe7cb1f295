package dev.kordon.cli;

import dev.kordon.image.ImageReader;
import dev.kordon.image.ImageScanner;
import dev.kordon.image.report.CycloneDxWriter;
import dev.kordon.image.report.ImageReports;
import dev.kordon.image.report.ImageScan;
import dev.kordon.image.vuln.EndOfLife;
import dev.kordon.image.vuln.OsvDatabase;
import dev.kordon.model.ScanError;
import dev.kordon.model.Severity;
import dev.kordon.report.Format;
import dev.kordon.report.Report;
import dev.kordon.report.SafeText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
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
    abbreviateSynopsis = true,
    name = "scan",
    mixinStandardHelpOptions = true,
    description =
        "Lists the packages inside images and the known vulnerabilities (OSV) that affect them.",
    footer = {
      "",
      "IMAGE is one of:",
      "  registry/repo:tag, registry/repo@sha256:...  pulled over the registry API",
      "  oci:DIR, oci:DIR:NAME    an OCI image layout (NAME: the image tagged so)",
      "  docker-archive:FILE      a docker save archive",
      "  sbom:FILE                a CycloneDX JSON SBOM instead of an image",
      "Without --vuln-db, the folder 'kordon db update' fills is used when it exists; scans"
          + " never download vulnerability data.",
      "Formats: table, json, sarif, markdown, html, cyclonedx.",
      "Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 bad usage or an"
          + " unreadable image (the other images are still scanned).",
      "",
      "Examples:",
      "  kordon image scan oci:build/app --vuln-db osv/",
      "  kordon image scan docker-archive:app.tar --format json --output app.json",
      "  kordon image scan registry.example.com/shop/api:1.4 --fail-on high",
      "  kordon image scan oci:build/app --format cyclonedx --output sbom.json"
    })
final class ImageScanCommand implements Callable<Integer> {

  static final List<Format> FORMATS =
      List.of(Format.TABLE, Format.JSON, Format.SARIF, Format.MARKDOWN, Format.HTML);

  static final String CYCLONEDX = "cyclonedx";

  private final Io io;

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "IMAGE", arity = "1..*", description = "Images to scan.")
  List<String> images = new ArrayList<>();

  @Option(
      names = "--vuln-db",
      paramLabel = "DIR",
      description = "Folder of OSV records (JSON files or OSV's per-ecosystem zip archives).")
  Path vulnDb;

  @Mixin FailOnOption failOn = new FailOnOption();

  @Mixin ImageOptions imageOptions = new ImageOptions();

  @Mixin ReportOptions report = new ReportOptions();

  @Mixin UploadOptions upload = new UploadOptions();

  ImageScanCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() throws Exception {
    boolean sbom = report.format.equalsIgnoreCase(CYCLONEDX);
    Format format = sbom ? Format.JSON : chosenFormat();
    String uploadProblem = upload.problem(io);
    if (uploadProblem != null) {
      throw new ParameterException(spec.commandLine(), uploadProblem);
    }
    Optional<Severity> threshold = failOn.threshold(spec);
    ImageReader reader = imageOptions.reader(spec, io);
    List<ScanError> problems = new ArrayList<>();
    VulnDb vulnDb = VulnDb.load(this.vulnDb, io, spec, problems);
    OsvDatabase db = vulnDb.db();
    ImageReports.DbInfo dbInfo = vulnDb.info();
    List<ImageScan> scans = scan(reader, db, problems);
    if (sbom) {
      writeSbom(CycloneDxWriter.write(scans, Instant.now()));
      for (ScanError e : problems) {
        io.err()
            .println((e.isError() ? "kordon: " : "kordon: note: ") + SafeText.line(e.toString()));
      }
      return problems.stream().anyMatch(ScanError::isError) ? ExitCode.ERROR : ExitCode.OK;
    }
    Report result = ImageReports.report(scans, dbInfo, problems);
    report.write(result, format, io);
    if (upload.active() && !upload.send(result, "image", io)) {
      return ExitCode.ERROR;
    }
    if (!result.errors().isEmpty()) {
      return ExitCode.ERROR;
    }
    return threshold.isPresent() && result.summary().atLeast(threshold.get()) > 0
        ? ExitCode.FINDINGS
        : ExitCode.OK;
  }

  private Format chosenFormat() {
    boolean allowed = FORMATS.stream().anyMatch(f -> f.word().equalsIgnoreCase(report.format));
    boolean known =
        java.util.Arrays.stream(Format.values())
            .anyMatch(f -> f.word().equalsIgnoreCase(report.format));
    if (!allowed) {
      throw new ParameterException(
          spec.commandLine(),
          "--format "
              + report.format
              + (known ? " is not available for 'image scan'" : " is not a format")
              + " (use "
              + Format.words(FORMATS.toArray(Format[]::new))
              + ", "
              + CYCLONEDX
              + ")");
    }
    return report.format(spec, FORMATS);
  }

  /** Each image read once, a few at a time; one that cannot be read is an error, not the end. */
  private List<ImageScan> scan(ImageReader reader, OsvDatabase db, List<ScanError> problems)
      throws InterruptedException {
    ImageScanner scanner =
        new ImageScanner(
            db, EndOfLife.builtIn(), LocalDate.now(ZoneOffset.UTC), ImageScanner.DEFAULT_THREADS);
    List<ImageScan> out = new ArrayList<>();
    for (ImageScanner.Outcome o : scanner.scan(images, i -> reader, Optional.empty(), n -> {})) {
      if (o.read()) {
        out.add(o.scan().get());
      } else {
        problems.add(ScanError.error(o.image(), 0, o.problem()));
      }
    }
    return out;
  }

  /** The error names the image already as the problem's file: say it once. */
  static String withoutImage(String message, String image) {
    return ImageScanner.withoutImage(message, image);
  }

  private void writeSbom(String json) throws IOException {
    if (report.output != null) {
      Path parent = report.output.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(report.output, json + "\n", StandardCharsets.UTF_8);
    } else {
      io.out().print(json + "\n");
      io.out().flush();
    }
  }
}

package dev.kordon.bench;

import dev.kordon.image.ImageReader;
import dev.kordon.image.inventory.ImageInventory;
import dev.kordon.image.layer.ImageLimits;
import dev.kordon.image.layer.LayerBlob;
import dev.kordon.image.source.DockerConfig;
import dev.kordon.image.source.OciLayout;
import dev.kordon.image.source.Platform;
import dev.kordon.image.source.ResolvedImage;
import dev.kordon.image.vuln.OsvDatabase;
import dev.kordon.image.vuln.VulnerabilityMatch;
import dev.kordon.image.vuln.VulnerabilityMatcher;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Inventory and match of a large generated image (Debian packages, jars, filler files) against a
 * generated OSV set shaped like OSV's Debian and Maven archives. The limit is reading the same
 * layer blobs without parsing (gunzip and walk the tar), measured in the same run; the report gives
 * the ratio, wall times and peak heap.
 *
 * <p>Usage: {@code ImageScanBench WORKDIR [SIZE_MB] [PACKAGES] [DEBIAN_RECORDS] [MAVEN_RECORDS]}.
 */
public final class ImageScanBench {
  private ImageScanBench() {}

  public static void main(String[] args) throws Exception {
    Path work = Path.of(args.length > 0 ? args[0] : "target/image-bench");
    long sizeMb = args.length > 1 ? Long.parseLong(args[1]) : 1024;
    int packages = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
    int debianRecords = args.length > 3 ? Integer.parseInt(args[3]) : 45_000;
    int mavenRecords = args.length > 4 ? Integer.parseInt(args[4]) : 6_000;
    Path layout = work.resolve("image");
    Path osv = work.resolve("osv");
    if (!Files.isRegularFile(layout.resolve("index.json"))) {
      long t = System.nanoTime();
      generateImage(layout, sizeMb, packages);
      generateOsv(osv, packages, debianRecords, mavenRecords);
      System.out.printf(Locale.ROOT, "generated image and OSV set in %.1f s%n", secs(t));
    }
    long blobBytes = 0;
    try (var s = Files.list(layout.resolve("blobs/sha256"))) {
      for (Path p : s.toList()) {
        blobBytes += Files.size(p);
      }
    }
    ImageReader reader =
        new ImageReader(DockerConfig.NONE, Platform.DEFAULT, false, ImageLimits.DEFAULT);
    for (int round = 1; round <= 3; round++) {
      System.gc();
      resetPeaks();
      long t0 = System.nanoTime();
      long[] walked = readOnly(layout);
      double limit = secs(t0);
      long limitHeap = peakHeap();

      System.gc();
      resetPeaks();
      long t1 = System.nanoTime();
      OsvDatabase db = OsvDatabase.load(osv);
      double dbLoad = secs(t1);
      long t2 = System.nanoTime();
      ImageInventory inv = reader.read("oci:" + layout);
      double inventory = secs(t2);
      long t3 = System.nanoTime();
      List<VulnerabilityMatch> matches = new VulnerabilityMatcher(db).match(inv.packages());
      double match = secs(t3);
      long heap = peakHeap();
      System.out.printf(
          Locale.ROOT,
          "round %d: image %.0f MiB compressed, %.0f MiB uncompressed, %d files | limit (gunzip+tar walk) %.2f s"
              + " | inventory %.2f s (%d packages) | ratio inventory/limit %.2f | OSV load %.2f s (%d records)"
              + " | match %.3f s (%d vulnerabilities) | total %.2f s | peak heap: limit %d MiB, scan %d MiB%n",
          round,
          blobBytes / 1048576.0,
          walked[1] / 1048576.0,
          walked[0],
          limit,
          inventory,
          inv.packages().size(),
          inventory / limit,
          dbLoad,
          db.records(),
          match,
          matches.size(),
          dbLoad + inventory + match,
          limitHeap >> 20,
          heap >> 20);
    }
  }

  /** Gunzip and walk every layer's tar, skipping contents: what no scanner can beat. */
  static long[] readOnly(Path layout) throws IOException {
    long files = 0;
    long bytes = 0;
    try (ResolvedImage image = OciLayout.of(layout.toString()).resolve(Platform.DEFAULT)) {
      for (LayerBlob l : image.layers()) {
        try (InputStream in = new GZIPInputStream(image.open(l), 1 << 16);
            TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
          TarArchiveEntry e;
          while ((e = tar.getNextEntry()) != null) {
            files++;
            bytes += e.getSize();
          }
        }
      }
    }
    return new long[] {files, bytes};
  }

  static double secs(long start) {
    return (System.nanoTime() - start) / 1e9;
  }

  static void resetPeaks() {
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        p.resetPeakUsage();
      }
    }
  }

  static long peakHeap() {
    long sum = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        sum += p.getPeakUsage().getUsed();
      }
    }
    return sum;
  }

  // ---- generation ----

  static String pkgName(int i) {
    return "pkg" + i;
  }

  static void generateImage(Path layout, long sizeMb, int packages) throws Exception {
    Files.createDirectories(layout.resolve("blobs/sha256"));
    Random r = new Random(1);
    int debs = packages * 7 / 10;
    int jars = packages - debs;
    StringBuilder status = new StringBuilder();
    for (int i = 0; i < debs; i++) {
      status
          .append("Package: ")
          .append(pkgName(i))
          .append("\nStatus: install ok installed\n")
          .append("Architecture: amd64\nSource: src")
          .append(i / 3)
          .append("\nVersion: 1.")
          .append(i % 20)
          .append("-1+deb12u1\nDescription: generated\n a long description line\n\n");
    }
    long half = (sizeMb << 20) / 2;
    List<String[]> layers = new ArrayList<>();
    layers.add(
        writeLayer(
            layout,
            half,
            r,
            tar -> {
              put(
                  tar,
                  "etc/os-release",
                  "ID=debian\nVERSION_ID=\"12\"\nPRETTY_NAME=\"Debian 12\"\n"
                      .getBytes(StandardCharsets.UTF_8));
              put(tar, "var/lib/dpkg/status", status.toString().getBytes(StandardCharsets.UTF_8));
            }));
    layers.add(
        writeLayer(
            layout,
            half,
            r,
            tar -> {
              for (int i = 0; i < jars; i++) {
                put(
                    tar,
                    "app/lib/lib" + i + ".jar",
                    jar("org.example.g" + (i % 50), "artifact" + i, "2." + (i % 10) + ".0"));
              }
            }));
    StringBuilder diff = new StringBuilder();
    StringBuilder descs = new StringBuilder();
    for (String[] l : layers) {
      diff.append(diff.length() == 0 ? "" : ",").append('"').append(l[1]).append('"');
      descs
          .append(descs.length() == 0 ? "" : ",")
          .append("{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"")
          .append(l[0])
          .append("\",\"size\":")
          .append(l[2])
          .append('}');
    }
    byte[] config =
        ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":["
                + diff
                + "]}}")
            .getBytes(StandardCharsets.UTF_8);
    String configDigest = blob(layout, config);
    byte[] manifest =
        ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\""
                + configDigest
                + "\",\"size\":"
                + config.length
                + "},\"layers\":["
                + descs
                + "]}")
            .getBytes(StandardCharsets.UTF_8);
    String manifestDigest = blob(layout, manifest);
    Files.writeString(layout.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    Files.writeString(
        layout.resolve("index.json"),
        "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\""
            + manifestDigest
            + "\",\"size\":"
            + manifest.length
            + "}]}");
  }

  interface TarBody {
    void write(TarArchiveOutputStream tar) throws IOException;
  }

  /**
   * Writes a gzip layer: the body, then filler files up to the size; returns digest, diff id, size.
   */
  static String[] writeLayer(Path layout, long fillerBytes, Random r, TarBody body)
      throws Exception {
    Path tmp = layout.resolve("layer.tmp");
    MessageDigest blobSha = MessageDigest.getInstance("SHA-256");
    MessageDigest tarSha = MessageDigest.getInstance("SHA-256");
    try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16);
        DigestOutputStream hashedBlob = new DigestOutputStream(file, blobSha);
        GZIPOutputStream gz = new GZIPOutputStream(hashedBlob, 1 << 16);
        DigestOutputStream hashedTar = new DigestOutputStream(gz, tarSha);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(hashedTar)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      body.write(tar);
      byte[] chunk = filler(r, 256 * 1024);
      long written = 0;
      int n = 0;
      while (written < fillerBytes) {
        int size = 4096 + r.nextInt(chunk.length - 4096);
        TarArchiveEntry e = new TarArchiveEntry("usr/share/filler/d" + (n / 1000) + "/f" + n++);
        e.setSize(size);
        tar.putArchiveEntry(e);
        tar.write(chunk, 0, size);
        tar.closeArchiveEntry();
        written += size;
      }
    }
    String digest = "sha256:" + HexFormat.of().formatHex(blobSha.digest());
    long size = Files.size(tmp);
    Files.move(tmp, layout.resolve("blobs/sha256/" + digest.substring(7)));
    return new String[] {
      digest, "sha256:" + HexFormat.of().formatHex(tarSha.digest()), Long.toString(size)
    };
  }

  /** Text-like bytes that compress about as well as binaries in real images (~2-3x). */
  static byte[] filler(Random r, int size) {
    byte[] b = new byte[size];
    for (int i = 0; i < size; i++) {
      b[i] = (byte) (r.nextInt(4) == 0 ? r.nextInt(256) : 'a' + r.nextInt(16));
    }
    return b;
  }

  static void put(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name);
    e.setSize(content.length);
    tar.putArchiveEntry(e);
    tar.write(content);
    tar.closeArchiveEntry();
  }

  static byte[] jar(String group, String artifact, String version) throws IOException {
    var out = new java.io.ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(out)) {
      z.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
      z.write("Manifest-Version: 1.0\n".getBytes(StandardCharsets.UTF_8));
      z.putNextEntry(new ZipEntry("META-INF/maven/" + group + "/" + artifact + "/pom.properties"));
      z.write(
          ("groupId=" + group + "\nartifactId=" + artifact + "\nversion=" + version + "\n")
              .getBytes(StandardCharsets.UTF_8));
      z.putNextEntry(new ZipEntry("org/example/Some.class"));
      z.write(new byte[20_000]);
    }
    return out.toByteArray();
  }

  static String blob(Path layout, byte[] bytes) throws Exception {
    String digest =
        "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    Files.write(layout.resolve("blobs/sha256/" + digest.substring(7)), bytes);
    return digest;
  }

  /** OSV zips shaped like OSV's archives: most records name packages the image does not have. */
  static void generateOsv(Path osv, int packages, int debian, int maven) throws IOException {
    Files.createDirectories(osv.resolve("Debian"));
    Files.createDirectories(osv.resolve("Maven"));
    Random r = new Random(2);
    try (ZipOutputStream z =
        new ZipOutputStream(Files.newOutputStream(osv.resolve("Debian/all.zip")))) {
      for (int i = 0; i < debian; i++) {
        String src =
            r.nextInt(10) == 0 ? "src" + r.nextInt(packages / 3) : "other" + r.nextInt(20_000);
        z.putNextEntry(new ZipEntry("DEBIAN-CVE-" + i + ".json"));
        z.write(
            record(
                    "DEBIAN-CVE-" + i,
                    "Debian:" + (11 + r.nextInt(3)),
                    src,
                    "1." + r.nextInt(20) + "-1+deb12u" + r.nextInt(3),
                    r)
                .getBytes(StandardCharsets.UTF_8));
      }
    }
    try (ZipOutputStream z =
        new ZipOutputStream(Files.newOutputStream(osv.resolve("Maven/all.zip")))) {
      for (int i = 0; i < maven; i++) {
        int a = r.nextInt(packages);
        String name =
            r.nextInt(5) == 0
                ? "org.example.g" + (a % 50) + ":artifact" + a
                : "com.other:lib" + r.nextInt(50_000);
        z.putNextEntry(new ZipEntry("GHSA-" + i + ".json"));
        z.write(
            record("GHSA-" + i, "Maven", name, "2." + r.nextInt(10) + ".1", r)
                .getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  static String record(String id, String ecosystem, String name, String fixed, Random r) {
    return "{\"schema_version\":\"1.6.0\",\"id\":\""
        + id
        + "\",\"modified\":\"2026-11-"
        + (10 + r.nextInt(19))
        + "T00:00:00Z\","
        + "\"summary\":\"generated advisory with a summary of typical length for the benchmark\","
        + "\"details\":\""
        + "details ".repeat(40)
        + "\",\"aliases\":[\"CVE-2026-"
        + r.nextInt(99999)
        + "\"],"
        + "\"severity\":[{\"type\":\"CVSS_V3\",\"score\":\"CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H\"}],"
        + "\"affected\":[{\"package\":{\"ecosystem\":\""
        + ecosystem
        + "\",\"name\":\""
        + name
        + "\"},"
        + "\"ranges\":[{\"type\":\"ECOSYSTEM\",\"events\":[{\"introduced\":\"0\"},{\"fixed\":\""
        + fixed
        + "\"}]}],"
        + "\"versions\":[\"1.0\",\"1.1\",\"1.2\"]}],\"references\":[{\"type\":\"WEB\",\"url\":\"https://example.org/"
        + id
        + "\"}]}";
  }
}

package dev.kordon.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The image tarball Jib writes during {@code package}: a valid OCI image layout (every blob matches
 * its digest and size, the config's diff_ids match the uncompressed layers), a non-root numeric
 * user, an entrypoint that is a binary in the image (no shell), the OCI labels, and the entrypoint,
 * run from the extracted layers, prints the version.
 */
class ImageLayoutIT {

  private static final String VERSION = System.getProperty("kordon.version", "0.1.0-SNAPSHOT");
  private static final Path TARGET = Path.of(System.getProperty("kordon.dist.dir", "target"));
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path layout;
  private static Path tarball;
  private static JsonNode manifest;
  private static JsonNode config;

  @BeforeAll
  static void unpack() throws Exception {
    assumeTrue(
        !Boolean.getBoolean("kordon.dist.skipImage"),
        "the image was not built (-Dkordon.dist.skipImage=true)");
    assumeTrue(Processes.available("tar"), "tar is not installed: the image tests need it");
    tarball = TARGET.resolve("kordon-image-" + VERSION + ".tar");
    assertThat(tarball).exists();
    Processes.Result r =
        Processes.run(layout, List.of("tar", "-xf", tarball.toAbsolutePath().toString()));
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(JSON.readTree(layout.resolve("oci-layout").toFile()).path("imageLayoutVersion"))
        .hasToString("\"1.0.0\"");
    JsonNode index = JSON.readTree(layout.resolve("index.json").toFile());
    assertThat(index.path("manifests")).hasSize(1);
    JsonNode entry = index.path("manifests").get(0);
    assertThat(entry.path("annotations").path("org.opencontainers.image.ref.name").asString())
        .isEqualTo(System.getProperty("kordon.image.repository") + ":" + VERSION);
    manifest = JSON.readTree(verifiedBlob(entry).toFile());
    config = JSON.readTree(verifiedBlob(manifest.path("config")).toFile());
  }

  /** The blob a descriptor names, after checking its size and sha256 digest. */
  private static Path verifiedBlob(JsonNode descriptor) throws IOException {
    String digest = descriptor.path("digest").asString();
    assertThat(digest).startsWith("sha256:");
    Path blob = layout.resolve("blobs/sha256").resolve(digest.substring("sha256:".length()));
    assertThat(blob).exists();
    assertThat(Files.size(blob))
        .as("size of " + digest)
        .isEqualTo(descriptor.path("size").asLong());
    try (InputStream in = Files.newInputStream(blob)) {
      assertThat(sha256(in)).as("content of " + digest).isEqualTo(digest);
    }
    return blob;
  }

  private static String sha256(InputStream in) throws IOException {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      try (DigestInputStream d = new DigestInputStream(in, md)) {
        d.transferTo(java.io.OutputStream.nullOutputStream());
      }
      return "sha256:" + HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void layersMatchTheirDigestsAndTheConfigDiffIds() throws IOException {
    JsonNode layers = manifest.path("layers");
    JsonNode diffIds = config.path("rootfs").path("diff_ids");
    assertThat(layers.size()).isPositive().isEqualTo(diffIds.size());
    for (int i = 0; i < layers.size(); i++) {
      assertThat(layers.get(i).path("mediaType").asString())
          .isEqualTo("application/vnd.oci.image.layer.v1.tar+gzip");
      Path blob = verifiedBlob(layers.get(i));
      try (InputStream in = new GZIPInputStream(Files.newInputStream(blob))) {
        assertThat(sha256(in)).as("diff_id of layer " + i).isEqualTo(diffIds.get(i).asString());
      }
    }
  }

  @Test
  void runsAsANumericNonRootUserWithoutAShellAndCarriesTheLabels() throws Exception {
    JsonNode c = config.path("config");
    assertThat(c.path("User").asString()).matches("[1-9][0-9]*:[1-9][0-9]*");
    assertThat(c.path("Labels").path("org.opencontainers.image.version").asString())
        .isEqualTo(VERSION);
    assertThat(c.path("Labels").path("org.opencontainers.image.title").asString())
        .isEqualTo("kordon");
    assertThat(c.path("Labels").path("org.opencontainers.image.source").asString())
        .startsWith("https://");
    Path root = rootfs();
    String entry = c.path("Entrypoint").get(0).asString();
    assertThat(entry).startsWith("/");
    Path binary = root.resolve(entry.substring(1));
    assertThat(binary).isRegularFile().isExecutable();
    byte[] head = new byte[4];
    try (InputStream in = Files.newInputStream(binary)) {
      assertThat(in.read(head)).isEqualTo(4);
    }
    assertThat(head)
        .as("the entrypoint is an ELF binary, not a script")
        .startsWith(0x7f, 'E', 'L', 'F');
    assertThat(root.resolve("bin/sh")).doesNotExist();
    assertThat(root.resolve("usr/bin")).doesNotExist();
    assertThat(Files.readString(root.resolve("etc/passwd"))).contains(":65532:65532:");
  }

  @Test
  void theEntrypointPrintsTheVersionFromTheExtractedLayers() throws Exception {
    Path root = rootfs();
    List<String> command = new ArrayList<>();
    boolean rootUser = "root".equals(System.getProperty("user.name"));
    if (rootUser && Processes.available("chroot")) {
      command.addAll(List.of("chroot", "--userspec=65532:65532", root.toString()));
    } else if (Processes.available("unshare") && Processes.available("chroot")) {
      command.addAll(
          List.of("unshare", "--map-root-user", Processes.absolute("chroot"), root.toString()));
    } else {
      System.err.println("ImageLayoutIT: chroot/unshare missing; the entrypoint was not run");
      assumeTrue(false, "needs chroot (coreutils) or unshare (util-linux) to run the entrypoint");
    }
    for (JsonNode arg : config.path("config").path("Entrypoint")) {
      command.add(arg.asString());
    }
    command.add("--version");
    // the process sees the image's environment only, as under a container runtime
    java.util.Map<String, String> env = new java.util.HashMap<>();
    for (JsonNode e : config.path("config").path("Env")) {
      String kv = e.asString();
      env.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
    }
    Processes.Result r = Processes.run(root, env, true, command);
    if (!rootUser && r.code() != 0 && r.err().contains("unshare")) {
      System.err.println("ImageLayoutIT: user namespaces are disabled: " + r.err());
      assumeTrue(
          false, "user namespaces disabled; cannot chroot as " + System.getProperty("user.name"));
    }
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).isEqualTo("kordon " + VERSION + "\n");
  }

  @Test
  void skopeoReadsTheArchive() throws Exception {
    if (!Processes.available("skopeo")) {
      System.err.println(
          "ImageLayoutIT: skopeo is not installed; its check of the archive skipped");
      assumeTrue(false, "skopeo is not installed");
    }
    Processes.Result r =
        Processes.run(
            layout,
            List.of("skopeo", "inspect", "--config", "oci-archive:" + tarball.toAbsolutePath()));
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).contains("\"User\": \"65532:65532\"");
  }

  private static Path rootfs;

  private static synchronized Path rootfs() throws Exception {
    if (rootfs == null) {
      Path dir = layout.resolve("rootfs");
      Files.createDirectories(dir);
      for (JsonNode layer : manifest.path("layers")) {
        Path blob =
            layout.resolve("blobs/sha256").resolve(layer.path("digest").asString().substring(7));
        Processes.Result r =
            Processes.run(
                dir,
                List.of(
                    "tar",
                    "--warning=no-unknown-keyword",
                    "-xzf",
                    blob.toString(),
                    "-C",
                    dir.toString()));
        assertThat(r.code()).as(r.toString()).isZero();
      }
      rootfs = dir;
    }
    return rootfs;
  }
}

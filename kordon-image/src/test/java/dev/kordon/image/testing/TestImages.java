package dev.kordon.image.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes real images for tests: OCI image layouts (single and multi-platform) and docker-save tars.
 */
public final class TestImages {
  private TestImages() {}

  public static String sha256(byte[] bytes) {
    try {
      return "sha256:"
          + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A blob written into a layout; returns its descriptor JSON. */
  public static String writeBlob(Path layout, String mediaType, byte[] bytes) throws IOException {
    String digest = sha256(bytes);
    Path p = layout.resolve("blobs/sha256/" + digest.substring(7));
    Files.createDirectories(p.getParent());
    Files.write(p, bytes);
    return "{\"mediaType\":\""
        + mediaType
        + "\",\"digest\":\""
        + digest
        + "\",\"size\":"
        + bytes.length
        + "}";
  }

  public static String digestOf(String descriptor) {
    int i = descriptor.indexOf("sha256:");
    return descriptor.substring(i, i + 71);
  }

  private static String config(List<byte[]> tars, String arch) {
    List<String> diffIds = new ArrayList<>();
    for (byte[] t : tars) {
      diffIds.add("\"" + sha256(t) + "\"");
    }
    return "{\"architecture\":\""
        + arch
        + "\",\"os\":\"linux\",\"config\":{},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":["
        + String.join(",", diffIds)
        + "]}}";
  }

  /** Writes one image's manifest into a layout (gzip layers); returns the manifest descriptor. */
  public static String writeManifest(Path layout, List<TestLayer> layers, String arch)
      throws IOException {
    return writeManifest(layout, layers, arch, false);
  }

  /** As above, with zstd-compressed layers ({@code tar+zstd}) when {@code zstd} is set. */
  public static String writeManifest(Path layout, List<TestLayer> layers, String arch, boolean zstd)
      throws IOException {
    List<byte[]> tars = new ArrayList<>();
    List<String> layerDescriptors = new ArrayList<>();
    for (TestLayer l : layers) {
      byte[] tar = l.tar();
      tars.add(tar);
      layerDescriptors.add(
          zstd
              ? writeBlob(
                  layout, "application/vnd.oci.image.layer.v1.tar+zstd", TestLayer.zstd(tar))
              : writeBlob(
                  layout, "application/vnd.oci.image.layer.v1.tar+gzip", TestLayer.gzip(tar)));
    }
    String config =
        writeBlob(
            layout,
            "application/vnd.oci.image.config.v1+json",
            config(tars, arch).getBytes(StandardCharsets.UTF_8));
    String manifest =
        "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":"
            + config
            + ",\"layers\":["
            + String.join(",", layerDescriptors)
            + "]}";
    return writeBlob(
        layout,
        "application/vnd.oci.image.manifest.v1+json",
        manifest.getBytes(StandardCharsets.UTF_8));
  }

  /** An OCI layout with one image tagged {@code tag}; returns the manifest digest. */
  public static String ociLayout(Path layout, String tag, List<TestLayer> layers)
      throws IOException {
    Files.createDirectories(layout);
    String manifest = writeManifest(layout, layers, "amd64");
    writeIndex(layout, Map.of(tag, manifest));
    return digestOf(manifest);
  }

  /** An OCI layout whose layers are zstd-compressed; returns the manifest digest. */
  public static String ociLayoutZstd(Path layout, String tag, List<TestLayer> layers)
      throws IOException {
    Files.createDirectories(layout);
    String manifest = writeManifest(layout, layers, "amd64", true);
    writeIndex(layout, Map.of(tag, manifest));
    return digestOf(manifest);
  }

  /** index.json naming each descriptor by its tag. */
  public static void writeIndex(Path layout, Map<String, String> tagged) throws IOException {
    Files.createDirectories(layout);
    Files.writeString(layout.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    List<String> manifests = new ArrayList<>();
    for (Map.Entry<String, String> e : new java.util.TreeMap<>(tagged).entrySet()) {
      String d = e.getValue();
      manifests.add(
          d.substring(0, d.length() - 1)
              + ",\"annotations\":{\"org.opencontainers.image.ref.name\":\""
              + e.getKey()
              + "\"}}");
    }
    Files.writeString(
        layout.resolve("index.json"),
        "{\"schemaVersion\":2,\"manifests\":[" + String.join(",", manifests) + "]}");
  }

  /**
   * A multi-platform image: an index blob with one manifest per architecture, tagged in the layout;
   * returns the index digest.
   */
  public static String multiPlatform(Path layout, String tag, Map<String, List<TestLayer>> byArch)
      throws IOException {
    List<String> entries = new ArrayList<>();
    for (Map.Entry<String, List<TestLayer>> e : new java.util.TreeMap<>(byArch).entrySet()) {
      String m = writeManifest(layout, e.getValue(), e.getKey());
      entries.add(
          m.substring(0, m.length() - 1)
              + ",\"platform\":{\"os\":\"linux\",\"architecture\":\""
              + e.getKey()
              + "\"}}");
    }
    String index =
        "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":["
            + String.join(",", entries)
            + "]}";
    String d =
        writeBlob(
            layout,
            "application/vnd.oci.image.index.v1+json",
            index.getBytes(StandardCharsets.UTF_8));
    writeIndex(layout, Map.of(tag, d));
    return digestOf(d);
  }

  /** A {@code docker save} archive (legacy layout: ID/layer.tar, uncompressed). */
  public static void dockerArchive(Path file, String repoTag, List<TestLayer> layers)
      throws IOException {
    List<byte[]> tars = new ArrayList<>();
    for (TestLayer l : layers) {
      tars.add(l.tar());
    }
    byte[] config = config(tars, "amd64").getBytes(StandardCharsets.UTF_8);
    String configName = sha256(config).substring(7) + ".json";
    List<String> layerNames = new ArrayList<>();
    try (OutputStream out = Files.newOutputStream(file);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      put(tar, configName, config);
      for (byte[] t : tars) {
        String name = sha256(t).substring(7) + "/layer.tar";
        layerNames.add("\"" + name + "\"");
        put(tar, name, t);
      }
      String manifest =
          "[{\"Config\":\""
              + configName
              + "\",\"RepoTags\":[\""
              + repoTag
              + "\"],\"Layers\":["
              + String.join(",", layerNames)
              + "]}]";
      put(tar, "manifest.json", manifest.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static void put(TarArchiveOutputStream tar, String name, byte[] content)
      throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name);
    e.setSize(content.length);
    tar.putArchiveEntry(e);
    tar.write(content);
    tar.closeArchiveEntry();
  }
}

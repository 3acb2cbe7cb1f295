package dev.kordon.image.source;

import dev.kordon.image.layer.ImageReadException;
import dev.kordon.image.layer.LayerBlob;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** OCI and Docker v2 manifests and indexes (manifest lists). */
public final class Manifests {
  private Manifests() {}

  static final JsonMapper JSON = JsonMapper.builder().build();

  public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  public static final String DOCKER_LIST =
      "application/vnd.docker.distribution.manifest.list.v2+json";
  public static final String DOCKER_MANIFEST =
      "application/vnd.docker.distribution.manifest.v2+json";

  static final int MAX_MANIFEST = 4 << 20;

  /** A descriptor: what a manifest or index points at. */
  public record Descriptor(String mediaType, String digest, long size, JsonNode node) {}

  public static JsonNode parse(String image, byte[] bytes) throws ImageReadException {
    try {
      return JSON.readTree(bytes);
    } catch (JacksonException e) {
      throw new ImageReadException(image, "", "manifest is not JSON: " + e.getOriginalMessage());
    }
  }

  public static boolean isIndex(JsonNode n, String mediaType) {
    String mt = n.path("mediaType").asString(mediaType == null ? "" : mediaType);
    return mt.equals(OCI_INDEX) || mt.equals(DOCKER_LIST) || (mt.isEmpty() && n.has("manifests"));
  }

  /** The manifest of an index for a platform. */
  public static Descriptor choose(String image, JsonNode index, Platform platform)
      throws ImageReadException {
    List<String> seen = new ArrayList<>();
    for (JsonNode m : index.path("manifests")) {
      JsonNode p = m.path("platform");
      String os = p.path("os").asString("");
      String arch = p.path("architecture").asString("");
      seen.add(os + "/" + arch);
      if (platform.matches(os, arch, p.path("variant").asString(""))) {
        return descriptor(m);
      }
    }
    // an index without platforms (a single-image OCI layout) has one manifest to take
    if (index.path("manifests").size() == 1 && seen.get(0).equals("/")) {
      return descriptor(index.path("manifests").get(0));
    }
    throw new ImageReadException(
        image, "", "no manifest for platform " + platform + " (the index has " + seen + ")");
  }

  public static Descriptor descriptor(JsonNode m) {
    return new Descriptor(
        m.path("mediaType").asString(""),
        m.path("digest").asString(""),
        m.path("size").asLong(-1),
        m);
  }

  /** The layers of an image manifest, bottom first. */
  public static List<LayerBlob> layers(String image, JsonNode manifest) throws ImageReadException {
    List<LayerBlob> out = new ArrayList<>();
    for (JsonNode l : manifest.path("layers")) {
      String digest = l.path("digest").asString("");
      if (!digest.matches("sha256:[0-9a-f]{64}")) {
        throw new ImageReadException(
            image, "", "layer descriptor without a sha256 digest: " + digest);
      }
      out.add(new LayerBlob(digest, l.path("size").asLong(-1), false));
    }
    if (!manifest.has("layers")) {
      throw new ImageReadException(image, "", "manifest lists no layers");
    }
    return out;
  }

  /** The config descriptor of a manifest. */
  public static Optional<Descriptor> config(JsonNode manifest) {
    JsonNode c = manifest.path("config");
    return c.isObject() ? Optional.of(descriptor(c)) : Optional.empty();
  }

  public static String sha256(byte[] bytes) {
    try {
      return "sha256:"
          + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Refuses bytes whose digest is not the one asked for. */
  public static void verify(String image, String what, String expected, byte[] bytes)
      throws ImageReadException {
    String actual = sha256(bytes);
    if (!expected.equals(actual)) {
      throw new ImageReadException(
          image,
          "",
          what + " digest mismatch: expected " + expected + ", content hashes to " + actual);
    }
  }
}

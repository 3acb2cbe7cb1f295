package dev.kordon.image.source;

import dev.kordon.image.layer.ImageReadException;
import dev.kordon.image.layer.LayerBlob;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * An OCI image layout (image-spec v1.1): {@code oci-layout}, {@code index.json}, {@code
 * blobs/sha256/HEX}. {@code oci:DIR} takes the only image (or the one for the platform); {@code
 * oci:DIR:NAME} the one whose {@code org.opencontainers.image.ref.name} is NAME.
 */
public final class OciLayout implements BlobStore {

  static final String REF_NAME = "org.opencontainers.image.ref.name";

  private final Path dir;
  private final String name;

  public OciLayout(Path dir, String name) {
    this.dir = dir;
    this.name = name;
  }

  /** Splits {@code DIR[:NAME]}; a directory whose own name holds a colon is taken whole. */
  public static OciLayout of(String spec) {
    Path whole = Path.of(spec);
    int colon = spec.lastIndexOf(':');
    if (Files.isDirectory(whole) || colon <= 0) {
      return new OciLayout(whole, "");
    }
    return new OciLayout(Path.of(spec.substring(0, colon)), spec.substring(colon + 1));
  }

  public Path dir() {
    return dir;
  }

  String label() {
    return "oci:" + dir + (name.isEmpty() ? "" : ":" + name);
  }

  public ResolvedImage resolve(Platform platform) throws IOException {
    return resolve(platform, name);
  }

  /** The image tagged {@code ref} (or the only one when ref is empty). */
  public ResolvedImage resolve(Platform platform, String ref) throws IOException {
    String image = label();
    if (!Files.isRegularFile(dir.resolve("oci-layout"))) {
      throw new ImageReadException(image, "", "not an OCI image layout (no oci-layout file)");
    }
    JsonNode index = Manifests.parse(image, read(dir.resolve("index.json"), image));
    List<JsonNode> candidates = new ArrayList<>();
    for (JsonNode m : index.path("manifests")) {
      String refName = m.path("annotations").path(REF_NAME).asString("");
      boolean signature = refName.endsWith(".sig") || refName.endsWith(".att");
      if (ref.isEmpty() ? !signature : refName.equals(ref)) {
        candidates.add(m);
      }
    }
    if (candidates.isEmpty()) {
      throw new ImageReadException(
          image, "", ref.isEmpty() ? "index.json lists no image" : "no image named " + ref);
    }
    Manifests.Descriptor chosen;
    if (candidates.size() == 1) {
      chosen = Manifests.descriptor(candidates.get(0));
    } else {
      var array = Manifests.JSON.createArrayNode();
      candidates.forEach(array::add);
      var wrapper = Manifests.JSON.createObjectNode();
      wrapper.set("manifests", array);
      chosen = Manifests.choose(image, wrapper, platform);
    }
    return ImageResolution.resolve(image, this, chosen, platform);
  }

  /** The digest this layout's name resolves to before any platform choice (what cosign signs). */
  public String topDigest(String image) throws IOException {
    JsonNode index = Manifests.parse(image, read(dir.resolve("index.json"), image));
    List<String> found = new ArrayList<>();
    for (JsonNode m : index.path("manifests")) {
      String refName = m.path("annotations").path(REF_NAME).asString("");
      if (name.isEmpty() ? !refName.endsWith(".sig") : refName.equals(name)) {
        found.add(m.path("digest").asString(""));
      }
    }
    if (found.size() != 1) {
      throw new ImageReadException(
          image,
          "",
          found.isEmpty() ? "no image named " + name : "several images: name one as oci:DIR:NAME");
    }
    return found.get(0);
  }

  /** The tags of the layout (index.json's ref names). */
  public Optional<Manifests.Descriptor> tagged(String ref) throws IOException {
    JsonNode index = Manifests.parse(label(), read(dir.resolve("index.json"), label()));
    for (JsonNode m : index.path("manifests")) {
      if (m.path("annotations").path(REF_NAME).asString("").equals(ref)) {
        return Optional.of(Manifests.descriptor(m));
      }
    }
    return Optional.empty();
  }

  @Override
  public byte[] small(String image, String digest, long maxBytes) throws IOException {
    Path p = blob(image, digest);
    if (Files.size(p) > maxBytes) {
      throw new ImageReadException(image, "", digest + " is larger than " + maxBytes + " bytes");
    }
    byte[] bytes = Files.readAllBytes(p);
    Manifests.verify(image, "blob", digest, bytes);
    return bytes;
  }

  @Override
  public InputStream open(String image, LayerBlob layer) throws IOException {
    return Files.newInputStream(blob(image, layer.digest()));
  }

  private Path blob(String image, String digest) throws ImageReadException {
    if (!digest.matches("sha256:[0-9a-f]{64}")) {
      throw new ImageReadException(image, "", "not a sha256 digest: " + digest);
    }
    Path p = dir.resolve("blobs").resolve("sha256").resolve(digest.substring(7));
    if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
      throw new ImageReadException(image, digest, "blob missing from the layout");
    }
    return p;
  }

  private static byte[] read(Path p, String image) throws IOException {
    if (!Files.isRegularFile(p)) {
      throw new ImageReadException(image, "", p.getFileName() + " is missing");
    }
    if (Files.size(p) > Manifests.MAX_MANIFEST) {
      throw new ImageReadException(image, "", p.getFileName() + " is too large");
    }
    return Files.readAllBytes(p);
  }
}

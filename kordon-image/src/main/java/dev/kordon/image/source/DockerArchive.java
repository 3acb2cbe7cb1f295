package dev.kordon.image.source;

import dev.kordon.image.layer.ImageReadException;
import dev.kordon.image.layer.LayerBlob;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;
import tools.jackson.databind.JsonNode;

/**
 * The {@code docker save} format: a tar with {@code manifest.json} naming the config and the layer
 * tars. Layers are read in place (random access into the tar), each checked against the config's
 * {@code rootfs.diff_ids}; the image's digest is its config digest (the image id).
 */
public final class DockerArchive implements ResolvedImage {

  private final String image;
  private final TarFile tar;
  private final Map<String, TarArchiveEntry> byName = new HashMap<>();
  private final String digest;
  private final List<LayerBlob> layers;

  private DockerArchive(String image, TarFile tar, String digest, List<LayerBlob> layers) {
    this.image = image;
    this.tar = tar;
    this.digest = digest;
    this.layers = layers;
  }

  public static DockerArchive open(Path file) throws IOException {
    String image = "docker-archive:" + file;
    if (!Files.isRegularFile(file)) {
      throw new ImageReadException(image, "", "no such file");
    }
    TarFile tar;
    try {
      tar = new TarFile(file);
    } catch (IOException | RuntimeException e) {
      throw new ImageReadException(image, "", "not a tar archive: " + e.getMessage(), e);
    }
    try {
      Map<String, TarArchiveEntry> entries = new HashMap<>();
      for (TarArchiveEntry e : tar.getEntries()) {
        entries.put(e.getName().replaceFirst("^\\./", ""), e);
      }
      JsonNode manifest = Manifests.parse(image, read(tar, entries, image, "manifest.json"));
      if (!manifest.isArray() || manifest.isEmpty()) {
        throw new ImageReadException(image, "", "manifest.json lists no image");
      }
      if (manifest.size() > 1) {
        throw new ImageReadException(
            image, "", "the archive holds " + manifest.size() + " images; save one at a time");
      }
      JsonNode m = manifest.get(0);
      String configName = m.path("Config").asString("");
      byte[] config = read(tar, entries, image, configName);
      String digest = Manifests.sha256(config);
      String hex = configName.replaceFirst("^blobs/sha256/", "").replaceFirst("\\.json$", "");
      if (hex.matches("[0-9a-f]{64}") && !digest.equals("sha256:" + hex)) {
        throw new ImageReadException(
            image, "", "config " + configName + " digest mismatch: " + digest);
      }
      JsonNode diffIds = Manifests.parse(image, config).path("rootfs").path("diff_ids");
      JsonNode layerNames = m.path("Layers");
      if (layerNames.size() != diffIds.size()) {
        throw new ImageReadException(
            image,
            "",
            layerNames.size() + " layers but " + diffIds.size() + " diff ids in the config");
      }
      List<LayerBlob> layers = new ArrayList<>();
      DockerArchive archive = new DockerArchive(image, tar, digest, layers);
      for (int i = 0; i < layerNames.size(); i++) {
        String name = layerNames.get(i).asString("");
        String diffId = diffIds.get(i).asString("");
        TarArchiveEntry e = entries.get(name);
        if (e == null) {
          throw new ImageReadException(image, diffId, name + " is missing from the archive");
        }
        LayerBlob blob = new LayerBlob(diffId, -1, true);
        layers.add(blob);
        archive.byName.put(diffId, e);
      }
      return archive;
    } catch (IOException | RuntimeException e) {
      tar.close();
      throw e instanceof ImageReadException ie
          ? ie
          : new ImageReadException(image, "", String.valueOf(e.getMessage()), e);
    }
  }

  private static byte[] read(
      TarFile tar, Map<String, TarArchiveEntry> entries, String image, String name)
      throws IOException {
    TarArchiveEntry e = entries.get(name);
    if (e == null) {
      throw new ImageReadException(
          image, "", name.isEmpty() ? "manifest names no config" : name + " is missing");
    }
    if (e.getSize() > Manifests.MAX_MANIFEST) {
      throw new ImageReadException(image, "", name + " is too large");
    }
    try (InputStream in = tar.getInputStream(e)) {
      return in.readAllBytes();
    }
  }

  @Override
  public String name() {
    return image;
  }

  @Override
  public String digest() {
    return digest;
  }

  @Override
  public List<LayerBlob> layers() {
    return List.copyOf(layers);
  }

  @Override
  public InputStream open(LayerBlob layer) throws IOException {
    TarArchiveEntry e = byName.get(layer.digest());
    return tar.getInputStream(e);
  }

  @Override
  public void close() throws IOException {
    tar.close();
  }
}

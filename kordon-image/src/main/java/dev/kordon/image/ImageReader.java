package dev.kordon.image;

import dev.kordon.image.inventory.ImageInventory;
import dev.kordon.image.inventory.Inventories;
import dev.kordon.image.layer.ImageLimits;
import dev.kordon.image.layer.ImageReadException;
import dev.kordon.image.layer.LayerApplier;
import dev.kordon.image.layer.LayerBlob;
import dev.kordon.image.report.SbomReader;
import dev.kordon.image.sign.CosignVerifier;
import dev.kordon.image.sign.ImageSignatureVerifier;
import dev.kordon.image.sign.SignatureResult;
import dev.kordon.image.source.DockerArchive;
import dev.kordon.image.source.DockerConfig;
import dev.kordon.image.source.ImageRef;
import dev.kordon.image.source.Manifests;
import dev.kordon.image.source.OciLayout;
import dev.kordon.image.source.Platform;
import dev.kordon.image.source.RegistryClient;
import dev.kordon.image.source.ResolvedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads an image named as the CLI names it ({@code oci:DIR}, {@code docker-archive:FILE}, {@code
 * sbom:FILE} or a registry reference) into its inventory, one layer at a time.
 */
public final class ImageReader {

  private final RegistryClient registry;
  private final Platform platform;
  private final ImageLimits limits;

  public ImageReader(
      DockerConfig credentials, Platform platform, boolean plainHttp, ImageLimits limits) {
    this.registry = new RegistryClient(credentials, plainHttp);
    this.platform = platform;
    this.limits = limits;
  }

  public RegistryClient registry() {
    return registry;
  }

  public ImageInventory read(String spec) throws IOException {
    if (spec.startsWith("sbom:")) {
      return SbomReader.read(Path.of(spec.substring(5)));
    }
    try (ResolvedImage image = resolve(spec)) {
      return inventory(image);
    }
  }

  public ResolvedImage resolve(String spec) throws IOException {
    if (spec.startsWith("oci:")) {
      return OciLayout.of(spec.substring(4)).resolve(platform);
    }
    if (spec.startsWith("docker-archive:")) {
      return DockerArchive.open(Path.of(spec.substring("docker-archive:".length())));
    }
    ImageRef ref;
    try {
      ref = ImageRef.parse(spec.startsWith("docker://") ? spec.substring(9) : spec);
    } catch (IllegalArgumentException e) {
      throw new ImageReadException(spec, "", e.getMessage());
    }
    return registry.resolve(ref, platform);
  }

  /**
   * Checks an image's cosign signatures. The digest is the one its reference resolves to (for a
   * multi-platform image, the index), as cosign signs it.
   */
  public SignatureResult verify(String spec, ImageSignatureVerifier verifier) throws IOException {
    if (spec.startsWith("oci:")) {
      OciLayout layout = OciLayout.of(spec.substring(4));
      String digest = layout.topDigest(spec);
      Optional<byte[]> sig = Optional.empty();
      Optional<Manifests.Descriptor> tagged = layout.tagged(CosignVerifier.signatureTag(digest));
      if (tagged.isPresent()) {
        sig = Optional.of(layout.small(spec, tagged.get().digest(), 4 << 20));
      }
      return verifier.verify(spec, digest, sig, layout);
    }
    if (spec.startsWith("docker-archive:") || spec.startsWith("sbom:")) {
      throw new ImageReadException(
          spec, "", "only registry images and OCI layouts carry signatures");
    }
    ImageRef ref;
    try {
      ref = ImageRef.parse(spec.startsWith("docker://") ? spec.substring(9) : spec);
    } catch (IllegalArgumentException e) {
      throw new ImageReadException(spec, "", e.getMessage());
    }
    RegistryClient.Fetched top =
        registry
            .manifest(ref, ref.reference())
            .orElseThrow(
                () -> new ImageReadException(spec, "", "manifest unknown to the registry"));
    Optional<byte[]> sig =
        registry
            .manifest(ref, CosignVerifier.signatureTag(top.digest()))
            .map(RegistryClient.Fetched::bytes);
    return verifier.verify(spec, top.digest(), sig, registry.store(ref));
  }

  public ImageInventory inventory(ResolvedImage image) throws IOException {
    LayerApplier applier = new LayerApplier(image.name(), limits);
    List<String> layers = new ArrayList<>();
    for (LayerBlob layer : image.layers()) {
      try (InputStream in = image.open(layer)) {
        applier.apply(layer, in);
      }
      layers.add(layer.digest());
    }
    return Inventories.of(image.name(), image.digest(), layers, applier.tree());
  }
}

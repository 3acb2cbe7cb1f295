package dev.kordon.image.inventory;

import java.util.List;

/**
 * What an image holds.
 *
 * @param image the reference as the user gave it
 * @param digest the manifest digest ({@code sha256:...}), empty when the input has none (an SBOM)
 * @param layers layer digests, bottom first
 */
public record ImageInventory(
    String image, String digest, OsRelease os, List<String> layers, List<Package> packages) {
  public ImageInventory {
    layers = List.copyOf(layers);
    packages = List.copyOf(packages);
  }
}

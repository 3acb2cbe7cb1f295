package dev.kordon.image.layer;

/**
 * Caps against hostile images (tar bombs, millions of files, huge package databases).
 *
 * @param maxEntries tar entries over all layers of one image
 * @param maxLayerBytes uncompressed bytes of one layer
 * @param maxDatabaseBytes one package database or manifest file kept for the inventory
 * @param maxArchiveBytes one Java archive read for its pom.properties
 * @param maxLinks symbolic links remembered to resolve paths inside the image
 */
public record ImageLimits(
    long maxEntries,
    long maxLayerBytes,
    long maxDatabaseBytes,
    long maxArchiveBytes,
    int maxLinks) {

  public static final ImageLimits DEFAULT =
      new ImageLimits(2_000_000, 16L << 30, 32L << 20, 512L << 20, 500_000);
}

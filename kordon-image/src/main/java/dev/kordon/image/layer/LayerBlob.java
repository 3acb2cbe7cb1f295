package dev.kordon.image.layer;

/**
 * One layer as the image describes it.
 *
 * @param digest {@code sha256:...} the bytes must hash to
 * @param size expected size of the blob in bytes, or -1 when the format does not say
 * @param digestOfUncompressed whether {@code digest} is over the uncompressed tar (a docker-save
 *     diff id) rather than over the blob as stored
 */
public record LayerBlob(String digest, long size, boolean digestOfUncompressed) {}

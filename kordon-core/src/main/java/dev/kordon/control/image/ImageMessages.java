package dev.kordon.control.image;

/** Wording shared by the controls that judge images read with {@code --images}. */
final class ImageMessages {
  private ImageMessages() {}

  /** {@code sha256:0123456789ab}: enough to tell digests apart in a message. */
  static String shortDigest(String digest) {
    return digest.startsWith("sha256:") && digest.length() > 19 ? digest.substring(0, 19) : digest;
  }
}

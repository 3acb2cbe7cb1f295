package dev.kordon.rules;

import java.util.regex.Pattern;

/**
 * Whether an image reference means the {@code latest} tag, as the API server decides a container's
 * default {@code imagePullPolicy} (pkg/util/parsers ParseImageName): an explicit {@code :latest}
 * tag, or neither tag nor digest. A reference that does not parse has no tag.
 */
final class ImageTag {
  private ImageTag() {}

  // the distribution reference grammar:
  // [domain[:port]/]path-component(/path-component)*[:tag][@digest]
  private static final Pattern REFERENCE =
      Pattern.compile(
          "(?:(?<domain>(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])"
              + "(?:\\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*(?::[0-9]+)?|\\[[0-9a-fA-F:]+\\](?::[0-9]+)?)/)?"
              + "[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*)*"
              + "(?::(?<tag>[\\w][\\w.-]{0,127}))?"
              + "(?:@(?<digest>[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}))?");

  static boolean isLatest(String image) {
    var m = REFERENCE.matcher(image);
    if (image.isEmpty() || !m.matches()) {
      return false;
    }
    String tag = m.group("tag");
    return tag == null ? m.group("digest") == null : tag.equals("latest");
  }
}

package dev.kordon.image.version;

/** The order of versions in one ecosystem. Throws {@link IllegalArgumentException} on garbage. */
@FunctionalInterface
public interface VersionOrder {
  int compare(String a, String b);
}

package dev.kordon.image.source;

/** {@code os/architecture[/variant]}, as {@code --platform} and OCI indexes write it. */
public record Platform(String os, String architecture, String variant) {

  public static final Platform DEFAULT = new Platform("linux", "amd64", "");

  public static Platform parse(String s) {
    String[] parts = s.split("/");
    if (parts.length < 2 || parts.length > 3 || parts[0].isBlank() || parts[1].isBlank()) {
      throw new IllegalArgumentException("platform must look like linux/amd64: " + s);
    }
    return new Platform(parts[0], parts[1], parts.length == 3 ? parts[2] : "");
  }

  boolean matches(String os2, String arch2, String variant2) {
    return os.equals(os2)
        && architecture.equals(arch2)
        && (variant.isEmpty() || variant.equals(variant2));
  }

  @Override
  public String toString() {
    return os + "/" + architecture + (variant.isEmpty() ? "" : "/" + variant);
  }
}

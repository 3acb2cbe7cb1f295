package dev.kordon.image.inventory;

/**
 * One installed package.
 *
 * @param ecosystem the exact OSV ecosystem ({@code Debian:12}, {@code Alpine:v3.20}, {@code Maven})
 * @param source the source package an OS package was built from (Debian {@code Source:}, Alpine
 *     origin), the name advisories use; equal to {@code name} when the database names none
 * @param sourceVersion the source package's version (Debian allows it to differ)
 * @param layer digest of the layer the package came from
 * @param path the file inside the image that recorded it
 */
public record Package(
    String name,
    String version,
    String ecosystem,
    String purl,
    String layer,
    String source,
    String sourceVersion,
    String path) {

  public Package withLayer(String newLayer) {
    return new Package(name, version, ecosystem, purl, newLayer, source, sourceVersion, path);
  }

  public Package withEcosystem(String newEcosystem, String newPurl) {
    return new Package(name, version, newEcosystem, newPurl, layer, source, sourceVersion, path);
  }
}

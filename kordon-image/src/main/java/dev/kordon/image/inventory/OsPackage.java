package dev.kordon.image.inventory;

/**
 * An OS package as its database records it, before the OS release is known.
 *
 * @param source the source package (the binary's own name when the database names none)
 */
public record OsPackage(
    String name, String version, String arch, String source, String sourceVersion) {}

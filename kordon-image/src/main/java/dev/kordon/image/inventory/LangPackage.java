package dev.kordon.image.inventory;

import dev.kordon.image.version.Ecosystem;

/** A language package found in a file of the image (a jar, a package.json, a METADATA). */
public record LangPackage(Ecosystem ecosystem, String name, String version, String path) {}

package dev.kordon.report;

import dev.kordon.model.ObjectRef;

/** An object that was scanned, with where it came from (a file, or the cluster). */
public record Resource(ObjectRef ref, String origin) {}

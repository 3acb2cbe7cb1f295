package dev.kordon.pss;

import dev.kordon.model.JsonPointer;

/**
 * One field of a pod spec that breaks a check.
 *
 * @param detail who sets what, and what is allowed instead, in Kordon's words
 * @param path the JSON pointer of the field inside the object (possibly absent from the object when
 *     the breach is that a required field is missing)
 */
public record OffendingField(String detail, JsonPointer path) {}

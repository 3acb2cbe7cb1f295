package dev.kordon.report;

import java.util.Map;

/**
 * Section data whose fields the JSON report also writes at its top level, for a command whose
 * documented JSON shape has its own top-level keys ({@code image scan}'s {@code images}).
 */
public interface RootFields {
  Map<String, Object> rootFields();
}

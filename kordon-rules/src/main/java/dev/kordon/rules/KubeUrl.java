package dev.kordon.rules;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A URL as Kubernetes' {@code url()} parses it (Go's {@code url.ParseRequestURI}): an absolute URI
 * or an absolute path. Never resolved, never fetched.
 */
record KubeUrl(URI uri) {

  static KubeUrl parse(String text) {
    try {
      URI uri = new URI(text);
      boolean absolutePath = uri.getScheme() == null && text.startsWith("/");
      if (!uri.isAbsolute() && !absolutePath) {
        throw new IllegalArgumentException("URL parse error during conversion from string");
      }
      return new KubeUrl(uri);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("URL parse error during conversion from string");
    }
  }

  static boolean isValid(String text) {
    try {
      parse(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  String scheme() {
    return uri.getScheme() == null ? "" : uri.getScheme();
  }

  /** Host and port as written, IPv6 literals in brackets: {@code [::1]:80}. */
  String host() {
    String authority = uri.getRawAuthority();
    if (authority == null) {
      return "";
    }
    int at = authority.lastIndexOf('@');
    return at >= 0 ? authority.substring(at + 1) : authority;
  }

  /** The host without port and without IPv6 brackets. */
  String hostname() {
    String host = host();
    if (host.startsWith("[")) {
      int end = host.indexOf(']');
      return end > 0 ? host.substring(1, end) : host;
    }
    int colon = host.lastIndexOf(':');
    return colon >= 0 ? host.substring(0, colon) : host;
  }

  String port() {
    String host = host();
    int bracket = host.lastIndexOf(']');
    int colon = host.lastIndexOf(':');
    return colon > bracket ? host.substring(colon + 1) : "";
  }

  String escapedPath() {
    return uri.getRawPath() == null ? "" : uri.getRawPath();
  }

  /** The query parameters, each with all its values in order. */
  Map<String, List<String>> query() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    String raw = uri.getRawQuery();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = decode(eq >= 0 ? pair.substring(0, eq) : pair);
      String value = eq >= 0 ? decode(pair.substring(eq + 1)) : "";
      out.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }
    return out;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return uri.toString();
  }
}

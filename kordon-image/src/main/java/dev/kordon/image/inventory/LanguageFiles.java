package dev.kordon.image.inventory;

import dev.kordon.image.version.Ecosystem;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** npm and Python package files: which paths are read, and how. */
public final class LanguageFiles {
  private LanguageFiles() {}

  private static final JsonMapper JSON = JsonMapper.builder().build();

  public static boolean isNpmManifest(String path) {
    int nm = path.lastIndexOf("node_modules/");
    if (nm < 0 || !path.endsWith("/package.json")) {
      return false;
    }
    String rest =
        path.substring(nm + "node_modules/".length(), path.length() - "/package.json".length());
    return rest.startsWith("@")
        ? rest.chars().filter(c -> c == '/').count() == 1
        : !rest.contains("/");
  }

  public static boolean isNpmLock(String path) {
    return (path.equals("package-lock.json") || path.endsWith("/package-lock.json"))
        && !path.contains("node_modules/");
  }

  public static boolean isPythonMetadata(String path) {
    return path.endsWith("/METADATA")
        && path.substring(0, path.length() - 9).endsWith(".dist-info");
  }

  public static List<LangPackage> npmManifest(InputStream in, String path) throws IOException {
    JsonNode n = parse(in, path);
    String name = n.path("name").asString("");
    String version = n.path("version").asString("");
    if (name.isEmpty() || version.isEmpty()) {
      return List.of();
    }
    return List.of(new LangPackage(Ecosystem.NPM, name, version, path));
  }

  /** package-lock.json v2/v3 ({@code packages}) or v1 ({@code dependencies}, nested). */
  public static List<LangPackage> npmLock(InputStream in, String path) throws IOException {
    JsonNode n = parse(in, path);
    List<LangPackage> out = new ArrayList<>();
    JsonNode packages = n.path("packages");
    if (packages.isObject()) {
      for (Map.Entry<String, JsonNode> e : packages.properties()) {
        String key = e.getKey();
        int nm = key.lastIndexOf("node_modules/");
        if (nm < 0 || e.getValue().path("link").asBoolean(false)) {
          continue;
        }
        String name = e.getValue().path("name").asString(key.substring(nm + 13));
        String version = e.getValue().path("version").asString("");
        if (!version.isEmpty()) {
          out.add(new LangPackage(Ecosystem.NPM, name, version, path));
        }
      }
      return out;
    }
    v1(n.path("dependencies"), path, out, 0);
    return out;
  }

  private static void v1(JsonNode deps, String path, List<LangPackage> out, int depth) {
    if (!deps.isObject() || depth > 64) {
      return;
    }
    for (Map.Entry<String, JsonNode> e : deps.properties()) {
      String version = e.getValue().path("version").asString("");
      if (!version.isEmpty() && !version.contains(":")) {
        out.add(new LangPackage(Ecosystem.NPM, e.getKey(), version, path));
      }
      v1(e.getValue().path("dependencies"), path, out, depth + 1);
    }
  }

  /** The {@code Name:} and {@code Version:} headers of a wheel's METADATA. */
  public static List<LangPackage> pythonMetadata(InputStream in, String path) throws IOException {
    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    String name = null;
    String version = null;
    String line;
    while ((line = r.readLine()) != null && !line.isEmpty()) {
      if (line.startsWith("Name:")) {
        name = line.substring(5).strip();
      } else if (line.startsWith("Version:")) {
        version = line.substring(8).strip();
      }
    }
    if (name == null || version == null || name.isEmpty() || version.isEmpty()) {
      return List.of();
    }
    return List.of(new LangPackage(Ecosystem.PYPI, name, version, path));
  }

  private static JsonNode parse(InputStream in, String path) throws IOException {
    try {
      return JSON.readTree(in);
    } catch (JacksonException e) {
      throw new IOException(path + ": not JSON: " + e.getOriginalMessage(), e);
    }
  }
}

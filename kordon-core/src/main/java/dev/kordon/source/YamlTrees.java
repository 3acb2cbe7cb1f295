package dev.kordon.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Reads Kordon's own YAML files (exceptions, frameworks, policies, rules) with the same hostile-
 * input limits as manifests. Errors carry the file and line.
 */
public final class YamlTrees {

  /** A config file that could not be read; the message names file and line. */
  public static final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
      super(message);
    }
  }

  private YamlTrees() {}

  /** All documents of a text, skipping empty ones. */
  public static List<JsonNode> parseAll(String name, String text) {
    YamlDocuments.Result result = new YamlDocuments(ReaderLimits.DEFAULT).read(text, name);
    List<JsonNode> out = new ArrayList<>();
    for (YamlDocuments.Document d : result.documents()) {
      for (YamlDocuments.Problem p : d.problems()) {
        if (p.fatal()) {
          throw new ConfigException(name + ":" + p.line() + ": " + p.message());
        }
      }
      if (d.root() != null && !d.root().isNull()) {
        out.add(d.root());
      }
    }
    for (YamlDocuments.SyntaxError e : result.syntaxErrors()) {
      throw new ConfigException(name + ":" + e.problem().line() + ": " + e.problem().message());
    }
    return out;
  }

  /** A document with the line and column of each of its fields. */
  public record Located(JsonNode root, dev.kordon.model.PositionIndex positions) {

    /** {@code name:LINE} of the field, or of its deepest existing ancestor; {@code name} alone. */
    public String where(String name, dev.kordon.model.JsonPointer field) {
      return positions.find(field).map(lc -> name + ":" + lc[0]).orElse(name);
    }
  }

  /** The single document of a text with its positions; an empty text is an error. */
  public static Located parseLocated(String name, String text) {
    YamlDocuments.Result result = new YamlDocuments(ReaderLimits.DEFAULT).read(text, name);
    for (YamlDocuments.SyntaxError e : result.syntaxErrors()) {
      throw new ConfigException(name + ":" + e.problem().line() + ": " + e.problem().message());
    }
    for (YamlDocuments.Document d : result.documents()) {
      for (YamlDocuments.Problem p : d.problems()) {
        if (p.fatal()) {
          throw new ConfigException(name + ":" + p.line() + ": " + p.message());
        }
      }
      if (d.root() != null && !d.root().isNull()) {
        return new Located(d.root(), d.positions());
      }
    }
    throw new ConfigException(name + ": empty file");
  }

  public static Located parseLocated(Path file) {
    return parseLocated(file.toString(), readText(file));
  }

  /** The single document of a text; an empty text is an error. */
  public static JsonNode parse(String name, String text) {
    List<JsonNode> docs = parseAll(name, text);
    if (docs.isEmpty()) {
      throw new ConfigException(name + ": empty file");
    }
    return docs.get(0);
  }

  public static JsonNode parse(Path file) {
    return parse(file.toString(), readText(file));
  }

  public static List<JsonNode> parseAll(Path file) {
    return parseAll(file.toString(), readText(file));
  }

  private static String readText(Path file) {
    try {
      if (Files.size(file) > ReaderLimits.DEFAULT.maxFileBytes()) {
        throw new ConfigException(file + ": file too large");
      }
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read: " + e.getMessage());
    }
  }

  /** Reads a resource bundled with Kordon. */
  public static JsonNode resource(Class<?> anchor, String path) {
    try (var in = anchor.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing bundled resource " + path);
      }
      return parse(path, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read bundled resource " + path, e);
    }
  }
}

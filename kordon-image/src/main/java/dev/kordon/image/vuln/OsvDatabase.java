package dev.kordon.image.vuln;

import dev.kordon.image.version.Ecosystem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A folder of OSV records: {@code *.json} files (one vulnerability each, any subfolder) and the
 * per-ecosystem {@code *.zip} archives OSV publishes (what {@code kordon db update} stores).
 * Withdrawn records are ignored; only the ecosystems Kordon reads are kept in memory. Never touches
 * the network.
 */
public final class OsvDatabase {

  static final long MAX_RECORD = 16L << 20;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** ecosystem → package name (normalised) → affected entries with their record. */
  private final Map<String, Map<String, List<Hit>>> index;

  private final int records;
  private final String newestModified;
  private final List<String> problems;

  /** One affected entry with the record it belongs to. */
  public record Hit(OsvVulnerability vulnerability, OsvVulnerability.Affected affected) {}

  private OsvDatabase(
      Map<String, Map<String, List<Hit>>> index,
      int records,
      String newest,
      List<String> problems) {
    this.index = index;
    this.records = records;
    this.newestModified = newest;
    this.problems = List.copyOf(problems);
  }

  public static final OsvDatabase EMPTY = new OsvDatabase(Map.of(), 0, "", List.of());

  public int records() {
    return records;
  }

  /** The newest {@code modified} time of any record: the date of the data. */
  public String dataDate() {
    return newestModified;
  }

  /** Records that could not be read (file and reason); the rest were loaded. */
  public List<String> problems() {
    return problems;
  }

  public List<Hit> lookup(String ecosystem, String name) {
    Map<String, List<Hit>> byName = index.get(ecosystem);
    if (byName == null) {
      return List.of();
    }
    return byName.getOrDefault(name, List.of());
  }

  public static OsvDatabase load(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IOException(dir + ": not a directory of OSV records");
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files =
          walk.filter(Files::isRegularFile)
              .filter(p -> p.toString().endsWith(".json") || p.toString().endsWith(".zip"))
              .filter(p -> !p.getFileName().toString().startsWith("."))
              .sorted()
              .toList();
    }
    List<OsvVulnerability> all = Collections.synchronizedList(new ArrayList<>());
    List<String> problems = Collections.synchronizedList(new ArrayList<>());
    files.parallelStream()
        .forEach(
            p -> {
              try {
                if (p.toString().endsWith(".zip")) {
                  readZip(p, all, problems);
                } else if (Files.size(p) <= MAX_RECORD) {
                  parse(Files.readAllBytes(p), dir.relativize(p).toString()).ifPresent(all::add);
                } else {
                  problems.add(dir.relativize(p) + ": larger than " + MAX_RECORD + " bytes");
                }
              } catch (IOException | JacksonException | IllegalArgumentException e) {
                problems.add(dir.relativize(p) + ": " + e.getMessage());
              }
            });
    Map<String, Map<String, List<Hit>>> index = new ConcurrentHashMap<>();
    String newest = "";
    for (OsvVulnerability v : all) {
      if (v.modified().compareTo(newest) > 0) {
        newest = v.modified();
      }
      for (OsvVulnerability.Affected a : v.affected()) {
        Optional<Ecosystem> e = Ecosystem.ofOsv(a.ecosystem());
        if (e.isEmpty()) {
          continue;
        }
        index
            .computeIfAbsent(a.ecosystem(), k -> new HashMap<>())
            .computeIfAbsent(e.get().normalizeName(a.name()), k -> new ArrayList<>())
            .add(new Hit(v, a));
      }
    }
    problems.sort(null);
    return new OsvDatabase(index, all.size(), newest, problems);
  }

  private static void readZip(Path zip, List<OsvVulnerability> out, List<String> problems)
      throws IOException {
    // entries are read in order (a zip stream is sequential) and parsed in parallel batches
    List<byte[]> batch = new ArrayList<>();
    List<String> names = new ArrayList<>();
    try (InputStream raw = Files.newInputStream(zip);
        ZipInputStream in = new ZipInputStream(raw)) {
      ZipEntry e;
      while ((e = in.getNextEntry()) != null) {
        if (e.isDirectory() || !e.getName().endsWith(".json")) {
          continue;
        }
        byte[] bytes = in.readNBytes((int) MAX_RECORD + 1);
        String where = zip.getFileName() + "!" + e.getName();
        if (bytes.length > MAX_RECORD) {
          problems.add(where + ": larger than " + MAX_RECORD + " bytes");
          continue;
        }
        batch.add(bytes);
        names.add(where);
        if (batch.size() == 4096) {
          parseBatch(batch, names, out, problems);
          batch = new ArrayList<>();
          names = new ArrayList<>();
        }
      }
    }
    parseBatch(batch, names, out, problems);
  }

  private static void parseBatch(
      List<byte[]> batch, List<String> names, List<OsvVulnerability> out, List<String> problems) {
    java.util.stream.IntStream.range(0, batch.size())
        .parallel()
        .forEach(
            i -> {
              try {
                parse(batch.get(i), names.get(i)).ifPresent(out::add);
              } catch (JacksonException | IllegalArgumentException bad) {
                problems.add(names.get(i) + ": " + bad.getMessage());
              }
            });
  }

  /** One record, or empty when it is withdrawn or names no ecosystem Kordon reads. */
  static Optional<OsvVulnerability> parse(byte[] bytes, String where) {
    JsonNode n = JSON.readTree(bytes);
    String id = n.path("id").asString("");
    if (id.isEmpty()) {
      throw new IllegalArgumentException("record without an id");
    }
    if (!n.path("withdrawn").asString("").isEmpty()) {
      return Optional.empty();
    }
    List<String> aliases = new ArrayList<>();
    n.path("aliases").forEach(a -> aliases.add(a.asString("")));
    String recordSeverity = severity(n);
    List<OsvVulnerability.Affected> affected = new ArrayList<>();
    for (JsonNode a : n.path("affected")) {
      String ecosystem = a.path("package").path("ecosystem").asString("");
      String name = a.path("package").path("name").asString("");
      if (name.isEmpty() || Ecosystem.ofOsv(ecosystem).isEmpty()) {
        continue;
      }
      List<OsvVulnerability.Range> ranges = new ArrayList<>();
      for (JsonNode r : a.path("ranges")) {
        String type = r.path("type").asString("");
        if (!type.equals("ECOSYSTEM") && !type.equals("SEMVER")) {
          continue;
        }
        List<OsvVulnerability.Event> events = new ArrayList<>();
        for (JsonNode ev : r.path("events")) {
          for (String kind : List.of("introduced", "fixed", "last_affected", "limit")) {
            if (ev.has(kind)) {
              events.add(new OsvVulnerability.Event(kind, ev.path(kind).asString("")));
            }
          }
        }
        ranges.add(new OsvVulnerability.Range(type, events));
      }
      List<String> versions = new ArrayList<>();
      a.path("versions").forEach(v -> versions.add(v.asString("")));
      String own = a.path("ecosystem_specific").path("severity").asString("");
      if (own.isEmpty()) {
        own = a.path("database_specific").path("severity").asString("");
      }
      affected.add(
          new OsvVulnerability.Affected(
              ecosystem, name, ranges, versions, own.isEmpty() ? recordSeverity : word(own)));
    }
    if (affected.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new OsvVulnerability(
            id,
            aliases,
            n.path("summary").asString(""),
            n.path("modified").asString(""),
            recordSeverity,
            affected));
  }

  /** The record's severity: a CVSS v3 vector's score, else database_specific.severity. */
  private static String severity(JsonNode n) {
    double best = -1;
    for (JsonNode s : n.path("severity")) {
      String type = s.path("type").asString("");
      if (type.startsWith("CVSS_V3")) {
        var score = Cvss3.baseScore(s.path("score").asString(""));
        if (score.isPresent()) {
          best = Math.max(best, score.getAsDouble());
        }
      }
    }
    if (best >= 0) {
      return Cvss3.severity(best);
    }
    String declared = n.path("database_specific").path("severity").asString("");
    return declared.isEmpty() ? "unknown" : word(declared);
  }

  /** GHSA's MODERATE, Ubuntu's "negligible" and friends, as Kordon's words. */
  static String word(String s) {
    return switch (s.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "critical" -> "critical";
      case "high", "important" -> "high";
      case "moderate", "medium" -> "medium";
      case "low", "negligible", "unimportant" -> "low";
      default -> "unknown";
    };
  }
}

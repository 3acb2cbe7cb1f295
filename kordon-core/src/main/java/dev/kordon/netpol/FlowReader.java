package dev.kordon.netpol;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads observed connections: JSON lines (one object per line) or CSV (with or without a header). A
 * bad line is reported with its number and skipped; the others are still read.
 *
 * <p>JSON keys: source {@code src|source|from}, destination {@code dst|destination|to}, port {@code
 * port|dport|destinationPort}, protocol {@code protocol|proto} (TCP when absent). CSV columns in
 * that order, or named by a header with those words. Source and destination are {@code ns/pod} or
 * an IP address.
 */
public final class FlowReader {

  /** The flows read, and one message per line that could not be read. */
  public record Result(List<Flow> flows, List<String> problems) {
    public Result {
      flows = List.copyOf(flows);
      problems = List.copyOf(problems);
    }
  }

  private static final int MAX_LINE = 4096;
  private static final int MAX_PROBLEMS = 100;
  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  private static final Map<String, String> ALIASES = aliases();

  private static Map<String, String> aliases() {
    Map<String, String> m = new HashMap<>();
    for (String s : List.of("src", "source", "from")) {
      m.put(s, "src");
    }
    for (String s : List.of("dst", "destination", "to")) {
      m.put(s, "dst");
    }
    for (String s : List.of("port", "dport", "destinationport", "destination_port")) {
      m.put(s, "port");
    }
    for (String s : List.of("protocol", "proto")) {
      m.put(s, "protocol");
    }
    return Map.copyOf(m);
  }

  /** Reads a flow file's text; {@code name} is used in messages. */
  public Result read(String name, String text) {
    List<Flow> flows = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    String[] lines = text.split("\r\n|\r|\n");
    Map<String, Integer> csvColumns = null;
    int skipped = 0;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      int number = i + 1;
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      Optional<Flow> flow;
      String error;
      try {
        if (line.length() > MAX_LINE) {
          throw new IllegalArgumentException("line longer than " + MAX_LINE + " characters");
        }
        if (line.startsWith("{")) {
          flow = Optional.of(json(line, number));
        } else {
          List<String> cells = csv(line);
          if (csvColumns == null) {
            csvColumns = header(cells);
            if (!csvColumns.isEmpty()) {
              continue;
            }
          }
          flow = Optional.of(fromCells(cells, csvColumns, number));
        }
        error = null;
      } catch (IllegalArgumentException | JacksonException e) {
        flow = Optional.empty();
        error = e.getMessage();
      }
      if (flow.isPresent()) {
        flows.add(flow.get());
      } else if (problems.size() < MAX_PROBLEMS) {
        problems.add(name + ":" + number + ": " + firstLine(error));
      } else {
        skipped++;
      }
    }
    if (skipped > 0) {
      problems.add(name + ": " + skipped + " more unreadable lines");
    }
    return new Result(flows, problems);
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unreadable line";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  private static Flow json(String line, int number) {
    JsonNode node = MAPPER.readTree(line);
    if (!node.isObject()) {
      throw new IllegalArgumentException("expected a JSON object");
    }
    Map<String, String> fields = new HashMap<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      String key = ALIASES.get(e.getKey().toLowerCase(Locale.ROOT));
      if (key != null && e.getValue().isValueNode()) {
        fields.put(key, e.getValue().asString());
      }
    }
    return flow(fields, number);
  }

  /** Column positions named by a header line; empty when the line is data. */
  private static Map<String, Integer> header(List<String> cells) {
    Map<String, Integer> columns = new HashMap<>();
    for (int i = 0; i < cells.size(); i++) {
      String key = ALIASES.get(cells.get(i).trim().toLowerCase(Locale.ROOT));
      if (key != null) {
        columns.put(key, i);
      }
    }
    return columns.containsKey("src") && columns.containsKey("dst") ? columns : Map.of();
  }

  private static Flow fromCells(List<String> cells, Map<String, Integer> columns, int number) {
    Map<String, Integer> at =
        columns.isEmpty() ? Map.of("src", 0, "dst", 1, "port", 2, "protocol", 3) : columns;
    Map<String, String> fields = new HashMap<>();
    at.forEach(
        (key, index) -> {
          if (index < cells.size() && !cells.get(index).isBlank()) {
            fields.put(key, cells.get(index).trim());
          }
        });
    return flow(fields, number);
  }

  private static Flow flow(Map<String, String> fields, int number) {
    String src = fields.get("src");
    String dst = fields.get("dst");
    String port = fields.get("port");
    if (src == null || dst == null || port == null) {
      throw new IllegalArgumentException("needs a source, a destination and a port");
    }
    int p;
    try {
      p = Integer.parseInt(port);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("port is not a number");
    }
    if (p < 1 || p > 65535) {
      throw new IllegalArgumentException("port out of range 1-65535");
    }
    String proto = fields.getOrDefault("protocol", "TCP");
    Protocol protocol =
        Protocol.parseLenient(proto)
            .orElseThrow(() -> new IllegalArgumentException("unknown protocol (TCP, UDP, SCTP)"));
    return new Flow(src, dst, p, protocol, number);
  }

  /** Splits a CSV line; double quotes group a cell, a doubled quote is a quote. */
  private static List<String> csv(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cell.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        out.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    out.add(cell.toString());
    return out;
  }
}

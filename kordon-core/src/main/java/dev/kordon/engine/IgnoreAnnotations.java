package dev.kordon.engine;

import dev.kordon.model.JsonPointer;
import dev.kordon.model.KubeObject;
import dev.kordon.model.ObjectRef;
import dev.kordon.model.ScanError;
import dev.kordon.model.SourceLocation;
import dev.kordon.snapshot.PodSpecView;
import dev.kordon.snapshot.Snapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Suppressions written in the manifest itself: {@code kordon.dev/ignore: "KOR-0001,KOR-0017: node
 * agent, reviewed"} on an object excepts those controls on that object, with the reason shown as an
 * exceptions-file entry's would be. On a workload the annotation may sit on the workload's metadata
 * or on its pod template's metadata; either covers every finding of the workload, since the pods
 * the template makes are judged through the workload.
 *
 * <p>A value that does not parse, or an id no control has, is a note naming the file and line: a
 * suppression that silently does nothing would leave the reader believing a risk was reviewed.
 */
final class IgnoreAnnotations {
  static final String KEY = "kordon.dev/ignore";

  private static final Pattern ID = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]*");

  /** The rules the annotations of a snapshot make, by object, and the notes about bad values. */
  record Found(Map<ObjectRef, List<ExceptionRule>> rules, List<ScanError> notes) {
    static final Found NONE = new Found(Map.of(), List.of());

    List<ExceptionRule> on(ObjectRef ref) {
      return rules.getOrDefault(ref, List.of());
    }
  }

  private IgnoreAnnotations() {}

  /**
   * @param knownIds every id (and former id) of the catalog, selected or not: naming a control that
   *     a {@code --framework} choice left out is no mistake
   */
  static Found of(Snapshot snapshot, Set<String> knownIds) {
    Map<ObjectRef, List<ExceptionRule>> rules = new HashMap<>();
    List<ScanError> notes = new ArrayList<>();
    for (KubeObject o : snapshot.objects()) {
      List<JsonPointer> at = new ArrayList<>();
      if (o.annotations().containsKey(KEY)) {
        at.add(JsonPointer.of("metadata", "annotations", KEY));
      }
      if (PodSpecView.isWorkloadKind(o.kind()) && !o.kind().equals("Pod")) {
        PodSpecView.of(o)
            .map(pod -> pod.podAnnotationPointer(KEY))
            .filter(p -> o.at(p).isString())
            .ifPresent(at::add);
      }
      for (JsonPointer p : at) {
        List<ExceptionRule> found = parse(o, p, knownIds, notes);
        if (!found.isEmpty()) {
          rules.computeIfAbsent(o.ref(), k -> new ArrayList<>()).addAll(found);
        }
      }
    }
    return rules.isEmpty() && notes.isEmpty() ? Found.NONE : new Found(rules, notes);
  }

  private static List<ExceptionRule> parse(
      KubeObject o, JsonPointer pointer, Set<String> knownIds, List<ScanError> notes) {
    JsonNode node = o.at(pointer);
    String value = node.isString() ? node.asString() : "";
    Optional<SourceLocation> loc = o.locate(pointer);
    String file = loc.map(SourceLocation::file).orElse(o.origin().describe());
    int line = loc.map(SourceLocation::line).orElse(0);
    String where = o.ref().display();
    int colon = value.indexOf(':');
    String reason = colon < 0 ? "" : value.substring(colon + 1).strip();
    List<String> ids = new ArrayList<>();
    boolean wellFormed = colon > 0 && !reason.isEmpty();
    if (wellFormed) {
      for (String id : value.substring(0, colon).split(",", -1)) {
        String trimmed = id.strip();
        if (!ID.matcher(trimmed).matches()) {
          wellFormed = false;
          break;
        }
        ids.add(trimmed);
      }
    }
    if (!wellFormed) {
      notes.add(
          ScanError.note(
              file,
              line,
              KEY
                  + " on "
                  + where
                  + " ignored: expected \"CONTROL-ID[,CONTROL-ID...]: reason\", e.g. \""
                  + "KOR-0001: node agent, reviewed\""));
      return List.of();
    }
    String source = KEY + " annotation (" + file + (line > 0 ? ":" + line : "") + ")";
    List<ExceptionRule> rules = new ArrayList<>();
    for (String id : ids) {
      if (!knownIds.contains(id)) {
        notes.add(
            ScanError.note(
                file,
                line,
                KEY
                    + " on "
                    + where
                    + " names "
                    + id
                    + ", which is no control; see `kordon controls list`"));
        continue;
      }
      rules.add(
          new ExceptionRule(id, o.kind(), "", "", Map.of(), reason, Optional.empty(), source));
    }
    return rules;
  }
}

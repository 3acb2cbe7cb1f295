package dev.kordon.source;

import dev.kordon.model.JsonPointer;
import dev.kordon.model.KubeObject;
import dev.kordon.model.Origin;
import dev.kordon.model.ScanError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns the text of one manifest file into Kubernetes objects: multi-document YAML or JSON, with
 * {@code kind: List} (and any {@code *List} with items) flattened, Secret values redacted, and
 * every problem reported with file and line.
 */
public final class ManifestReader {

  /** What replaces every Secret value, so that no report or message can ever carry one. */
  public static final String REDACTED = "<redacted>";

  private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

  private final YamlDocuments documents;

  public ManifestReader(ReaderLimits limits) {
    this.documents = new YamlDocuments(limits);
  }

  public ManifestReader() {
    this(ReaderLimits.DEFAULT);
  }

  /** Reads all objects of one file's text; {@code file} names it in locations and errors. */
  public ReadResult read(String file, String text) {
    YamlDocuments.Result parsed = documents.read(text, file);
    List<KubeObject> objects = new ArrayList<>();
    List<ScanError> problems = new ArrayList<>();
    for (YamlDocuments.Document doc : parsed.documents()) {
      for (YamlDocuments.Problem p : doc.problems()) {
        problems.add(
            p.fatal()
                ? ScanError.error(file, p.line(), p.message())
                : ScanError.note(file, p.line(), p.message()));
      }
      if (doc.root() == null || doc.root().isNull()) {
        continue; // empty document, or rejected above
      }
      Origin.File origin = new Origin.File(file, doc.index(), JsonPointer.ROOT, doc.positions());
      addObjects(doc.root(), origin, doc.line(), objects, problems);
    }
    for (YamlDocuments.SyntaxError e : parsed.syntaxErrors()) {
      problems.add(ScanError.error(file, e.problem().line(), e.describe()));
    }
    return new ReadResult(objects, problems);
  }

  private static void addObjects(
      JsonNode root,
      Origin.File origin,
      int line,
      List<KubeObject> objects,
      List<ScanError> problems) {
    if (!root.isObject()) {
      problems.add(ScanError.note(origin.file(), line, "skipped: not a Kubernetes object"));
      return;
    }
    String kind = root.path("kind").isString() ? root.path("kind").stringValue() : "";
    String apiVersion =
        root.path("apiVersion").isString() ? root.path("apiVersion").stringValue() : "";
    if (kind.isEmpty() || apiVersion.isEmpty()) {
      problems.add(
          ScanError.note(
              origin.file(), line, "skipped: not a Kubernetes object (no apiVersion and kind)"));
      return;
    }
    if (kind.endsWith("List") && root.path("items").isArray()) {
      JsonNode items = root.path("items");
      for (int i = 0; i < items.size(); i++) {
        JsonNode item = items.get(i);
        JsonPointer base = origin.base().append("items", Integer.toString(i));
        Origin.File itemOrigin =
            new Origin.File(origin.file(), origin.document(), base, origin.positions());
        int itemLine = origin.positions().find(base).map(lc -> lc[0]).orElse(line);
        addObjects(item, itemOrigin, itemLine, objects, problems);
      }
      return;
    }
    // component config files (a kubelet's config.yaml, an API server's audit Policy) have no
    // metadata yet are worth judging
    boolean componentConfig =
        root.path("apiVersion").asString("").startsWith("kubelet.config.k8s.io/")
            || root.path("apiVersion").asString("").startsWith("audit.k8s.io/");
    if (!root.path("metadata").isObject() && !componentConfig) {
      problems.add(ScanError.note(origin.file(), line, "skipped: " + kind + " without metadata"));
      return;
    }
    if (kind.equals("Secret")) {
      redactSecret((ObjectNode) root);
    }
    objects.add(KubeObject.of(root, origin));
  }

  /** Replaces every value of a Secret, and the copy kubectl keeps in an annotation. */
  public static void redactSecret(ObjectNode secret) {
    for (String field : List.of("data", "stringData")) {
      JsonNode values = secret.path(field);
      if (values.isObject()) {
        ObjectNode map = (ObjectNode) values;
        for (Map.Entry<String, JsonNode> e : List.copyOf(map.properties())) {
          map.put(e.getKey(), REDACTED);
        }
      } else if (!values.isMissingNode()) {
        secret.put(field, REDACTED);
      }
    }
    JsonNode annotations = secret.path("metadata").path("annotations");
    if (annotations.isObject() && annotations.has(LAST_APPLIED)) {
      ((ObjectNode) annotations).put(LAST_APPLIED, REDACTED);
    }
  }
}

package dev.kordon.node;

import dev.kordon.model.JsonPointer;
import dev.kordon.model.KubeObject;
import dev.kordon.model.Origin;
import dev.kordon.model.SourceLocation;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A file of the node as an object that controls judge: {@code kind: NodeFile} in {@code
 * node.kordon.dev/v1}, named by its node path, with its role, mode and owner in {@code spec}. A
 * file the node should have but lacks has {@code present: false}. Controls see these exactly as
 * they would a fixture written in YAML.
 */
public final class NodeFiles {
  private NodeFiles() {}

  public static final String API_VERSION = "node.kordon.dev/v1";
  public static final String KIND = "NodeFile";

  public static KubeObject of(NodeFileRole role, String path, Optional<FileFacts> facts) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("apiVersion", API_VERSION);
    root.put("kind", KIND);
    root.putObject("metadata").put("name", path);
    ObjectNode spec = root.putObject("spec");
    spec.put("path", path);
    spec.put("role", role.word());
    spec.put("present", facts.isPresent());
    facts.ifPresent(
        f -> {
          spec.put("type", f.directory() ? "directory" : "file");
          spec.put("mode", f.modeText());
          spec.put("owner", f.owner());
          spec.put("group", f.group());
          spec.put("uid", f.uid());
          spec.put("gid", f.gid());
        });
    SourceLocation at = new SourceLocation(path, 1, 1);
    return KubeObject.of(
        root,
        new Origin.Assembled(
            path, Optional.empty(), Map.of(JsonPointer.ROOT, at), Optional.of(at)));
  }
}

package dev.kordon.control.node;

import dev.kordon.control.ControlInfo;
import dev.kordon.control.ObjectControl;
import dev.kordon.model.Finding;
import dev.kordon.model.JsonPointer;
import dev.kordon.model.KubeObject;
import dev.kordon.node.NodeFileRole;
import dev.kordon.node.NodeFiles;
import dev.kordon.snapshot.Snapshot;
import java.util.List;
import java.util.Set;

/**
 * One CIS item about the mode or the owner of a node file (a {@code NodeFile} that {@code kordon
 * node} found, with its role). A file that does not exist passes: its absence is a note of the node
 * reader, not a permission problem.
 */
final class NodeFileControl implements ObjectControl {

  static final JsonPointer MODE = JsonPointer.of("spec", "mode");
  static final JsonPointer OWNER = JsonPointer.of("spec", "owner");

  /** What the file must satisfy. */
  sealed interface Requirement permits ModeWithin, OwnedBy {}

  /** No permission bit outside {@code allowed} ("600 or more restrictive"). */
  record ModeWithin(int allowed) implements Requirement {}

  /** Owner and group names, as the node's own passwd and group files give them. */
  record OwnedBy(String owner, String group) implements Requirement {}

  private final ControlInfo info;
  private final Set<String> roles;
  private final Requirement requirement;

  NodeFileControl(ControlInfo info, Set<NodeFileRole> roles, Requirement requirement) {
    this.info = info;
    this.roles = Set.copyOf(roles.stream().map(NodeFileRole::word).toList());
    this.requirement = requirement;
  }

  @Override
  public ControlInfo info() {
    return info;
  }

  @Override
  public boolean appliesTo(KubeObject object) {
    return object.kind().equals(NodeFiles.KIND)
        && roles.contains(object.text(JsonPointer.of("spec", "role")).orElse(""));
  }

  @Override
  public List<Finding> check(KubeObject file, Snapshot snapshot) {
    if (!file.bool(JsonPointer.of("spec", "present")).orElse(true)) {
      return List.of();
    }
    String path = file.text(JsonPointer.of("spec", "path")).orElse(file.name());
    String kind = file.text(JsonPointer.of("spec", "type")).orElse("file");
    if (requirement instanceof ModeWithin m) {
      String text = file.text(MODE).orElse("");
      int mode;
      try {
        mode = Integer.parseInt(text, 8);
      } catch (NumberFormatException e) {
        return List.of();
      }
      if ((mode & ~m.allowed()) == 0) {
        return List.of();
      }
      return List.of(
          info.finding(
              file,
              MODE,
              "%s %s has mode %04o; allow at most %04o (no bit outside it)"
                  .formatted(kind, path, mode, m.allowed())));
    }
    OwnedBy o = (OwnedBy) requirement;
    String owner = file.text(OWNER).orElse("");
    String group = file.text(JsonPointer.of("spec", "group")).orElse("");
    if (owner.equals(o.owner()) && group.equals(o.group())) {
      return List.of();
    }
    return List.of(
        info.finding(
            file,
            OWNER,
            "%s %s is owned by %s:%s; expected %s:%s"
                .formatted(kind, path, owner, group, o.owner(), o.group())));
  }
}

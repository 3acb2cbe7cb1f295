package dev.kordon.rbac;

import dev.kordon.model.KubeObject;
import dev.kordon.model.Origin;
import dev.kordon.source.YamlTrees;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The default ClusterRoles of Kubernetes' bootstrap policy, bundled as data. */
final class BootstrapRoles {

  static final String RESOURCE = "/rbac/default-clusterroles.yaml";

  /** Parsed once; objects are immutable. */
  static final List<KubeObject> ALL = load();

  private BootstrapRoles() {}

  private static List<KubeObject> load() {
    String text;
    try (InputStream in = BootstrapRoles.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing bundled resource " + RESOURCE);
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read bundled resource " + RESOURCE, e);
    }
    List<KubeObject> out = new ArrayList<>();
    Origin origin = new Origin.Request("Kubernetes default (not in the scanned inputs)");
    for (var tree : YamlTrees.parseAll(RESOURCE, text)) {
      out.add(KubeObject.of(tree, origin));
    }
    return List.copyOf(out);
  }
}

package dev.kordon.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kordon.model.KubeObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PathExclusionsTest {

  @TempDir Path dir;

  private void touch(String rel) throws IOException {
    Path p = dir.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n");
  }

  private List<String> listed(String... globs) {
    List<String> args = List.of(dir.toString());
    FileSource.Listing listing =
        PathExclusions.of(List.of(globs)).apply(args, new FileSource().list(args));
    return listing.inputs().stream()
        .map(i -> dir.relativize(i.path()).toString().replace('\\', '/'))
        .toList();
  }

  @Test
  void globsMatchPathsRelativeToTheScannedDirectory() throws IOException {
    touch("app.yaml");
    touch("tests/a.yaml");
    touch("tests/deep/b.yaml");
    touch("charts/web.tmpl.yaml");
    touch("web.tmpl.yaml");
    touch("gen/x/gen/y.yaml");

    assertThat(listed()).hasSize(6);
    assertThat(listed("tests/**"))
        .containsExactly("app.yaml", "charts/web.tmpl.yaml", "gen/x/gen/y.yaml", "web.tmpl.yaml");
    assertThat(listed("*.tmpl.yaml"))
        .as("a glob without / matches file names at any depth")
        .containsExactly("app.yaml", "gen/x/gen/y.yaml", "tests/a.yaml", "tests/deep/b.yaml");
    assertThat(listed("tests/*.yaml"))
        .as("* stays within one directory")
        .contains("tests/deep/b.yaml")
        .doesNotContain("tests/a.yaml");
    assertThat(listed("**/gen/*.yaml")).doesNotContain("gen/x/gen/y.yaml").hasSize(5);
    assertThat(listed("tests/**", "*.tmpl.yaml")).containsExactly("app.yaml", "gen/x/gen/y.yaml");
  }

  @Test
  void aFileNamedDirectlyIsMatchedByItsName() throws IOException {
    touch("a.tmpl.yaml");
    String file = dir.resolve("a.tmpl.yaml").toString();
    List<String> args = List.of(file);
    assertThat(
            PathExclusions.of(List.of("*.tmpl.yaml"))
                .apply(args, new FileSource().list(args))
                .inputs())
        .isEmpty();
  }

  @Test
  void anEmptyGlobIsRefused() {
    assertThatThrownBy(() -> PathExclusions.of(List.of(" ")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void excludedNamespacesDropTheirObjectsButNotClusterScopedOnes() {
    String yaml =
        """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: a, namespace: kube-system}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: b}
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: kube-system}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: r}
        """;
    ReadResult read =
        new ReadResult(
            DefaultNamespace.KUBECTL.apply(new ManifestReader().read("in.yaml", yaml).objects()),
            List.of());
    ReadResult kept = ExcludedNamespaces.of(List.of("kube-system", "other")).apply(read);
    assertThat(kept.objects())
        .extracting(KubeObject::ref)
        .extracting(r -> r.display())
        .containsExactly("ConfigMap/default/b", "ClusterRole/r");
    assertThat(ExcludedNamespaces.of(List.of("default")).apply(read).objects())
        .extracting(o -> o.ref().display())
        .containsExactly("ConfigMap/kube-system/a", "Namespace/kube-system", "ClusterRole/r");
  }
}

package dev.kordon.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kordon.model.KubeObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefaultNamespaceTest {

  @TempDir Path dir;

  private static List<KubeObject> read(String yaml) {
    return new ManifestReader().read("in.yaml", yaml).objects();
  }

  private static KubeObject named(List<KubeObject> objects, String kind) {
    return objects.stream().filter(o -> o.kind().equals(kind)).findFirst().orElseThrow();
  }

  @Test
  void namespacedObjectWithoutNamespaceIsInTheDefaultOneAndRemembersItWasImplicit() {
    List<KubeObject> in =
        read(
            """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: implicit}
            ---
            apiVersion: v1
            kind: Secret
            metadata: {name: explicit, namespace: shop}
            """);
    List<KubeObject> out = new DefaultNamespace("team-a").apply(in);
    assertThat(out).extracting(KubeObject::namespace).containsExactly("team-a", "shop");
    assertThat(out).extracting(KubeObject::namespaceExplicit).containsExactly(false, true);
  }

  @Test
  void clusterScopedKindsHaveNoNamespaceEvenWhenTheManifestWritesOne() {
    List<KubeObject> out =
        DefaultNamespace.KUBECTL.apply(
            read(
                """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata: {name: reader, namespace: shop}
                ---
                apiVersion: v1
                kind: Namespace
                metadata: {name: shop}
                ---
                apiVersion: storage.k8s.io/v1
                kind: StorageClass
                metadata: {name: fast}
                ---
                apiVersion: admissionregistration.k8s.io/v1
                kind: ValidatingWebhookConfiguration
                metadata: {name: hook}
                """));
    assertThat(out).extracting(KubeObject::namespace).containsOnly("");
    assertThat(out.get(0).namespaceExplicit()).isTrue();
  }

  @Test
  void customKindIsNamespacedUnlessAnInputCrdDeclaresItClusterScoped() {
    String issuer =
        """
        apiVersion: cert-manager.io/v1
        kind: ClusterIssuer
        metadata: {name: letsencrypt}
        ---
        apiVersion: cert-manager.io/v1
        kind: Issuer
        metadata: {name: local}
        """;
    String crds =
        """
        ---
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: clusterissuers.cert-manager.io}
        spec: {group: cert-manager.io, scope: Cluster, names: {kind: ClusterIssuer}}
        ---
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: issuers.cert-manager.io}
        spec: {group: cert-manager.io, scope: Namespaced, names: {kind: Issuer}}
        """;
    List<KubeObject> unknown = DefaultNamespace.KUBECTL.apply(read(issuer));
    assertThat(unknown).extracting(KubeObject::namespace).containsExactly("default", "default");
    List<KubeObject> declared = DefaultNamespace.KUBECTL.apply(read(issuer + crds));
    assertThat(declared.subList(0, 2))
        .extracting(KubeObject::namespace)
        .containsExactly("", "default");
    // the same kind name in another group is not the declared one
    assertThat(ResourceScopes.of(declared).clusterScoped("example.com/v1", "ClusterIssuer"))
        .isFalse();
  }

  @Test
  void applyingTwiceChangesNothing() {
    List<KubeObject> once =
        new DefaultNamespace("x").apply(read("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n"));
    List<KubeObject> twice = DefaultNamespace.KUBECTL.apply(once);
    assertThat(twice.get(0)).isSameAs(once.get(0));
    assertThat(twice.get(0).namespace()).isEqualTo("x");
  }

  @Test
  void refusesWhatIsNoNamespaceName() {
    assertThatThrownBy(() -> new DefaultNamespace("Shop"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a namespace name");
    assertThatThrownBy(() -> new DefaultNamespace("")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void fileSourceResolvesAcrossFilesSoACrdInOneFileScopesObjectsInAnother() throws IOException {
    Files.writeString(
        dir.resolve("a-objects.yaml"),
        """
        apiVersion: example.com/v1
        kind: Fleet
        metadata: {name: global}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web}
        """);
    Files.writeString(
        dir.resolve("b-crd.yaml"),
        """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: fleets.example.com}
        spec: {group: example.com, scope: Cluster, names: {kind: Fleet}}
        """);
    ReadResult r =
        new FileSource(ReaderLimits.DEFAULT, new DefaultNamespace("shop"))
            .read(List.of(dir.toString()), InputStream.nullInputStream());
    assertThat(named(r.objects(), "Fleet").namespace()).isEmpty();
    assertThat(named(r.objects(), "Service").namespace()).isEqualTo("shop");
  }
}

package dev.kordon.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kordon.model.KubeObject;
import dev.kordon.model.ScanError;
import dev.kordon.source.ManifestReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The same object (kind, namespace, name) defined more than once: one answer for every analyzer.
 */
class DuplicatesTest {

  private static final String API =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: api, namespace: shop}
      spec:
        template:
          spec: {containers: [{name: api, image: api:1}]}
      """;

  private static final String WEB =
      """
      apiVersion: v1
      kind: Service
      metadata: {name: api, namespace: shop}
      """;

  private static List<KubeObject> read(String file, String text) {
    return new ManifestReader().read(file, text).objects();
  }

  private static Snapshot of(List<List<KubeObject>> files) {
    List<KubeObject> all = new ArrayList<>();
    files.forEach(all::addAll);
    return Snapshot.of(all);
  }

  @Test
  void anObjectInTwoFilesIsOneDuplicateWithBothCopiesInInputOrder() {
    Snapshot s = of(List.of(read("a.yaml", API), read("b.yaml", "# copy\n" + API)));

    assertThat(s.duplicates()).hasSize(1);
    Duplicate d = s.duplicates().get(0);
    assertThat(d.display()).isEqualTo("Deployment shop/api");
    assertThat(d.copies()).containsExactly(s.objects().get(0), s.objects().get(1));
    assertThat(d.locations()).containsExactly("a.yaml:1", "b.yaml:2");
    assertThat(s.findAll("Deployment", "shop", "api")).isEqualTo(d.copies());
    assertThat(s.find("Deployment", "shop", "api")).containsSame(s.objects().get(0));
  }

  @Test
  void eachCopyIsToldApartByItsFileAndAnObjectDefinedOnceIsNot() {
    Snapshot s = of(List.of(read("a.yaml", API), read("b.yaml", API + "---\n" + WEB)));

    assertThat(s.copyLocation(s.objects().get(0))).isEqualTo("a.yaml:1");
    assertThat(s.copyLocation(s.objects().get(1))).isEqualTo("b.yaml:1");
    assertThat(s.copyLocation(s.objects().get(2))).isEmpty();
    assertThat(s.duplicateOf(s.objects().get(2))).isEmpty();
    assertThat(s.findAll("Service", "shop", "api")).containsExactly(s.objects().get(2));
  }

  @Test
  void theNoteSitsAtTheFirstCopyAndNamesEveryOther() {
    Snapshot s =
        of(List.of(read("a.yaml", API), read("b.yaml", "\n\n" + API), read("c.yaml", API)));

    assertThat(s.duplicateNotes())
        .containsExactly(
            ScanError.note(
                "a.yaml",
                1,
                "Deployment shop/api is also defined at b.yaml:3, c.yaml:1;"
                    + " each copy is judged on its own"));
  }

  @Test
  void twoCopiesInOneFileAreDuplicatesToo() {
    Snapshot s = of(List.of(read("a.yaml", API + "---\n" + API)));

    assertThat(s.duplicates())
        .singleElement()
        .extracting(Duplicate::locations)
        .isEqualTo(List.of("a.yaml:1", "a.yaml:8"));
  }

  @Test
  void sameNameInOtherKindsOrNamespacesIsNoDuplicate() {
    Snapshot s =
        of(
            List.of(
                read("a.yaml", API),
                read("b.yaml", WEB),
                read("c.yaml", API.replace("namespace: shop", "namespace: other"))));

    assertThat(s.duplicates()).isEmpty();
    assertThat(s.duplicateNotes()).isEmpty();
  }

  @Test
  void objectsNamedByGenerateNameAreNeverTheSameObject() {
    String job =
        """
        apiVersion: batch/v1
        kind: Job
        metadata: {generateName: migrate-, namespace: shop}
        """;
    Snapshot s = of(List.of(read("a.yaml", job), read("b.yaml", job)));

    assertThat(s.duplicates()).isEmpty();

    String named = job.replace("generateName", "name");
    Snapshot mixed = of(List.of(read("a.yaml", job), read("b.yaml", named), read("c.yaml", named)));
    assertThat(mixed.duplicates())
        .singleElement()
        .extracting(Duplicate::locations)
        .isEqualTo(List.of("b.yaml:1", "c.yaml:1"));
  }

  @Test
  void aNamespaceOrARoleSaysWhatKordonDoesWithTheCopies() {
    String ns = "apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n";
    String role = "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: r}\n";
    Snapshot s =
        of(List.of(read("a.yaml", ns + "---\n" + role), read("b.yaml", ns + "---\n" + role)));

    assertThat(s.duplicateNotes())
        .extracting(ScanError::message)
        .containsExactly(
            "Namespace shop is also defined at b.yaml:1; Pod Security judges its workloads by the"
                + " strictest labels of its copies, NetworkPolicy namespace selectors see the"
                + " labels of the first",
            "Role default/r is also defined at b.yaml:5; a binding to it is taken to grant the"
                + " rules of every copy");
  }
}

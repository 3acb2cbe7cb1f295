package dev.kordon.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kordon.model.KubeObject;
import dev.kordon.snapshot.PodSpecView;
import dev.kordon.source.ManifestReader;
import dev.kordon.testing.FixtureCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The engine indexes controls by the kinds their {@link ControlInfo#kinds()} declare, so that an
 * object meets only the controls that may fire on it. A control that forgets to declare its kinds
 * (or declares fewer than it judges) would silently never run: these tests fail instead. Every
 * control added to {@link Catalog#builtIn()} is checked, including ones added later.
 */
class ControlKindsTest {

  private static final Catalog CATALOG = Catalog.builtIn();

  @Test
  void everyControlDeclaresTheKindsItJudges() {
    List<String> undeclared = new ArrayList<>();
    for (Control c : CATALOG.controls()) {
      if (c.info().kinds().isEmpty()) {
        undeclared.add(c.info().id());
      }
    }
    assertThat(undeclared)
        .as("controls without ControlInfo.kinds(...): the engine's kind index would never run them")
        .isEmpty();
  }

  @Test
  void podControlsDeclareEveryWorkloadKind() {
    for (Control c : CATALOG.controls()) {
      if (c instanceof PodControl) {
        assertThat(c.info().kinds())
            .as(c.info().id() + " judges the pod spec of every workload kind")
            .containsExactlyInAnyOrderElementsOf(PodSpecView.WORKLOAD_KINDS);
      }
    }
  }

  /**
   * Over every object of every control fixture (a few hundred objects of several dozen kinds), an
   * object control that applies to an object declares its kind: the index never hides an object
   * from a control that would have judged it.
   */
  @Test
  void anObjectControlAppliesOnlyToKindsItDeclares() throws IOException {
    List<KubeObject> objects = new ArrayList<>();
    ManifestReader reader = new ManifestReader();
    for (Path f : FixtureCatalog.fixtures(FixtureCatalog.root(ControlKindsTest.class))) {
      objects.addAll(reader.read(f.toString(), Files.readString(f)).objects());
    }
    Set<String> kinds = new LinkedHashSet<>();
    objects.forEach(o -> kinds.add(o.kind()));
    assertThat(kinds).contains("Pod", "Service", "ClusterRoleBinding", "NetworkPolicy");
    List<String> wrong = new ArrayList<>();
    for (Control c : CATALOG.controls()) {
      if (c instanceof ObjectControl oc) {
        for (KubeObject o : objects) {
          if (oc.appliesTo(o) && !oc.info().declaresKind(o.kind())) {
            wrong.add(c.info().id() + " applies to " + o.kind() + " without declaring it");
          }
        }
      }
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void declaringNoKindOrAStarMeansEveryKind() {
    ControlInfo.Builder b =
        ControlInfo.builder("KOR-0991")
            .title("Test control")
            .severity(dev.kordon.model.Severity.LOW)
            .description("Test.")
            .remediation("Fix it.");
    assertThat(b.build().declaresKind("Anything")).isTrue();
    assertThat(b.kinds("*").build().declaresKind("Anything")).isTrue();
    assertThat(b.kinds("Service").build().declaresKind("Service")).isTrue();
    assertThat(b.kinds("Service").build().declaresKind("Pod")).isFalse();
  }
}

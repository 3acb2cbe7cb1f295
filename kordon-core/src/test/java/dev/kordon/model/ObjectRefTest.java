package dev.kordon.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class ObjectRefTest {

  // the order as it was declared before compareTo was written out
  private static final Comparator<ObjectRef> DECLARED =
      Comparator.comparing(ObjectRef::kind)
          .thenComparing(ObjectRef::namespace)
          .thenComparing(ObjectRef::name)
          .thenComparing(ObjectRef::apiVersion);

  @Test
  void compareToIsKindNamespaceNameThenApiVersion() {
    List<ObjectRef> refs = new ArrayList<>();
    for (String v : List.of("v1", "apps/v1")) {
      for (String k : List.of("Pod", "Deployment", "")) {
        for (String ns : List.of("", "a", "\u00e9")) {
          for (String n : List.of("web", "db")) {
            refs.add(new ObjectRef(v, k, ns, n));
            refs.add(new ObjectRef(new String(v), new String(k), new String(ns), new String(n)));
          }
        }
      }
    }
    for (ObjectRef a : refs) {
      for (ObjectRef b : refs) {
        assertThat(Integer.signum(a.compareTo(b)))
            .as("%s vs %s", a, b)
            .isEqualTo(Integer.signum(DECLARED.compare(a, b)));
      }
    }
  }
}

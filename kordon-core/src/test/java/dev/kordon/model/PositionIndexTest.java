package dev.kordon.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class PositionIndexTest {

  private static Optional<String> at(PositionIndex index, String pointer) {
    return index.find(JsonPointer.parse(pointer)).map(lc -> lc[0] + ":" + lc[1]);
  }

  @Test
  void findsARecordedFieldOrItsDeepestRecordedAncestor() {
    PositionIndex.Builder b = PositionIndex.builder().putRoot(1, 1);
    int spec = b.put(b.root(), "spec", 4, 1);
    int containers = b.put(spec, "containers", 5, 3);
    int first = b.put(containers, "0", 6, 7);
    b.put(first, "image", 7, 7);
    PositionIndex index = b.build();

    assertThat(at(index, "/spec/containers/0/image")).contains("7:7");
    assertThat(at(index, "/spec/containers/0/securityContext/privileged")).contains("6:7");
    assertThat(at(index, "/spec/containers/1/image")).contains("5:3");
    assertThat(at(index, "/metadata/name")).contains("1:1");
    assertThat(at(index, "")).contains("1:1");
    assertThat(index.size()).isEqualTo(5);
  }

  @Test
  void aFieldUnderABaseIsFoundAsTheJoinedPointer() {
    PositionIndex.Builder b = PositionIndex.builder().putRoot(1, 1);
    int items = b.put(b.root(), "items", 2, 1);
    int third = b.put(items, "3", 10, 3);
    int spec = b.put(third, "spec", 12, 5);
    b.put(spec, "hostPID", 13, 7);
    PositionIndex index = b.build();
    JsonPointer base = JsonPointer.of("items", "3");
    for (String field : new String[] {"", "/spec", "/spec/hostPID", "/spec/x/y", "/metadata"}) {
      JsonPointer p = JsonPointer.parse(field);
      assertThat(index.find(base, p).map(lc -> lc[0] + ":" + lc[1]))
          .as(field)
          .isEqualTo(index.find(base.append(p)).map(lc -> lc[0] + ":" + lc[1]));
    }
    assertThat(index.find(base, JsonPointer.parse("/spec/hostPID")).map(lc -> lc[0])).contains(13);
    assertThat(index.find(JsonPointer.of("items", "4"), JsonPointer.parse("/spec")))
        .map(lc -> lc[0])
        .contains(2);
  }

  @Test
  void theFirstPositionOfAFieldWins() {
    PositionIndex.Builder b = PositionIndex.builder();
    b.put("/metadata/name", 2, 3);
    b.put("/metadata/name", 9, 9);
    assertThat(at(b.build(), "/metadata/name")).contains("2:3");
  }

  @Test
  void pointerTextAndSegmentsAgreeOnEscapedKeys() {
    PositionIndex.Builder b = PositionIndex.builder();
    int meta = b.put(b.root(), "metadata", 2, 1);
    int annotations = b.put(meta, "annotations", 3, 3);
    b.put(annotations, "a/b~c", 4, 5);
    b.put("/metadata/labels/x~1y", 6, 5);
    PositionIndex index = b.build();

    assertThat(at(index, "/metadata/annotations/a~1b~0c")).contains("4:5");
    assertThat(index.find(JsonPointer.of("metadata", "labels", "x/y")).map(lc -> lc[0]))
        .contains(6);
    // the labels map itself was never given a position: its field's ancestor is metadata
    assertThat(at(index, "/metadata/labels/other")).contains("2:1");
  }

  @Test
  void aNodeWithoutPositionLeadsToItsChildrenButResolvesToItsParent() {
    PositionIndex.Builder b = PositionIndex.builder().putRoot(1, 1);
    int merge = b.node(b.root(), "<<");
    b.put(merge, "x", 3, 3);
    PositionIndex index = b.build();
    assertThat(at(index, "/<<")).contains("1:1");
    assertThat(at(index, "/<</x")).contains("3:3");
  }

  @Test
  void emptyIndexKnowsNothing() {
    assertThat(PositionIndex.EMPTY.find(JsonPointer.parse("/spec"))).isEmpty();
    assertThat(PositionIndex.EMPTY.find(JsonPointer.ROOT)).isEmpty();
    assertThat(PositionIndex.EMPTY.size()).isZero();
  }

  @Test
  void keepsEveryFieldOfALargeDocument() {
    PositionIndex.Builder b = PositionIndex.builder().putRoot(1, 1);
    int items = b.put(b.root(), "items", 2, 1);
    for (int i = 0; i < 5_000; i++) {
      int item = b.put(items, Integer.toString(i), 3 + 2 * i, 3);
      b.put(item, "name", 4 + 2 * i, 5);
    }
    PositionIndex index = b.build();
    for (int i = 0; i < 5_000; i++) {
      assertThat(at(index, "/items/" + i + "/name")).contains((4 + 2 * i) + ":5");
    }
    assertThat(at(index, "/items/5000/name")).contains("2:1");
    assertThat(index.size()).isEqualTo(10_002);
  }
}

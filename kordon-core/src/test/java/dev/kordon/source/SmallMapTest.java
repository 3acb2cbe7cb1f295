package dev.kordon.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The compact map of a mapping's properties behaves as the LinkedHashMap it replaces. */
class SmallMapTest {

  @Test
  void randomOperationsGiveWhatALinkedHashMapGives() {
    Random random = new Random(18);
    for (int round = 0; round < 200; round++) {
      SmallMap<Integer> small = new SmallMap<>();
      Map<String, Integer> expected = new LinkedHashMap<>();
      // up to 40 keys: small maps, and maps that move past the limit
      int keys = 1 + random.nextInt(40);
      for (int op = 0; op < 120; op++) {
        String key = "k" + random.nextInt(keys);
        switch (random.nextInt(6)) {
          case 0, 1, 2 -> assertThat(small.put(key, op)).isEqualTo(expected.put(key, op));
          case 3 -> assertThat(small.remove(key)).isEqualTo(expected.remove(key));
          case 4 -> {
            assertThat(small.get(key)).isEqualTo(expected.get(key));
            assertThat(small.containsKey(key)).isEqualTo(expected.containsKey(key));
          }
          default -> {
            // remove every entry of an odd value through the iterator, as a filter would
            Iterator<Map.Entry<String, Integer>> it = small.entrySet().iterator();
            while (it.hasNext()) {
              if (it.next().getValue() % 2 == 1) {
                it.remove();
              }
            }
            expected.values().removeIf(v -> v % 2 == 1);
          }
        }
        assertThat(small.size()).isEqualTo(expected.size());
        assertThat(new ArrayList<>(small.entrySet())).isEqualTo(entries(expected));
      }
      assertThat(small).isEqualTo(expected);
      assertThat(expected).isEqualTo(small);
      assertThat(small.hashCode()).isEqualTo(expected.hashCode());
    }
  }

  private static List<Map.Entry<String, Integer>> entries(Map<String, Integer> map) {
    return new ArrayList<>(map.entrySet());
  }

  @Test
  void anEntryWritesThroughToItsPlace() {
    SmallMap<String> map = new SmallMap<>();
    map.put("a", "1");
    map.put("b", "2");
    for (Map.Entry<String, String> e : map.entrySet()) {
      e.setValue(e.getValue() + "!");
    }
    assertThat(map).containsExactly(Map.entry("a", "1!"), Map.entry("b", "2!"));
    map.clear();
    assertThat(map).isEmpty();
    map.put("c", "3");
    assertThat(map).containsExactly(Map.entry("c", "3"));
  }

  @Test
  void aJacksonObjectNodeOverItIsTheSameNode() throws Exception {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    ObjectNode compact = new ObjectNode(nodes, new SmallMap<JsonNode>());
    ObjectNode plain = nodes.objectNode();
    for (int i = 0; i < 30; i++) {
      for (ObjectNode n : List.of(compact, plain)) {
        n.put("key" + (i * 7 % 30), i);
        n.putObject("nested" + (i % 3)).put("x", "y" + i);
      }
    }
    compact.remove("key0");
    plain.remove("key0");
    assertThat(compact).isEqualTo(plain);
    assertThat(plain).isEqualTo(compact);
    ObjectMapper json = new ObjectMapper();
    assertThat(json.writeValueAsString(compact)).isEqualTo(json.writeValueAsString(plain));
    assertThat(compact.deepCopy()).isEqualTo(plain);
  }
}

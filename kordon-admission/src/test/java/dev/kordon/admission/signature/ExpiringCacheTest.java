package dev.kordon.admission.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ExpiringCacheTest {

  final AtomicLong now = new AtomicLong(1_000);

  @Test
  void theLeastRecentlyUsedEntryGoesFirst() {
    ExpiringCache<String, String> c = new ExpiringCache<>(2, now::get);
    c.getOrPut("a", "A");
    c.getOrPut("b", "B");
    assertThat(c.get("a")).isEqualTo("A"); // a is now the most recent
    c.getOrPut("c", "C");
    assertThat(c.size()).isEqualTo(2);
    assertThat(c.get("b")).isNull();
    assertThat(c.get("a")).isEqualTo("A");
    assertThat(c.get("c")).isEqualTo("C");
  }

  @Test
  void anEntryLivesUntilItsOwnLifetimeEnds() {
    ExpiringCache<String, String> c = new ExpiringCache<>(8, now::get);
    String a = c.getOrPut("a", "A");
    String b = c.getOrPut("b", "B");
    c.expire("a", a, 10);
    c.expire("b", b, 100);
    now.addAndGet(9);
    assertThat(c.get("a")).isEqualTo("A");
    now.addAndGet(1);
    assertThat(c.get("a")).isNull();
    assertThat(c.get("b")).isEqualTo("B");
    // an entry without a lifetime yet (work in flight) never expires
    c.getOrPut("c", "C");
    now.addAndGet(Long.MAX_VALUE / 2);
    assertThat(c.get("c")).isEqualTo("C");
  }

  @Test
  void aLifetimeIsGivenOnlyToTheValueItWasMeantFor() {
    ExpiringCache<String, String> c = new ExpiringCache<>(8, now::get);
    assertThat(c.getOrPut("a", "first")).isEqualTo("first");
    assertThat(c.getOrPut("a", "second")).isEqualTo("first"); // the live one wins
    c.expire("a", "second", 0); // not the entry's value: ignored
    assertThat(c.get("a")).isEqualTo("first");
    c.expire("a", "first", 0); // removes
    assertThat(c.get("a")).isNull();
  }
}

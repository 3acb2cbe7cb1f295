package dev.kordon.admission.signature;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A bounded least-recently-used map whose entries expire, each after its own time to live. Small
 * and synchronized: it holds futures, so the work happens outside the lock.
 */
public final class ExpiringCache<K, V> {

  /** An entry that has not been given a lifetime yet (its work is still running). */
  public static final long FOREVER = Long.MAX_VALUE;

  private record Entry<V>(V value, long expiresAt) {}

  private final LongSupplier nanos;
  private final LinkedHashMap<K, Entry<V>> map;

  /**
   * @param capacity most entries; the least recently used one goes first
   * @param nanos the clock, {@link System#nanoTime} outside tests
   */
  public ExpiringCache(int capacity, LongSupplier nanos) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive");
    }
    this.nanos = nanos;
    this.map =
        new LinkedHashMap<>(16, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<K, Entry<V>> eldest) {
            return size() > capacity;
          }
        };
  }

  /** The live value, or null; an expired entry is dropped. */
  public synchronized V get(K key) {
    Entry<V> e = map.get(key);
    if (e == null) {
      return null;
    }
    if (e.expiresAt() != FOREVER && nanos.getAsLong() - e.expiresAt() >= 0) {
      map.remove(key);
      return null;
    }
    return e.value();
  }

  /** The live value, or {@code value} put with no expiry yet (see {@link #expire}). */
  public synchronized V getOrPut(K key, V value) {
    V live = get(key);
    if (live != null) {
      return live;
    }
    map.put(key, new Entry<>(value, FOREVER));
    return value;
  }

  /**
   * Gives the entry of {@code key} a lifetime, when it still holds {@code value}; a zero or
   * negative lifetime removes it.
   */
  public synchronized void expire(K key, V value, long ttlNanos) {
    Entry<V> e = map.get(key);
    if (e == null || e.value() != value) {
      return;
    }
    if (ttlNanos <= 0) {
      map.remove(key);
    } else {
      // refresh in place: no new access, no reordering
      map.replace(key, new Entry<>(value, nanos.getAsLong() + ttlNanos));
    }
  }

  public synchronized int size() {
    return map.size();
  }
}

package dev.kordon.source;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * The properties of one mapping of a manifest, in the order written: keys and values side by side
 * in one array, searched in turn (their keys are the reader's shared strings, so a hit is usually a
 * reference comparison). Most mappings of a manifest have one to five keys: this costs about 60
 * bytes where a {@link LinkedHashMap} costs about 250 (a map, a table and an entry per key). Past
 * {@link #LIMIT} keys it moves to a {@code LinkedHashMap}, so that a mapping of thousands of keys
 * is not searched key by key. Not thread-safe, as the {@code LinkedHashMap} of a Jackson {@code
 * ObjectNode} it replaces.
 */
final class SmallMap<V> extends AbstractMap<String, V> {

  static final int LIMIT = 16;

  private Object[] kv; // key, value, key, value...; null until the first put
  private int size;
  private LinkedHashMap<String, V> big; // past LIMIT keys: everything is here

  @Override
  public int size() {
    return big != null ? big.size() : size;
  }

  private int indexOf(Object key) {
    for (int i = 0; i < size; i++) {
      Object k = kv[2 * i];
      if (k == key || k.equals(key)) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public boolean containsKey(Object key) {
    return big != null ? big.containsKey(key) : indexOf(key) >= 0;
  }

  @Override
  @SuppressWarnings("unchecked")
  public V get(Object key) {
    if (big != null) {
      return big.get(key);
    }
    int i = indexOf(key);
    return i < 0 ? null : (V) kv[2 * i + 1];
  }

  @Override
  @SuppressWarnings("unchecked")
  public V put(String key, V value) {
    Objects.requireNonNull(key, "key");
    if (big != null) {
      return big.put(key, value);
    }
    int i = indexOf(key);
    if (i >= 0) {
      V old = (V) kv[2 * i + 1];
      kv[2 * i + 1] = value;
      return old;
    }
    if (size == LIMIT) {
      big = new LinkedHashMap<>();
      for (int j = 0; j < size; j++) {
        big.put((String) kv[2 * j], (V) kv[2 * j + 1]);
      }
      kv = null;
      size = 0;
      return big.put(key, value);
    }
    if (kv == null) {
      kv = new Object[4];
    } else if (2 * size == kv.length) {
      kv = Arrays.copyOf(kv, Math.min(2 * LIMIT, kv.length * 2));
    }
    kv[2 * size] = key;
    kv[2 * size + 1] = value;
    size++;
    return null;
  }

  @Override
  @SuppressWarnings("unchecked")
  public V remove(Object key) {
    if (big != null) {
      return big.remove(key);
    }
    int i = indexOf(key);
    if (i < 0) {
      return null;
    }
    V old = (V) kv[2 * i + 1];
    removeAt(i);
    return old;
  }

  private void removeAt(int i) {
    System.arraycopy(kv, 2 * i + 2, kv, 2 * i, 2 * (size - i - 1));
    size--;
    kv[2 * size] = null;
    kv[2 * size + 1] = null;
  }

  @Override
  public void clear() {
    if (big != null) {
      big.clear();
      return;
    }
    kv = null;
    size = 0;
  }

  @Override
  public Set<Entry<String, V>> entrySet() {
    if (big != null) {
      return big.entrySet();
    }
    return new AbstractSet<>() {
      @Override
      public int size() {
        return SmallMap.this.size();
      }

      @Override
      public Iterator<Entry<String, V>> iterator() {
        if (big != null) {
          return big.entrySet().iterator();
        }
        return new Iterator<>() {
          private int next;
          private int last = -1;

          @Override
          public boolean hasNext() {
            return next < size;
          }

          @Override
          public Entry<String, V> next() {
            if (next >= size) {
              throw new NoSuchElementException();
            }
            last = next++;
            return new Slot(last);
          }

          @Override
          public void remove() {
            if (last < 0) {
              throw new IllegalStateException();
            }
            removeAt(last);
            next = last;
            last = -1;
          }
        };
      }
    };
  }

  /** An entry that reads and writes its place in the array. */
  private final class Slot implements Entry<String, V> {
    private final String key;
    private final int index;

    Slot(int index) {
      this.index = index;
      this.key = (String) kv[2 * index];
    }

    @Override
    public String getKey() {
      return key;
    }

    @Override
    @SuppressWarnings("unchecked")
    public V getValue() {
      return (V) kv[2 * index + 1];
    }

    @Override
    @SuppressWarnings("unchecked")
    public V setValue(V value) {
      V old = (V) kv[2 * index + 1];
      kv[2 * index + 1] = value;
      return old;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Entry<?, ?> e
          && key.equals(e.getKey())
          && Objects.equals(getValue(), e.getValue());
    }

    @Override
    public int hashCode() {
      return key.hashCode() ^ Objects.hashCode(getValue());
    }

    @Override
    public String toString() {
      return key + "=" + getValue();
    }
  }
}

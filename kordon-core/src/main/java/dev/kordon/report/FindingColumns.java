package dev.kordon.report;

import dev.kordon.model.Evidence;
import dev.kordon.model.Finding;
import dev.kordon.model.FindingStatus;
import dev.kordon.model.JsonPointer;
import dev.kordon.model.ObjectRef;
import dev.kordon.model.Severity;
import dev.kordon.model.SourceLocation;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.RandomAccess;

/**
 * The findings of a scan kept in columns, about 40 bytes a finding instead of about 220 as {@link
 * Finding} records: what a finding shares with others of its control (id, title, severity,
 * remediation, frameworks, refs, status, note) is one {@link Shape} kept once, its object, path and
 * message are references to values shared across the scan, its location two ints, its fingerprint
 * (16 hex digits) a {@code long}. 50,000 pods give 1.2 million findings: 50 MB here, 270 MB as
 * records, which with the objects' trees did not fit a 1 GiB heap.
 *
 * <p>Filled in report order of the objects, then {@link #sorted} once; the list it gives builds
 * each finding when asked for it, so a writer that streams findings holds one at a time. Not
 * thread-safe while filled.
 */
public final class FindingColumns {

  private static final HexFormat HEX = HexFormat.of();
  // a finding without a file sorts after every file (cluster objects)
  private static final String NO_FILE = "\uffff";

  /** The parts of a finding its control's other findings share. */
  private record Shape(
      String controlId,
      String title,
      Severity severity,
      String remediation,
      List<String> frameworks,
      FindingStatus status,
      String note,
      List<String> refs,
      Evidence evidence) {

    /** Whether the finding's parts are these very instances or lists (so equal to this shape). */
    boolean sameParts(Finding f) {
      return controlId == f.controlId()
          && title == f.title()
          && severity == f.severity()
          && remediation == f.remediation()
          && same(frameworks, f.frameworks())
          && status == f.status()
          && note == f.note()
          && same(refs, f.refs())
          && evidence == f.evidence();
    }

    // a control's refs come as a new list per finding (refs and peers joined): equal lists of the
    // same strings, compared element by element, by reference first, without hashing or iterators
    private static boolean same(List<String> a, List<String> b) {
      if (a == b) {
        return true;
      }
      int n = a.size();
      if (b.size() != n) {
        return false;
      }
      for (int i = 0; i < n; i++) {
        String x = a.get(i);
        String y = b.get(i);
        if (x != y && !x.equals(y)) {
          return false;
        }
      }
      return true;
    }

    static Shape of(Finding f) {
      return new Shape(
          f.controlId(),
          f.title(),
          f.severity(),
          f.remediation(),
          f.frameworks(),
          f.status(),
          f.note(),
          f.refs(),
          f.evidence());
    }
  }

  private final Map<Shape, Integer> shapeIds = new HashMap<>();
  // per control id, the shape its last finding had
  private final Map<String, Integer> lastShape = new HashMap<>();
  private final List<Shape> shapes = new ArrayList<>();
  private int size;
  private int[] shape = new int[64];
  private ObjectRef[] resource = new ObjectRef[64];
  private JsonPointer[] path = new JsonPointer[64];
  private String[] message = new String[64];
  private String[] file = new String[64]; // null: no location
  private int[] line = new int[64];
  private int[] column = new int[64];
  private long[] fingerprint = new long[64];
  // fingerprints that are not 16 lowercase hex digits (none of Kordon's own), by finding
  private final Map<Integer, String> otherFingerprints = new HashMap<>();
  private boolean sorted;

  /** Keeps one more finding. */
  public void add(Finding f) {
    if (sorted) {
      throw new IllegalStateException("findings are added before they are sorted");
    }
    if (size == shape.length) {
      grow();
    }
    int i = size++;
    shape[i] = shapeOf(f);
    resource[i] = f.resource();
    path[i] = f.path();
    message[i] = f.message();
    if (f.location().isPresent()) {
      SourceLocation at = f.location().get();
      file[i] = at.file();
      line[i] = at.line();
      column[i] = at.column();
    } else {
      file[i] = null;
    }
    String fp = f.fingerprint();
    if (!hex16(fp, fingerprint, i)) {
      otherFingerprints.put(i, fp);
    }
  }

  public int size() {
    return size;
  }

  /**
   * The id of the finding's shape. A control's findings mostly carry the very same parts (its
   * title, remediation and lists are constants), so the shape last seen for the control is tried
   * first by reference (lists by content); only a finding that differs pays for hashing the nine
   * parts, lists and evidence included.
   */
  private int shapeOf(Finding f) {
    Integer last = lastShape.get(f.controlId());
    if (last != null && shapes.get(last).sameParts(f)) {
      return last;
    }
    Shape s = Shape.of(f);
    Integer id = shapeIds.get(s);
    if (id == null) {
      id = shapes.size();
      shapes.add(s);
      shapeIds.put(s, id);
    }
    lastShape.put(f.controlId(), id);
    return id;
  }

  /**
   * Whether {@code s} is 16 lowercase hex digits, read (in the same pass) into {@code into[at]}.
   */
  private static boolean hex16(String s, long[] into, int at) {
    if (s.length() != 16) {
      return false;
    }
    long v = 0;
    for (int i = 0; i < 16; i++) {
      char c = s.charAt(i);
      int digit;
      if (c >= '0' && c <= '9') {
        digit = c - '0';
      } else if (c >= 'a' && c <= 'f') {
        digit = c - 'a' + 10;
      } else {
        return false;
      }
      v = (v << 4) | digit;
    }
    into[at] = v;
    return true;
  }

  private void grow() {
    int n = shape.length * 2;
    shape = Arrays.copyOf(shape, n);
    resource = Arrays.copyOf(resource, n);
    path = Arrays.copyOf(path, n);
    message = Arrays.copyOf(message, n);
    file = Arrays.copyOf(file, n);
    line = Arrays.copyOf(line, n);
    column = Arrays.copyOf(column, n);
    fingerprint = Arrays.copyOf(fingerprint, n);
  }

  /** Failed findings per severity, every severity present, and the counts of a summary. */
  public Summary summary(int objects) {
    Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
    for (Severity s : Severity.values()) {
      counts.put(s, 0);
    }
    int failed = 0;
    for (int i = 0; i < size; i++) {
      Shape s = shapes.get(shape[i]);
      if (s.status() == FindingStatus.FAIL) {
        failed++;
        counts.merge(s.severity(), 1, Integer::sum);
      }
    }
    return new Summary(objects, failed, size - failed, counts);
  }

  /**
   * The findings in report order: by file (none last), line, control id, object, path and message;
   * findings equal in all of these keep the order they were added in. Nothing can be added after.
   */
  public List<Finding> sorted() {
    sorted = true;
    int[] order = new int[size];
    for (int i = 0; i < size; i++) {
      order[i] = i;
    }
    mergeSort(order, new int[size], 0, size);
    return new View(order);
  }

  // Each column tried for identity first (equal references compare 0 without reading the text):
  // findings next to each other in the order mostly share their file, object and path.
  private int compare(int a, int b) {
    String fa = file[a] == null ? NO_FILE : file[a];
    String fb = file[b] == null ? NO_FILE : file[b];
    int c = fa == fb ? 0 : fa.compareTo(fb);
    if (c != 0) {
      return c;
    }
    c = Integer.compare(file[a] == null ? 0 : line[a], file[b] == null ? 0 : line[b]);
    if (c != 0) {
      return c;
    }
    if (shape[a] != shape[b]) {
      String ca = shapes.get(shape[a]).controlId();
      String cb = shapes.get(shape[b]).controlId();
      c = ca == cb ? 0 : ca.compareTo(cb);
      if (c != 0) {
        return c;
      }
    }
    c = resource[a] == resource[b] ? 0 : resource[a].compareTo(resource[b]);
    if (c != 0) {
      return c;
    }
    c = path[a] == path[b] ? 0 : path[a].compareTo(path[b]);
    return c != 0 || message[a] == message[b] ? c : message[a].compareTo(message[b]);
  }

  /** A stable merge sort of {@code a[from, to)}, {@code tmp} as long as {@code a}. */
  private void mergeSort(int[] a, int[] tmp, int from, int to) {
    if (to - from <= 16) {
      for (int i = from + 1; i < to; i++) {
        int v = a[i];
        int j = i - 1;
        while (j >= from && compare(a[j], v) > 0) {
          a[j + 1] = a[j];
          j--;
        }
        a[j + 1] = v;
      }
      return;
    }
    int mid = (from + to) >>> 1;
    mergeSort(a, tmp, from, mid);
    mergeSort(a, tmp, mid, to);
    if (compare(a[mid - 1], a[mid]) <= 0) {
      return; // already in order
    }
    System.arraycopy(a, from, tmp, from, to - from);
    int i = from;
    int j = mid;
    int k = from;
    while (i < mid && j < to) {
      a[k++] = compare(tmp[j], tmp[i]) < 0 ? tmp[j++] : tmp[i++];
    }
    while (i < mid) {
      a[k++] = tmp[i++];
    }
    while (j < to) {
      a[k++] = tmp[j++];
    }
  }

  private Finding finding(int i) {
    Shape s = shapes.get(shape[i]);
    String fp = otherFingerprints.isEmpty() ? null : otherFingerprints.get(i);
    return new Finding(
        s.controlId(),
        s.title(),
        s.severity(),
        resource[i],
        path[i],
        file[i] == null
            ? Optional.empty()
            : Optional.of(new SourceLocation(file[i], line[i], column[i])),
        message[i],
        s.remediation(),
        fp != null ? fp : HEX.toHexDigits(fingerprint[i]),
        s.frameworks(),
        s.status(),
        s.note(),
        s.refs(),
        s.evidence());
  }

  /**
   * The sorted findings, each built when asked for (an equal record every time): immutable, and
   * kept as it is by {@link Report}.
   */
  final class View extends AbstractList<Finding> implements RandomAccess {
    private final int[] order;

    private View(int[] order) {
      this.order = order;
    }

    @Override
    public Finding get(int index) {
      return finding(order[index]);
    }

    @Override
    public int size() {
      return order.length;
    }
  }
}

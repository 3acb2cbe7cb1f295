package dev.kordon.report.html;

import dev.kordon.model.Finding;
import dev.kordon.model.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The findings of a page, one group per control, most severe control first, and how many rows of
 * each group fit in a byte budget. When they do not all fit, every group keeps the same number of
 * rows at most (the largest number that fits), so that a control with thousands of findings cannot
 * crowd out the others.
 */
final class FindingGroups {

  /** One control's findings in report order, with their rendered rows and how many are shown. */
  record Group(String controlId, Severity severity, List<Finding> findings, List<String> rows) {

    int failed() {
      return (int) findings.stream().filter(Finding::failed).count();
    }

    long resources() {
      return findings.stream().map(Finding::resource).distinct().count();
    }
  }

  private static final Comparator<Group> ORDER =
      Comparator.comparing(Group::severity)
          .reversed()
          .thenComparing(Comparator.comparingInt(Group::failed).reversed())
          .thenComparing(Group::controlId);

  private final List<Group> groups;
  private final int shownPerGroup;

  private FindingGroups(List<Group> groups, int shownPerGroup) {
    this.groups = groups;
    this.shownPerGroup = shownPerGroup;
  }

  /**
   * Groups the findings by control and decides how many rows each group shows.
   *
   * @param row renders one finding as its table row
   * @param budget bytes (UTF-8) that the rows of all groups may take together
   */
  static FindingGroups of(List<Finding> findings, Function<Finding, String> row, long budget) {
    Map<String, List<Finding>> byControl = new LinkedHashMap<>();
    for (Finding f : findings) {
      byControl.computeIfAbsent(f.controlId(), k -> new ArrayList<>()).add(f);
    }
    List<Group> groups = new ArrayList<>();
    for (Map.Entry<String, List<Finding>> e : byControl.entrySet()) {
      Severity worst =
          e.getValue().stream().map(Finding::severity).max(Comparator.naturalOrder()).orElseThrow();
      groups.add(
          new Group(e.getKey(), worst, e.getValue(), e.getValue().stream().map(row).toList()));
    }
    groups.sort(ORDER);
    return new FindingGroups(List.copyOf(groups), perGroup(groups, budget));
  }

  /** The largest number of rows per group whose total fits the budget. */
  private static int perGroup(List<Group> groups, long budget) {
    List<long[]> prefix = new ArrayList<>(groups.size());
    int largest = 0;
    for (Group g : groups) {
      long[] sums = new long[g.rows().size() + 1];
      for (int i = 0; i < g.rows().size(); i++) {
        sums[i + 1] = sums[i] + utf8Length(g.rows().get(i));
      }
      prefix.add(sums);
      largest = Math.max(largest, g.rows().size());
    }
    int lo = 0;
    int hi = largest;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (cost(prefix, mid) <= budget) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  private static long cost(List<long[]> prefix, int perGroup) {
    long total = 0;
    for (long[] sums : prefix) {
      total += sums[Math.min(perGroup, sums.length - 1)];
    }
    return total;
  }

  static long utf8Length(CharSequence s) {
    long n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n++;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c)) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }

  List<Group> groups() {
    return groups;
  }

  /** How many rows of a group the page shows. */
  int shown(Group g) {
    return Math.min(shownPerGroup, g.rows().size());
  }

  /** Findings the page leaves out. */
  int leftOut() {
    int n = 0;
    for (Group g : groups) {
      n += g.rows().size() - shown(g);
    }
    return n;
  }

  int total() {
    return groups.stream().mapToInt(g -> g.rows().size()).sum();
  }
}

package dev.kordon.cli;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * The words a mistyped one was probably meant to be: those a few keystrokes away (a swapped pair of
 * letters counts as one), nearest first.
 */
final class Typos {
  private Typos() {}

  /** The nearest candidates, all at the same smallest distance; empty when none is close. */
  static List<String> nearest(String typed, Collection<String> candidates) {
    String word = typed.toLowerCase(Locale.ROOT);
    int letters = word.replaceFirst("^-+", "").length();
    if (letters < 3) {
      return List.of(); // one or two letters are too short to guess from
    }
    int allowed = Math.min(3, letters / 3);
    int best = allowed + 1;
    List<String> found = new ArrayList<>();
    for (String candidate : candidates) {
      int d = distance(word, candidate.toLowerCase(Locale.ROOT));
      if (d > allowed) {
        continue;
      }
      if (d < best) {
        best = d;
        found.clear();
      }
      if (d == best && !found.contains(candidate)) {
        found.add(candidate);
      }
    }
    return found;
  }

  /** Optimal string alignment distance: insertions, deletions, substitutions, transpositions. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}

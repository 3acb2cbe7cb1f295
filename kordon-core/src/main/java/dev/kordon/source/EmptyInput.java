package dev.kordon.source;

import dev.kordon.model.ScanError;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Scanning nothing is no pass: when files were named and none held a Kubernetes object (an empty
 * directory, docker-compose or CI files, Helm values, charts skipped), the run says what it read
 * and fails, instead of reporting every framework as passed.
 */
public final class EmptyInput {

  private static final int NAMES_SHOWN = 5;

  private EmptyInput() {}

  /**
   * The error for a read that found no object, naming what was read; empty when some object was
   * found, or when an error already explains why nothing was (an unreadable file).
   */
  public static Optional<ScanError> check(
      List<String> arguments, FileSource.Listing listing, ReadResult read) {
    if (!read.objects().isEmpty() || read.hasErrors()) {
      return Optional.empty();
    }
    Set<String> names = new LinkedHashSet<>();
    for (FileSource.Input input : listing.inputs()) {
      names.add(input.name());
    }
    String what =
        names.isEmpty()
            ? "no .yaml, .yml or .json file found"
            : count(names.size(), "file")
                + " read ("
                + shown(names)
                + "), none holds a Kubernetes object";
    if (!listing.charts().isEmpty()) {
      what +=
          "; "
              + count(listing.charts().size(), "Helm chart")
              + " rendered to no object ("
              + shown(new LinkedHashSet<>(listing.charts()))
              + ")";
    }
    String where =
        String.join(
            ", ", arguments.stream().map(a -> a.equals(FileSource.STDIN) ? "<stdin>" : a).toList());
    return Optional.of(ScanError.error(where, 0, "nothing to scan: " + what));
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  private static String shown(Set<String> names) {
    List<String> all = List.copyOf(names);
    if (all.size() <= NAMES_SHOWN) {
      return String.join(", ", all);
    }
    return String.join(", ", all.subList(0, NAMES_SHOWN))
        + " and "
        + (all.size() - NAMES_SHOWN)
        + " more";
  }
}

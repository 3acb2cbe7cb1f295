package dev.kordon.bench;

import dev.kordon.admission.AdmissionRequest;
import dev.kordon.admission.Decision;
import dev.kordon.admission.PolicyReloader;
import dev.kordon.admission.ReviewCodec;
import dev.kordon.admission.Reviewer;
import dev.kordon.admission.RuleSource;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What one review costs the webhook apart from TLS and HTTP: parse of the AdmissionReview, the
 * decision, the response's bytes, in one thread, over every workload of a corpus in turn; prints
 * CPU microseconds per review (the thread's CPU time, which a loaded machine disturbs far less than
 * wall time), per round. Run under a profiler ({@code -agentpath:...libasyncProfiler.so=...} or
 * {@code -XX:StartFlightRecording=...}) to see where a review's time goes.
 *
 * <p>Arguments: CORPUS [SECONDS_PER_ROUND=5] [ROUNDS=5]
 */
public final class AdmissionReviewCost {
  private AdmissionReviewCost() {}

  public static void main(String[] args) {
    Path corpus = Path.of(args.length > 0 ? args[0] : "../shared/corpora/real-world");
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    List<byte[]> reviews = AdmissionLoad.reviews(corpus);
    ReviewCodec codec = new ReviewCodec();
    Reviewer reviewer =
        PolicyReloader.load(Optional.empty(), RuleSource.NONE, Clock.systemUTC(), s -> {})
            .current();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long bytes = 0;
    for (byte[] r : reviews) {
      bytes += r.length;
    }
    System.out.printf(
        Locale.ROOT,
        "%d reviews, %.1f KiB on average%n",
        reviews.size(),
        bytes / 1024.0 / reviews.size());
    long sink = 0;
    for (int round = 1; round <= rounds; round++) {
      long cpu0 = threads.getCurrentThreadCpuTime();
      long wall0 = System.nanoTime();
      long end = wall0 + seconds * 1_000_000_000L;
      int n = 0;
      while (System.nanoTime() < end) {
        for (byte[] body : reviews) {
          AdmissionRequest r = codec.parse(body);
          Decision d = reviewer.review(r);
          sink += codec.response(r.uid(), d).length;
          n++;
        }
      }
      long cpu = threads.getCurrentThreadCpuTime() - cpu0;
      long wall = System.nanoTime() - wall0;
      System.out.printf(
          Locale.ROOT,
          "round %d: %d reviews, %.1f µs CPU per review (%.0f reviews per CPU-second), %.1f µs"
              + " wall%n",
          round,
          n,
          cpu / 1e3 / n,
          n / (cpu / 1e9),
          wall / 1e3 / n);
    }
    if (sink == 42) {
      System.out.println();
    }
  }
}

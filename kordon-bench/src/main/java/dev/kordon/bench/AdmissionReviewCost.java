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
 *
 * <p>To profile only the warm rounds: put the {@code tools.profiler:async-profiler} jar on the
 * class path and set {@code -Dkordon.profile=LIBRARY} (its {@code linux-x64/libasyncProfiler.so},
 * unpacked), {@code -Dkordon.profile.args=event=cpu,interval=1ms} and {@code
 * -Dkordon.profile.file=out.collapsed}; the profiler starts with round {@code
 * -Dkordon.profile.from=3} and writes collapsed stacks after the last round.
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
    Profiler profiler = Profiler.fromProperties();
    for (int round = 1; round <= rounds; round++) {
      if (round == profiler.from()) {
        profiler.start();
      }
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
    profiler.stop();
    if (sink == 42) {
      System.out.println();
    }
  }

  /** async-profiler through its Java API, by reflection (the bench does not depend on it). */
  private record Profiler(String library, String args, String file, int from) {
    static Profiler fromProperties() {
      String lib = System.getProperty("kordon.profile", "");
      return new Profiler(
          lib,
          System.getProperty("kordon.profile.args", "event=cpu,interval=1ms"),
          System.getProperty("kordon.profile.file", "profile.collapsed"),
          lib.isEmpty() ? Integer.MAX_VALUE : Integer.getInteger("kordon.profile.from", 3));
    }

    void start() {
      execute("start," + args);
      System.out.println("profiler started: " + args);
    }

    void stop() {
      if (from != Integer.MAX_VALUE) {
        execute("stop,file=" + file + ",collapsed");
        System.out.println("profile written to " + file);
      }
    }

    private void execute(String command) {
      try {
        Class<?> c = Class.forName("one.profiler.AsyncProfiler");
        Object p = c.getMethod("getInstance", String.class).invoke(null, library);
        c.getMethod("execute", String.class).invoke(p, command);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("async-profiler: " + e, e);
      }
    }
  }
}

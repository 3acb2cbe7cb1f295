package dev.kordon.rules;

import dev.kordon.control.workload.PrivilegedContainer;
import dev.kordon.model.Finding;
import dev.kordon.model.KubeObject;
import dev.kordon.snapshot.PodSpecView;
import dev.kordon.snapshot.Snapshot;
import dev.kordon.source.FileSource;
import dev.kordon.source.ReadResult;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Not a test (never run by Surefire): {@code bench/rules-vs-builtin.sh} runs it. Evaluates the CEL
 * rule {@code org.no-privileged} (examples/rules) and the built-in Java control KOR-0001 over the
 * same workloads of the real-world corpus, checks they flag the same objects, and prints
 * evaluations per second of each and their ratio, measured in the same run.
 */
public final class RulesVsBuiltinBenchmark {
  private RulesVsBuiltinBenchmark() {}

  public static void main(String[] args) {
    Path corpus = Path.of(args.length > 0 ? args[0] : "../shared/corpora/real-world");
    Path rules = Path.of(args.length > 1 ? args[1] : "examples/rules");
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 5;

    ReadResult read =
        new FileSource().read(List.of(corpus.toString()), InputStream.nullInputStream());
    Snapshot snapshot = Snapshot.of(read.objects());
    KubeCel cel = new KubeCel();
    Rule rule =
        RuleFiles.load(List.of(rules.toString()), cel, Requester.DEFAULT).rules().stream()
            .filter(r -> r.info().id().equals("org.no-privileged"))
            .findFirst()
            .orElseThrow();
    PrivilegedContainer builtin = new PrivilegedContainer();

    List<KubeObject> objects = new ArrayList<>();
    List<PodSpecView> pods = new ArrayList<>();
    for (KubeObject o : snapshot.objects()) {
      var pod = PodSpecView.of(o);
      if (rule.appliesTo(o) && pod.isPresent()) {
        objects.add(o);
        pods.add(pod.get());
      }
    }
    Set<String> celFlagged = new TreeSet<>();
    Set<String> javaFlagged = new TreeSet<>();
    for (int i = 0; i < objects.size(); i++) {
      if (!rule.check(objects.get(i), snapshot).isEmpty()) {
        celFlagged.add(objects.get(i).ref().toString());
      }
      if (!builtin.check(pods.get(i), snapshot).isEmpty()) {
        javaFlagged.add(objects.get(i).ref().toString());
      }
    }
    System.out.printf(
        Locale.ROOT,
        "corpus: %d objects, %d workloads evaluated by both; flagged: CEL %d, Java %d, %s%n",
        snapshot.size(),
        objects.size(),
        celFlagged.size(),
        javaFlagged.size(),
        celFlagged.equals(javaFlagged) ? "same objects" : "DIFFERENT objects");

    // warm-up, then pairs of one-second measurements, alternating so that both see the same
    // machine load; the ratio is the median of the per-pair ratios
    measure(() -> celRound(rule, objects, snapshot), 2);
    measure(() -> javaRound(builtin, pods, snapshot), 2);
    Expression single =
        cel.compile(
                "bench",
                "(object.kind == 'Pod' ? object.spec : object.spec.template.spec).containers.all(c,"
                    + " !has(c.securityContext) || !has(c.securityContext.privileged)"
                    + " || c.securityContext.privileged != true)",
                KubeCel.Result.BOOL)
            .expression();
    measure(() -> exprRound(single, objects), 2);
    int pairs = Math.max(3, seconds);
    double[] exprRates = new double[pairs];
    double[] celRates = new double[pairs];
    double[] javaRates = new double[pairs];
    double[] ratios = new double[pairs];
    for (int i = 0; i < pairs; i++) {
      celRates[i] = measure(() -> celRound(rule, objects, snapshot), 1) * objects.size();
      exprRates[i] = measure(() -> exprRound(single, objects), 1) * objects.size();
      javaRates[i] = measure(() -> javaRound(builtin, pods, snapshot), 1) * objects.size();
      ratios[i] = javaRates[i] / celRates[i];
    }
    double celRate = median(celRates);
    double javaRate = median(javaRates);
    System.out.printf(
        Locale.ROOT,
        "CEL rule org.no-privileged : %,12.0f evaluations/s (median of %d s)%n",
        celRate,
        pairs);
    System.out.printf(
        Locale.ROOT,
        "built-in KOR-0001 (Java)   : %,12.0f evaluations/s (median of %d s)%n",
        javaRate,
        pairs);
    System.out.printf(
        Locale.ROOT,
        "ratio Java / CEL           : %12.1fx (median of per-second pairs; range %.1f-%.1f)%n",
        median(ratios),
        java.util.Arrays.stream(ratios).min().orElse(0),
        java.util.Arrays.stream(ratios).max().orElse(0));
    System.out.printf(
        Locale.ROOT, "CEL cost per evaluation    : %12.2f us%n", 1_000_000.0 / celRate);
    System.out.printf(
        Locale.ROOT,
        "one CEL expression only    : %,12.0f evaluations/s (containers only, no request,"
            + " variables or finding)%n",
        median(exprRates));
  }

  private static int exprRound(Expression e, List<KubeObject> objects) {
    int n = 0;
    for (KubeObject o : objects) {
      try {
        if (Boolean.FALSE.equals(e.eval(java.util.Map.of("object", KubeValues.of(o.raw()))))) {
          n++;
        }
      } catch (EvaluationError err) {
        throw new IllegalStateException(err.getMessage(), err);
      }
    }
    return n;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static int celRound(Rule rule, List<KubeObject> objects, Snapshot snapshot) {
    int n = 0;
    for (KubeObject o : objects) {
      List<Finding> f = rule.check(o, snapshot);
      n += f.size();
    }
    return n;
  }

  private static int javaRound(
      PrivilegedContainer builtin, List<PodSpecView> pods, Snapshot snapshot) {
    int n = 0;
    for (PodSpecView p : pods) {
      n += builtin.check(p, snapshot).size();
    }
    return n;
  }

  /** Rounds per second over about {@code seconds}. */
  private static double measure(java.util.function.IntSupplier round, int seconds) {
    long budget = seconds * 1_000_000_000L;
    long start = System.nanoTime();
    long rounds = 0;
    int sink = 0;
    while (System.nanoTime() - start < budget) {
      sink += round.getAsInt();
      rounds++;
    }
    long elapsed = System.nanoTime() - start;
    if (sink == Integer.MIN_VALUE) {
      System.out.println(sink);
    }
    return rounds / (elapsed / 1e9);
  }
}

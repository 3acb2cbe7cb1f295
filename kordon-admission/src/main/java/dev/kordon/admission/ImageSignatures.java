package dev.kordon.admission;

import dev.kordon.admission.signature.AcceptedSigners;
import dev.kordon.admission.signature.ExpiringCache;
import dev.kordon.admission.signature.ImagePattern;
import dev.kordon.admission.signature.RegistryAccess;
import dev.kordon.admission.signature.RegistryUnavailable;
import dev.kordon.admission.signature.SignatureVerdict;
import dev.kordon.admission.signature.SignatureVerdict.Status;
import dev.kordon.image.source.ImageRef;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Checks the signatures of a review's images, within a time budget, with two caches that outlive
 * policy reloads: tag to digest (a tag is resolved once per {@code tagTtl}), and verdict per
 * (requirement, repository, digest) (a verified digest is not verified again within {@code
 * verifiedTtl}; a rejected one not within {@code rejectedTtl}). Both hold futures, so concurrent
 * reviews of the same image wait for one registry request instead of sending their own.
 *
 * <p>Distinct images run in parallel on a small pool of its own. When the budget runs out, the
 * review is answered and the unfinished checks go on: they fill the caches, so the API server's
 * retry is answered at once.
 */
public final class ImageSignatures implements AutoCloseable {

  /** Entries of each cache. */
  public static final int DEFAULT_CAPACITY = 4096;

  /** Registry requests running at once. */
  public static final int DEFAULT_THREADS = 16;

  /** No registry access: a policy with signature rules is rejected, never ignored. */
  public static final ImageSignatures NONE = new ImageSignatures(null, 1, 1, System::nanoTime);

  /** One image under one rule. */
  public record Check(SignatureRule rule, SignatureVerdict verdict) {}

  /** A tag the registry does not know; cached as briefly as a rejected signature. */
  private static final class TagUnknown extends IOException {
    private static final long serialVersionUID = 1L;

    TagUnknown(String message) {
      super(message);
    }
  }

  private final RegistryAccess registry;
  private final ExecutorService pool;
  private final LongSupplier nanos;
  private final ExpiringCache<String, CompletableFuture<String>> tags;
  private final ExpiringCache<String, CompletableFuture<SignatureVerdict>> verdicts;
  private final Metrics.Counter cache =
      new Metrics.Counter(
          "kordon_admission_image_cache_total",
          "Image signature cache lookups by cache (tag, signature) and result (hit, miss).",
          "cache",
          "result");
  private final Metrics.Counter results =
      new Metrics.Counter(
          "kordon_admission_image_signature_checks_total",
          "Image signature checks by result (verified, unsigned, bad-signature, not-found,"
              + " unreachable, timed-out).",
          "result");
  private final Metrics.Histogram duration =
      new Metrics.Histogram(
          "kordon_admission_image_verification_duration_seconds",
          "Time spent checking the image signatures of one review (all images, in parallel).");

  private ImageSignatures(RegistryAccess registry, int capacity, int threads, LongSupplier nanos) {
    this.registry = registry;
    this.nanos = nanos;
    this.tags = new ExpiringCache<>(capacity, nanos);
    this.verdicts = new ExpiringCache<>(capacity, nanos);
    AtomicInteger n = new AtomicInteger();
    ThreadPoolExecutor p =
        new ThreadPoolExecutor(
            threads,
            threads,
            60,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "kordon-image-signatures-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    p.allowCoreThreadTimeOut(true);
    this.pool = p;
  }

  /** Checks through this registry access; {@code nanos} is the clock of the caches. */
  public static ImageSignatures create(
      RegistryAccess registry, int capacity, int threads, LongSupplier nanos) {
    return new ImageSignatures(registry, capacity, threads, nanos);
  }

  public static ImageSignatures create(RegistryAccess registry) {
    return create(registry, DEFAULT_CAPACITY, DEFAULT_THREADS, System::nanoTime);
  }

  public boolean available() {
    return registry != null;
  }

  /**
   * Checks every image under every rule that matches it. Images are distinct strings as the
   * workload writes them; the result has one entry per (image, matching rule).
   */
  public List<Check> check(List<String> images, ImageSignaturePolicy policy) {
    if (policy.isEmpty() || images.isEmpty()) {
      return List.of();
    }
    long start = nanos.getAsLong();
    Map<CompletableFuture<SignatureVerdict>, Pending> pending = new LinkedHashMap<>();
    List<Check> done = new ArrayList<>();
    for (String image : images.stream().distinct().toList()) {
      ImageRef ref;
      try {
        ref = ImageRef.parse(image);
      } catch (IllegalArgumentException e) {
        for (SignatureRule rule : policy.rules()) {
          if (rule.matchesText(image)) {
            done.add(
                new Check(
                    rule,
                    new SignatureVerdict(
                        Status.NOT_FOUND,
                        image,
                        "",
                        "not a valid image reference: " + e.getMessage())));
          }
        }
        continue;
      }
      List<SignatureRule> matching = policy.rules().stream().filter(r -> r.matches(ref)).toList();
      if (matching.isEmpty()) {
        continue;
      }
      if (registry == null) {
        throw new IllegalStateException("image signature checks need registry access");
      }
      CompletableFuture<String> digest = digest(ref, policy);
      for (SignatureRule rule : matching) {
        CompletableFuture<SignatureVerdict> v =
            digest
                .thenCompose(d -> verdict(ref, image, d, rule.requirement(), policy))
                .exceptionally(e -> unresolved(image, e));
        pending.put(v, new Pending(rule, image, digest));
      }
    }
    if (!pending.isEmpty()) {
      long left = policy.budget().toNanos() - (nanos.getAsLong() - start);
      try {
        CompletableFuture.allOf(pending.keySet().toArray(new CompletableFuture<?>[0]))
            .get(Math.max(0, left), TimeUnit.NANOSECONDS);
      } catch (TimeoutException late) {
        // the unfinished checks are answered below
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException cannotHappen) {
        // every future recovers from its failure with a verdict
      }
      for (Map.Entry<CompletableFuture<SignatureVerdict>, Pending> e : pending.entrySet()) {
        Pending p = e.getValue();
        SignatureVerdict v = e.getKey().getNow(null);
        if (v == null) {
          String d =
              p.digest().isDone() && !p.digest().isCompletedExceptionally()
                  ? p.digest().join()
                  : "";
          v =
              new SignatureVerdict(
                  Status.TIMED_OUT,
                  p.image(),
                  d,
                  (d.isEmpty() ? "resolving the tag" : "checking the signature")
                      + " did not finish within the budget of "
                      + policy.budget().toMillis()
                      + " ms");
        }
        done.add(new Check(p.rule(), v));
      }
      duration.observe((nanos.getAsLong() - start) / 1e9);
    }
    for (Check c : done) {
      results.inc(c.verdict().status().word());
    }
    return done;
  }

  private record Pending(SignatureRule rule, String image, CompletableFuture<String> digest) {}

  private static SignatureVerdict unresolved(String image, Throwable e) {
    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    if (cause instanceof TagUnknown) {
      return new SignatureVerdict(Status.NOT_FOUND, image, "", cause.getMessage());
    }
    if (cause instanceof RegistryUnavailable) {
      return new SignatureVerdict(
          Status.UNREACHABLE, image, "", "registry unreachable: " + cause.getMessage());
    }
    return new SignatureVerdict(
        Status.BAD_SIGNATURE, image, "", "cannot resolve the tag: " + cause.getMessage());
  }

  /** The digest of a reference: its own when pinned, else the tag's, resolved once per TTL. */
  private CompletableFuture<String> digest(ImageRef ref, ImageSignaturePolicy policy) {
    if (!ref.digest().isEmpty()) {
      return CompletableFuture.completedFuture(ref.digest());
    }
    String key = ref.toString();
    CompletableFuture<String> fresh = new CompletableFuture<>();
    CompletableFuture<String> f = tags.getOrPut(key, fresh);
    if (f != fresh) {
      cache.inc("tag", "hit");
      return f;
    }
    cache.inc("tag", "miss");
    pool.execute(
        () -> {
          try {
            Optional<String> d = registry.digest(ref);
            if (d.isEmpty()) {
              throw new TagUnknown("tag " + ref.tag() + " is unknown to the registry");
            }
            // the lifetime is set before the answer is out: whoever gets the answer and asks
            // again must find the cache as the answer left it
            tags.expire(key, fresh, policy.tagTtl().toNanos());
            fresh.complete(d.get());
          } catch (TagUnknown e) {
            tags.expire(key, fresh, policy.rejectedTtl().toNanos());
            fresh.completeExceptionally(e);
          } catch (IOException | RuntimeException e) {
            tags.expire(key, fresh, 0);
            fresh.completeExceptionally(e);
          }
        });
    return fresh;
  }

  /** The verdict of a requirement on a digest, checked once per TTL. */
  private CompletableFuture<SignatureVerdict> verdict(
      ImageRef ref,
      String image,
      String digest,
      AcceptedSigners requirement,
      ImageSignaturePolicy policy) {
    String key = requirement.id() + " " + ImagePattern.name(ref) + "@" + digest;
    CompletableFuture<SignatureVerdict> fresh = new CompletableFuture<>();
    CompletableFuture<SignatureVerdict> f = verdicts.getOrPut(key, fresh);
    if (f != fresh) {
      cache.inc("signature", "hit");
      // a cached verdict names the image that was checked first: name this one
      return f.thenApply(v -> new SignatureVerdict(v.status(), image, v.digest(), v.detail()));
    }
    cache.inc("signature", "miss");
    pool.execute(
        () -> {
          SignatureVerdict v;
          try {
            v = requirement.check(registry, ref, image, digest);
          } catch (RegistryUnavailable e) {
            v =
                new SignatureVerdict(
                    Status.UNREACHABLE, image, digest, "registry unreachable: " + e.getMessage());
          } catch (IOException | RuntimeException e) {
            v =
                new SignatureVerdict(
                    Status.BAD_SIGNATURE, image, digest, "unusable signature: " + e.getMessage());
          }
          long ttl =
              switch (v.status()) {
                case VERIFIED -> policy.verifiedTtl().toNanos();
                case UNREACHABLE, TIMED_OUT -> 0;
                default -> policy.rejectedTtl().toNanos();
              };
          verdicts.expire(key, fresh, ttl);
          fresh.complete(v);
        });
    return fresh;
  }

  /** The image metrics, appended to the server's. */
  void render(StringBuilder sb) {
    cache.render(sb);
    results.render(sb);
    duration.render(sb);
  }

  /** The exposition text of the image metrics alone. */
  public String metrics() {
    StringBuilder sb = new StringBuilder();
    render(sb);
    return sb.toString();
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }

  /** For tests: entries in the caches. */
  int cachedTags() {
    return tags.size();
  }
}

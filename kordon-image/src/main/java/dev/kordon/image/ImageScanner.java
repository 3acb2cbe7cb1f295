package dev.kordon.image;

import dev.kordon.image.inventory.ImageInventory;
import dev.kordon.image.report.ImageScan;
import dev.kordon.image.sign.ImageSignatureVerifier;
import dev.kordon.image.sign.SignatureResult;
import dev.kordon.image.vuln.EndOfLife;
import dev.kordon.image.vuln.OsvDatabase;
import dev.kordon.image.vuln.VulnerabilityMatcher;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.IntConsumer;

/**
 * Reads images a few at a time, each once: inventory, vulnerabilities, the end of its OS, and its
 * cosign signature when a verifier is given. An image that cannot be read is an outcome with a
 * problem, never the end of the others.
 */
public final class ImageScanner {

  /** How many images are read at once: registry round trips overlap, memory stays bounded. */
  public static final int DEFAULT_THREADS = 4;

  /**
   * What reading one image gave.
   *
   * @param scan the image's inventory and matches, when it could be read
   * @param signature the cosign verdict, when a verifier was given and the image could be read
   * @param problem why the image could not be read (empty when it was)
   */
  public record Outcome(
      String image, Optional<ImageScan> scan, Optional<SignatureResult> signature, String problem) {
    public boolean read() {
      return scan.isPresent();
    }
  }

  private final VulnerabilityMatcher matcher;
  private final EndOfLife endOfLife;
  private final LocalDate today;
  private final int threads;

  public ImageScanner(OsvDatabase db, EndOfLife endOfLife, LocalDate today, int threads) {
    this.matcher = new VulnerabilityMatcher(db);
    this.endOfLife = endOfLife;
    this.today = today;
    this.threads = threads;
  }

  /**
   * Reads each distinct image once, in the order given.
   *
   * @param readers the reader for an image (its registry credentials may depend on who uses it)
   * @param progress told 1 as each image is done
   */
  public List<Outcome> scan(
      List<String> images,
      Function<String, ImageReader> readers,
      Optional<ImageSignatureVerifier> verifier,
      IntConsumer progress)
      throws InterruptedException {
    List<String> distinct = images.stream().distinct().toList();
    if (distinct.isEmpty()) {
      return List.of();
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, distinct.size()));
    try {
      List<Future<Outcome>> futures = new ArrayList<>();
      for (String image : distinct) {
        futures.add(
            pool.submit(
                () -> {
                  try {
                    return one(image, readers.apply(image), verifier);
                  } finally {
                    progress.accept(1);
                  }
                }));
      }
      List<Outcome> out = new ArrayList<>();
      for (int i = 0; i < distinct.size(); i++) {
        try {
          out.add(futures.get(i).get());
        } catch (ExecutionException e) {
          out.add(failed(distinct.get(i), e.getCause()));
        }
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  private Outcome one(String image, ImageReader reader, Optional<ImageSignatureVerifier> verifier) {
    ImageScan scan;
    try {
      ImageInventory inv = reader.read(image);
      scan = new ImageScan(inv, matcher.match(inv.packages()), endOfLife.ended(inv.os(), today));
    } catch (IOException | RuntimeException e) {
      return failed(image, e);
    }
    Optional<SignatureResult> signature = Optional.empty();
    if (verifier.isPresent()) {
      try {
        signature = Optional.of(reader.verify(image, verifier.get()));
      } catch (IOException e) {
        signature =
            Optional.of(
                new SignatureResult(
                    image,
                    scan.inventory().digest(),
                    false,
                    "",
                    "",
                    "signature could not be checked: " + withoutImage(e.getMessage(), image)));
      }
    }
    return new Outcome(image, Optional.of(scan), signature, "");
  }

  private static Outcome failed(String image, Throwable cause) {
    String message =
        cause instanceof IOException && cause.getMessage() != null
            ? withoutImage(cause.getMessage(), image)
            : "cannot read the image: " + cause;
    return new Outcome(image, Optional.empty(), Optional.empty(), message);
  }

  /** The error names the image already where it is reported: say it once. */
  public static String withoutImage(String message, String image) {
    if (message == null) {
      return "";
    }
    return message.startsWith(image + " ") || message.startsWith(image + ":")
        ? message.substring(image.length()).replaceFirst("^:?\\s*", "")
        : message;
  }
}

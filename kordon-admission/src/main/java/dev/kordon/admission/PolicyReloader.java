package dev.kordon.admission;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The policy in force, and its reload when the file changes. The file is compared by content, not
 * by modification time: a ConfigMap volume swaps a symlink and keeps old timestamps. A new file
 * that fails to parse or compile is rejected with one log line, and the previous policy stays in
 * force.
 */
public final class PolicyReloader {

  private final Optional<Path> file;
  private final RuleSource rules;
  private final ImageSignatures signatures;
  private final Clock clock;
  private final Consumer<String> log;
  private final AtomicReference<Reviewer> current = new AtomicReference<>();
  private byte[] lastDigest = new byte[0];

  private PolicyReloader(
      Optional<Path> file,
      RuleSource rules,
      ImageSignatures signatures,
      Clock clock,
      Consumer<String> log) {
    this.file = file;
    this.rules = rules;
    this.signatures = signatures;
    this.clock = clock;
    this.log = log;
  }

  /**
   * Loads the policy (or the default when there is no file).
   *
   * @throws RuntimeException when the file is unreadable or invalid: a webhook must not start with
   *     a policy other than the one asked for
   */
  public static PolicyReloader load(
      Optional<Path> file, RuleSource rules, Clock clock, Consumer<String> log) {
    return load(file, rules, ImageSignatures.NONE, clock, log);
  }

  /**
   * Loads the policy; image signature rules are checked through {@code signatures}, which every
   * later policy shares (its caches survive reloads).
   */
  public static PolicyReloader load(
      Optional<Path> file,
      RuleSource rules,
      ImageSignatures signatures,
      Clock clock,
      Consumer<String> log) {
    PolicyReloader r = new PolicyReloader(file, rules, signatures, clock, log);
    if (file.isEmpty()) {
      r.current.set(Reviewer.compile(AdmissionPolicy.DEFAULT, rules, signatures, clock));
    } else {
      byte[] bytes = read(file.get());
      r.current.set(Reviewer.compile(PolicyFile.read(file.get()), rules, signatures, clock));
      r.lastDigest = digest(bytes);
    }
    return r;
  }

  public Reviewer current() {
    return current.get();
  }

  public Optional<Path> file() {
    return file;
  }

  /** The image signature checks every policy of this reloader uses. */
  public ImageSignatures signatures() {
    return signatures;
  }

  /**
   * Reloads the file when its content changed.
   *
   * @return empty when nothing changed; true when the new policy is in force; false when it was
   *     rejected
   */
  public synchronized Optional<Boolean> check() {
    if (file.isEmpty()) {
      return Optional.empty();
    }
    byte[] bytes;
    try {
      bytes = read(file.get());
    } catch (RuntimeException e) {
      return Optional.empty(); // mid-swap or removed: keep the policy, try again next time
    }
    byte[] d = digest(bytes);
    if (Arrays.equals(d, lastDigest)) {
      return Optional.empty();
    }
    lastDigest = d;
    try {
      current.set(Reviewer.compile(PolicyFile.read(file.get()), rules, signatures, clock));
      log.accept("policy reloaded from " + file.get());
      return Optional.of(true);
    } catch (RuntimeException e) {
      log.accept(
          "policy "
              + file.get()
              + " rejected, the previous policy stays in force: "
              + Text.printable(String.valueOf(e.getMessage())));
      return Optional.of(false);
    }
  }

  private static byte[] read(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new IllegalArgumentException(p + ": cannot read: " + e.getMessage(), e);
    }
  }

  private static byte[] digest(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JVM", e);
    }
  }
}

package dev.kordon.control;

import dev.kordon.control.image.ImageFacts;
import java.time.LocalDate;
import java.util.List;

/**
 * Configuration of the built-in controls. Controls receive it at construction, so that their check
 * methods stay pure.
 *
 * @param allowedRegistries image registries (host, or host/path prefix) considered trusted; blank
 *     entries are dropped, and an empty list disables the allowlist (KOR-0064)
 * @param sandboxRuntimeClasses runtimeClassNames that count as a sandbox (gVisor, Kata)
 * @param today the scan date, for controls that judge dates (version support); the CLI sets the
 *     real date, the default is a fixed day so that tests and fixtures never depend on the clock
 * @param images what reading the workloads' images found ({@code scan --images}); none by default
 */
public record ControlSettings(
    List<String> allowedRegistries,
    List<String> sandboxRuntimeClasses,
    LocalDate today,
    ImageFacts images) {

  /** The date {@link #DEFAULT} judges against. */
  public static final LocalDate FIXED_TODAY = LocalDate.of(2026, 1, 15);

  public static final ControlSettings DEFAULT =
      new ControlSettings(
          List.of(
              "docker.io",
              "registry.k8s.io",
              "gcr.io",
              "ghcr.io",
              "quay.io",
              "public.ecr.aws",
              "mcr.microsoft.com",
              "cgr.dev"),
          List.of("gvisor", "runsc", "kata", "kata-containers", "kata-qemu", "kata-fc"),
          FIXED_TODAY);

  public ControlSettings {
    // blank entries name no registry: `--allowed-registries ""` is the empty list, which
    // disables the allowlist, not a list whose one entry allows nothing
    allowedRegistries =
        allowedRegistries.stream().map(String::strip).filter(r -> !r.isEmpty()).toList();
    sandboxRuntimeClasses = List.copyOf(sandboxRuntimeClasses);
    java.util.Objects.requireNonNull(today, "today");
    java.util.Objects.requireNonNull(images, "images");
  }

  public ControlSettings(
      List<String> allowedRegistries, List<String> sandboxRuntimeClasses, LocalDate today) {
    this(allowedRegistries, sandboxRuntimeClasses, today, ImageFacts.NONE);
  }

  public ControlSettings withAllowedRegistries(List<String> registries) {
    return new ControlSettings(registries, sandboxRuntimeClasses, today, images);
  }

  public ControlSettings withToday(LocalDate date) {
    return new ControlSettings(allowedRegistries, sandboxRuntimeClasses, date, images);
  }

  public ControlSettings withImages(ImageFacts facts) {
    return new ControlSettings(allowedRegistries, sandboxRuntimeClasses, today, facts);
  }
}

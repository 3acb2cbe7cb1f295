package dev.kordon.control;

import java.util.List;

/**
 * Configuration of the built-in controls. Controls receive it at construction, so that their check
 * methods stay pure.
 *
 * @param allowedRegistries image registries (host, or host/path prefix) considered trusted
 * @param sandboxRuntimeClasses runtimeClassNames that count as a sandbox (gVisor, Kata)
 */
public record ControlSettings(List<String> allowedRegistries, List<String> sandboxRuntimeClasses) {

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
          List.of("gvisor", "runsc", "kata", "kata-containers", "kata-qemu", "kata-fc"));

  public ControlSettings {
    allowedRegistries = List.copyOf(allowedRegistries);
    sandboxRuntimeClasses = List.copyOf(sandboxRuntimeClasses);
  }

  public ControlSettings withAllowedRegistries(List<String> registries) {
    return new ControlSettings(registries, sandboxRuntimeClasses);
  }
}

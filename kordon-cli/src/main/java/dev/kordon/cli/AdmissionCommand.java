package dev.kordon.cli;

import dev.kordon.admission.AdmissionPolicy;
import dev.kordon.admission.AdmissionServer;
import dev.kordon.admission.ImageSignatures;
import dev.kordon.admission.InstallManifests;
import dev.kordon.admission.PolicyFile;
import dev.kordon.admission.PolicyReloader;
import dev.kordon.admission.TlsEngine;
import dev.kordon.admission.signature.RegistryAccess;
import dev.kordon.cluster.ClusterUnreachable;
import dev.kordon.cluster.ManifestApplier;
import dev.kordon.image.source.DockerConfig;
import dev.kordon.image.source.RegistryClient;
import dev.kordon.report.Report;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kordon admission serve|install}: the validating admission webhook. */
final class AdmissionCommand {
  private AdmissionCommand() {}

  static CommandLine create(Io io) {
    CommandLine cl = new CommandLine(new Group());
    cl.addSubcommand("serve", new Serve(io));
    cl.addSubcommand("install", new Install(io));
    return cl;
  }

  @Command(
      name = "admission",
      mixinStandardHelpOptions = true,
      description =
          "Run Kordon as a Kubernetes validating admission webhook: the same controls and Pod"
              + " Security Standards as 'kordon scan', applied to every workload as it arrives.",
      footer = {
        "",
        "Examples:",
        "  kordon admission install --namespace kordon > kordon-admission.yaml",
        "  kordon admission serve --tls-cert tls.crt --tls-key tls.key \\",
        "      --policy policy.yaml"
      })
  static final class Group extends CommandGroup {}

  @Command(
      name = "serve",
      mixinStandardHelpOptions = true,
      description = {
        "Serve admission.k8s.io/v1 AdmissionReviews on POST /validate over HTTPS (TLS 1.2 and"
            + " 1.3), with /healthz, /readyz and /metrics (Prometheus) on the same port unless"
            + " --metrics-port is given.",
        "Without --policy: Pod Security baseline (latest) enforced where a namespace has no"
            + " labels, restricted as warning and audit; critical controls enforced, high ones"
            + " as warnings, the rest in the audit log. The policy file is reloaded when it"
            + " changes; an invalid new file is logged and the previous policy stays in force."
      },
      footer = {
        "",
        "Exit codes: 2 when the key, certificate or policy cannot be used or the port is taken.",
        "",
        "Examples:",
        "  kordon admission serve --tls-cert /etc/kordon/tls/tls.crt \\",
        "      --tls-key /etc/kordon/tls/tls.key --policy /etc/kordon/policy/policy.yaml",
        "  kordon admission serve --tls-cert tls.crt --tls-key tls.key --port 9443 \\",
        "      --metrics-port 9090"
      })
  static final class Serve implements Callable<Integer> {
    private final Io io;

    Serve(Io io) {
      this.io = io;
    }

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--tls-cert",
        required = true,
        paramLabel = "FILE",
        description = "Serving certificate chain, PEM.")
    Path cert;

    @Option(
        names = "--tls-key",
        required = true,
        paramLabel = "FILE",
        description = "Private key, PEM: PKCS#8, PKCS#1 (RSA) or SEC 1 (EC).")
    Path key;

    @Option(names = "--policy", paramLabel = "FILE", description = "AdmissionPolicy file.")
    Path policy;

    @Option(
        names = "--port",
        defaultValue = "8443",
        description = "HTTPS port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(
        names = "--address",
        defaultValue = "0.0.0.0",
        description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String address;

    @Option(
        names = "--metrics-port",
        paramLabel = "PORT",
        description = "Serve /healthz, /readyz and /metrics on this plain-HTTP port instead.")
    Integer metricsPort;

    @Option(
        names = "--workers",
        paramLabel = "N",
        description = "Evaluation threads (default: twice the processors).")
    Integer workers;

    @Option(
        names = "--tls-engine",
        defaultValue = "auto",
        paramLabel = "ENGINE",
        description =
            "TLS implementation: auto (OpenSSL where its bundled library loads: Linux x86_64 and"
                + " aarch64; else the JDK's), openssl (refuse to start without it) or jdk"
                + " (default: ${DEFAULT-VALUE}).")
    String tlsEngine;

    @Option(
        names = "--docker-config",
        paramLabel = "FILE",
        description =
            "Registry credentials for the policy's imageSignatures checks: a Docker config.json"
                + " or a mounted .dockerconfigjson (default: the Docker client's own config.json; anonymous"
                + " when absent). Never printed.")
    Path dockerConfig;

    @Option(
        names = "--shutdown-delay",
        defaultValue = "5",
        paramLabel = "SECONDS",
        description =
            "On SIGTERM, report not ready and keep serving this long before stopping, while the"
                + " Service stops routing to this pod (default: ${DEFAULT-VALUE}).")
    int shutdownDelay;

    @Override
    public Integer call() throws Exception {
      java.util.function.Supplier<AdmissionServer.Tls> tls =
          () -> {
            try {
              return new AdmissionServer.Tls(
                  Files.readString(cert, StandardCharsets.US_ASCII),
                  Files.readString(key, StandardCharsets.US_ASCII));
            } catch (IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          };
      TlsEngine engine;
      try {
        engine = TlsEngine.of(tlsEngine);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--tls-engine: " + e.getMessage());
      }
      tls.get(); // unreadable files are a usage error before anything starts
      Path credentials =
          dockerConfig != null
              ? dockerConfig
              : Path.of(System.getProperty("user.home"), ".docker", "config.json");
      if (dockerConfig != null && !Files.isReadable(dockerConfig)) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--docker-config: cannot read " + dockerConfig);
      }
      // registry requests give up after 10 s: a check that outlives its review's budget still
      // fills the caches for the API server's retry, but never holds a thread for long
      ImageSignatures signatures =
          ImageSignatures.create(
              RegistryAccess.of(
                  new RegistryClient(
                      DockerConfig.load(credentials), false, Duration.ofSeconds(10))));
      PolicyReloader reloader =
          PolicyReloader.load(
              Optional.ofNullable(policy),
              new CelRuleSource(),
              signatures,
              Clock.systemUTC(),
              this::log);
      AdmissionServer.Options options =
          AdmissionServer.Options.defaults().withAddress(address, port).withTlsEngine(engine);
      if (metricsPort != null) {
        options = options.withMetricsPort(metricsPort);
      }
      if (workers != null) {
        options = options.withPool(workers, options.maxInFlight());
      }
      AdmissionServer server = AdmissionServer.start(tls, reloader, options, this::log);
      log(
          "kordon "
              + Report.Tool.KORDON.version()
              + " admission webhook listening on https://"
              + address
              + ":"
              + server.port()
              + "/validate with "
              + (policy == null ? "the default policy" : "policy " + policy));
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    server.drain();
                    log("stopping in " + shutdownDelay + " s");
                    try {
                      Thread.sleep(Duration.ofSeconds(shutdownDelay).toMillis());
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                    server.close();
                    signatures.close();
                    stopped.countDown();
                  },
                  "kordon-shutdown"));
      stopped.await();
      return ExitCode.OK;
    }

    private void log(String line) {
      io.err().println(Instant.now() + " " + line);
    }
  }

  @Command(
      name = "install",
      mixinStandardHelpOptions = true,
      description = {
        "Print ready-to-apply YAML for the webhook: Namespace, ServiceAccount, a Secret with a"
            + " freshly generated CA and serving certificate, the policy ConfigMap, a Deployment"
            + " (2 replicas, non-root, read-only root filesystem), a PodDisruptionBudget, the"
            + " Service and the ValidatingWebhookConfiguration.",
        "kube-system and Kordon's own namespace are exempt, so that the webhook can never block"
            + " its own recovery."
      },
      footer = {
        "",
        "failurePolicy is Ignore unless --failure-policy Fail is given: while the webhook is not"
            + " serving (image not pulled yet, all pods down), Ignore lets workloads through"
            + " unchecked, Fail blocks every matching create cluster-wide. Opt into Fail once the"
            + " webhook has run healthy.",
        "",
        "Exit codes: 2 for a usage error (e.g. no --image on a development build), 1 when"
            + " --apply could not finish (the webhook configuration is then not applied).",
        "",
        "Examples:",
        "  kordon admission install --image ghcr.io/kordon-dev/kordon:0.1.0 \\",
        "      > webhook.yaml",
        "  kordon admission install --image registry.example.com/kordon:0.1.0 \\",
        "      --apply --wait 180",
        "  kordon admission install --namespace security --failure-policy Fail \\",
        "      --policy policy.yaml --image registry.example.com/kordon:0.1.0 \\",
        "      > webhook.yaml"
      })
  static final class Install implements Callable<Integer> {
    private final Io io;

    Install(Io io) {
      this.io = io;
    }

    @Option(
        names = "--namespace",
        defaultValue = "kordon",
        description = "Namespace to install into (default: ${DEFAULT-VALUE}).")
    String namespace;

    @Option(
        names = "--service",
        defaultValue = "kordon-admission",
        description = "Name of the Service and other objects (default: ${DEFAULT-VALUE}).")
    String service;

    @Option(
        names = "--failure-policy",
        defaultValue = "Ignore",
        paramLabel = "Fail|Ignore",
        description =
            "What the API server does when the webhook cannot be reached (default:"
                + " ${DEFAULT-VALUE}, so that a webhook that is not up yet blocks nothing).")
    String failurePolicy;

    @Option(
        names = "--image",
        paramLabel = "IMAGE",
        description =
            "Container image running 'kordon' (default: the released image of this version;"
                + " required on a development build, which has none).")
    String image;

    @Option(
        names = "--apply",
        description =
            "Apply to the cluster instead of printing: everything but the webhook configuration,"
                + " then wait for the webhook's pods to be ready, then the configuration.")
    boolean apply;

    @Option(
        names = "--wait",
        defaultValue = "180",
        paramLabel = "SECONDS",
        description = "With --apply: how long to wait for readiness (default: ${DEFAULT-VALUE}).")
    int waitSeconds;

    @Option(
        names = "--kubeconfig",
        paramLabel = "FILE",
        description = "With --apply: kubeconfig (default: ~/.kube/config, $KUBECONFIG).")
    String kubeconfig = "";

    @Option(
        names = "--context",
        paramLabel = "NAME",
        description = "With --apply: kubeconfig context (default: the current one).")
    String context = "";

    @Option(
        names = "--timeout-seconds",
        defaultValue = "5",
        description = "The API server's timeout for one review (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(
        names = "--validity-days",
        defaultValue = "365",
        description = "Validity of the generated certificates (default: ${DEFAULT-VALUE}).")
    int validityDays;

    @Option(
        names = "--policy",
        paramLabel = "FILE",
        description =
            "Policy for the ConfigMap (default: the built-in policy, written out). Key files its"
                + " imageSignatures name go into the ConfigMap next to it.")
    Path policy;

    @Option(
        names = "--registry-secret",
        paramLabel = "NAME",
        description =
            "A kubernetes.io/dockerconfigjson Secret in the install namespace, mounted for the"
                + " registry credentials of imageSignatures checks (default: anonymous access).")
    String registrySecret = "";

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      Optional<String> released = ReleasedImage.of(Report.Tool.KORDON.version());
      if (image == null && released.isEmpty()) {
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            "--image is required: "
                + Report.Tool.KORDON.version()
                + " is a development build and has no released image; build one with"
                + " './mvnw package' (kordon-dist/target/kordon-image-*.tar), push it, e.g."
                + " 'skopeo copy oci-archive:kordon-dist/target/kordon-image-"
                + Report.Tool.KORDON.version()
                + ".tar docker://REGISTRY/kordon:TAG', and pass --image REGISTRY/kordon:TAG");
      }
      if (!apply && (!kubeconfig.isEmpty() || !context.isEmpty())) {
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            (kubeconfig.isEmpty() ? "--context" : "--kubeconfig") + " needs --apply");
      }
      String text = PolicyFile.DEFAULT_TEXT;
      java.util.Map<String, String> files = new java.util.TreeMap<>();
      if (policy != null) {
        // refuse to install a policy the webhook would refuse
        AdmissionPolicy parsed = PolicyFile.read(policy);
        text = Files.readString(policy, StandardCharsets.UTF_8);
        Path base = policy.toAbsolutePath().getParent();
        for (String keyFile : parsed.imageSignatures().keyFiles()) {
          files.put(keyFile, Files.readString(base.resolve(keyFile), StandardCharsets.US_ASCII));
        }
        Duration budget = parsed.imageSignatures().budget();
        Duration evaluation = AdmissionServer.Options.defaults().evaluationTimeout();
        long need = evaluation.plus(budget).plusSeconds(1).toMillis();
        if (!parsed.imageSignatures().isEmpty() && timeoutSeconds * 1000L < need) {
          throw new CommandLine.ParameterException(
              spec.commandLine(),
              "--timeout-seconds "
                  + timeoutSeconds
                  + " is too short for the policy's image signature checks: a review may take "
                  + evaluation.toMillis()
                  + " ms (evaluation) + "
                  + budget.toMillis()
                  + " ms (imageVerification.budget); give at least "
                  + (need + 999) / 1000
                  + " or lower the budget");
        }
      }
      InstallManifests m;
      try {
        m =
            new InstallManifests(
                namespace,
                service,
                image != null ? image : released.orElseThrow(),
                failurePolicy,
                timeoutSeconds,
                Duration.ofDays(validityDays),
                text,
                files,
                registrySecret);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
      }
      String yaml = m.render(Instant.now());
      if (!apply) {
        io.out().print(yaml);
        io.out().flush();
        return ExitCode.OK;
      }
      ManifestApplier.Outcome outcome;
      try (ManifestApplier applier = ManifestApplier.connect(kubeconfig, context)) {
        outcome =
            applier.apply(
                yaml, Duration.ofSeconds(waitSeconds), line -> io.err().println("kordon: " + line));
      } catch (ClusterUnreachable e) {
        io.err().println("kordon: error: " + e.getMessage());
        return ExitCode.ERROR;
      }
      if (!outcome.webhooksApplied()) {
        io.err().println("kordon: error: " + outcome.problem());
        return ExitCode.FINDINGS;
      }
      io.err()
          .println(
              "kordon: the webhook is ready and registered (failurePolicy " + failurePolicy + ")");
      return ExitCode.OK;
    }
  }
}

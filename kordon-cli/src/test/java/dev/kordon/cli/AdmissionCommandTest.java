package dev.kordon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kordon.admission.AdmissionPolicy;
import dev.kordon.admission.PolicyFile;
import dev.kordon.report.JsonOutput;
import dev.kordon.source.YamlTrees;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class AdmissionCommandTest {

  @TempDir Path dir;

  private static List<JsonNode> install(String... extra) {
    List<String> args = new ArrayList<>(List.of("admission", "install"));
    args.addAll(List.of(extra));
    if (!args.contains("--image")) { // a development build has no released image to default to
      args.addAll(List.of("--image", "registry.example/kordon:0.1.0"));
    }
    CliRun run = CliRun.of(args.toArray(new String[0]));
    assertThat(run.code()).as(run.err()).isZero();
    return YamlTrees.parseAll("install.yaml", run.out());
  }

  private static JsonNode ofKind(List<JsonNode> docs, String kind) {
    return docs.stream()
        .filter(d -> d.path("kind").asString("").equals(kind))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind));
  }

  private static X509Certificate cert(String base64Pem) throws Exception {
    return (X509Certificate)
        CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(base64Pem)));
  }

  @Test
  void installPrintsEveryObjectWithTheFieldsTheWebhookNeeds() throws Exception {
    List<JsonNode> docs = install("--namespace", "security", "--failure-policy", "Ignore");
    assertThat(docs.stream().map(d -> d.path("kind").asString()).toList())
        .containsExactly(
            "Namespace",
            "ServiceAccount",
            "Secret",
            "ConfigMap",
            "Deployment",
            "PodDisruptionBudget",
            "Service",
            "ValidatingWebhookConfiguration");
    for (JsonNode d : docs.subList(1, docs.size() - 1)) {
      assertThat(d.path("metadata").path("namespace").asString()).isEqualTo("security");
    }

    JsonNode deploy = ofKind(docs, "Deployment");
    assertThat(deploy.at("/spec/replicas").asInt()).isEqualTo(2);
    JsonNode pod = deploy.at("/spec/template/spec");
    assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
    assertThat(pod.at("/automountServiceAccountToken").asBoolean(true)).isFalse();
    JsonNode c = pod.at("/containers/0");
    assertThat(c.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
    assertThat(c.at("/securityContext/allowPrivilegeEscalation").asBoolean(true)).isFalse();
    assertThat(c.at("/securityContext/capabilities/drop/0").asString()).isEqualTo("ALL");
    assertThat(c.at("/resources/requests/cpu").isMissingNode()).isFalse();
    assertThat(c.at("/resources/limits/memory").isMissingNode()).isFalse();
    assertThat(c.at("/readinessProbe/httpGet/path").asString()).isEqualTo("/readyz");
    assertThat(c.at("/readinessProbe/httpGet/scheme").asString()).isEqualTo("HTTPS");
    assertThat(c.at("/livenessProbe/httpGet/path").asString()).isEqualTo("/healthz");
    List<String> args = new ArrayList<>();
    c.path("args").forEach(a -> args.add(a.asString()));
    assertThat(args)
        .startsWith("admission", "serve")
        .contains("--tls-cert=/etc/kordon/tls/tls.crt", "--policy=/etc/kordon/policy/policy.yaml");
    assertThat(pod.at("/volumes/0/secret/secretName").asString()).isEqualTo("kordon-admission-tls");

    JsonNode pdb = ofKind(docs, "PodDisruptionBudget");
    assertThat(pdb.at("/spec/minAvailable").asInt()).isEqualTo(1);
    JsonNode podLabels = deploy.at("/spec/template/metadata/labels");
    pdb.at("/spec/selector/matchLabels")
        .properties()
        .forEach(e -> assertThat(podLabels.path(e.getKey())).isEqualTo(e.getValue()));
    JsonNode svc = ofKind(docs, "Service");
    svc.at("/spec/selector")
        .properties()
        .forEach(e -> assertThat(podLabels.path(e.getKey())).isEqualTo(e.getValue()));
    assertThat(svc.at("/spec/ports/0/port").asInt()).isEqualTo(443);

    JsonNode vwc = ofKind(docs, "ValidatingWebhookConfiguration");
    JsonNode hook = vwc.at("/webhooks/0");
    assertThat(hook.path("sideEffects").asString()).isEqualTo("None");
    assertThat(hook.at("/admissionReviewVersions").toString()).isEqualTo("[\"v1\"]");
    assertThat(hook.path("timeoutSeconds").asInt()).isBetween(1, 10);
    assertThat(hook.path("failurePolicy").asString()).isEqualTo("Ignore");
    assertThat(hook.at("/clientConfig/service/name").asString()).isEqualTo("kordon-admission");
    assertThat(hook.at("/clientConfig/service/namespace").asString()).isEqualTo("security");
    assertThat(hook.at("/clientConfig/service/path").asString()).isEqualTo("/validate");
    JsonNode exempt = hook.at("/namespaceSelector/matchExpressions/0");
    assertThat(exempt.path("key").asString()).isEqualTo("kubernetes.io/metadata.name");
    assertThat(exempt.path("operator").asString()).isEqualTo("NotIn");
    assertThat(exempt.path("values").toString()).isEqualTo("[\"kube-system\",\"security\"]");
    List<String> resources = new ArrayList<>();
    hook.path("rules").forEach(r -> r.path("resources").forEach(x -> resources.add(x.asString())));
    assertThat(resources)
        .contains("pods", "pods/ephemeralcontainers", "deployments", "statefulsets", "cronjobs");

    // the caBundle is the CA that signed the serving certificate, for the Service's DNS names
    JsonNode secret = ofKind(docs, "Secret");
    assertThat(secret.path("type").asString()).isEqualTo("kubernetes.io/tls");
    X509Certificate ca = cert(hook.at("/clientConfig/caBundle").asString());
    X509Certificate serving = cert(secret.at("/data/tls.crt").asString());
    assertThat(cert(secret.at("/data/ca.crt").asString())).isEqualTo(ca);
    serving.verify(ca.getPublicKey());
    List<String> names = new ArrayList<>();
    for (List<?> san : serving.getSubjectAlternativeNames()) {
      names.add(String.valueOf(san.get(1)));
    }
    assertThat(names)
        .contains("kordon-admission.security.svc", "kordon-admission.security.svc.cluster.local");
    assertThat(serving.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.1");
    assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);

    // the ConfigMap's policy is the built-in default, written out
    JsonNode cm = ofKind(docs, "ConfigMap");
    AdmissionPolicy policy = PolicyFile.parse("cm", cm.at("/data/policy.yaml").asString(), dir);
    assertThat(policy).isEqualTo(AdmissionPolicy.DEFAULT);
  }

  @Test
  void theGeneratedKeyServesTlsForTheServiceName() throws Exception {
    List<JsonNode> docs = install();
    JsonNode secret = ofKind(docs, "Secret");
    String certPem = decode(secret.at("/data/tls.crt").asString());
    String keyPem = decode(secret.at("/data/tls.key").asString());
    assertThat(keyPem).startsWith("-----BEGIN PRIVATE KEY-----");
    var reloader =
        dev.kordon.admission.PolicyReloader.load(
            Optional.empty(),
            dev.kordon.admission.RuleSource.NONE,
            java.time.Clock.systemUTC(),
            s -> {});
    try (var server =
        dev.kordon.admission.AdmissionServer.start(
            new dev.kordon.admission.AdmissionServer.Tls(certPem, keyPem),
            reloader,
            dev.kordon.admission.AdmissionServer.Options.defaults()
                .withAddress("127.0.0.1", 0)
                .withWarmUp(java.time.Duration.ZERO),
            s -> {})) {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setCertificateEntry("ca", cert(secret.at("/data/ca.crt").asString()));
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(ks);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      try (Socket plain = new Socket(InetAddress.getLoopbackAddress(), server.port());
          SSLSocket s =
              (SSLSocket)
                  ctx.getSocketFactory()
                      .createSocket(plain, "kordon-admission.kordon.svc", server.port(), true)) {
        SSLParameters p = s.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS"); // the API server checks the name
        s.setSSLParameters(p);
        s.startHandshake();
        assertThat(s.getSession().getProtocol()).isIn("TLSv1.2", "TLSv1.3");
      }
    }
  }

  @Test
  void scanningTheInstallOutputFindsNothingHighOrCritical() throws Exception {
    CliRun run = CliRun.of("admission", "install", "--image", "registry.example/kordon:0.1.0");
    Path file = dir.resolve("kordon-admission.yaml");
    Files.writeString(file, run.out());
    CliRun scan = CliRun.of("scan", file.toString(), "--format", "json", "--fail-on", "high");
    assertThat(scan.code()).as(scan.out() + scan.err()).isZero();
    JsonNode report = JsonOutput.mapper().readTree(scan.out());
    assertThat(report.at("/summary/objects").asInt()).isEqualTo(8);
    for (JsonNode f : report.path("findings")) {
      assertThat(f.path("severity").asString()).isIn("low", "medium");
    }
    JsonNode secret = ofKind(YamlTrees.parseAll("i", run.out()), "Secret");
    assertThat(scan.out()).doesNotContain(secret.at("/data/tls.key").asString());
  }

  @Test
  void installRefusesBadNamesAndPolicies() throws Exception {
    CliRun bad =
        CliRun.of("admission", "install", "--image", "r/k:1", "--namespace", "Not_A_Label");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("namespace 'Not_A_Label' is not a DNS label");
    Path policy = dir.resolve("policy.yaml");
    Files.writeString(policy, "apiVersion: kordon.dev/v1alpha1\nkind: AdmissionPolicy\nfoo: 1\n");
    CliRun badPolicy =
        CliRun.of("admission", "install", "--image", "r/k:1", "--policy", policy.toString());
    assertThat(badPolicy.code()).isEqualTo(2);
    assertThat(badPolicy.err()).contains("unknown key 'foo'");
  }

  @Test
  void installCarriesSignatureKeysAndRegistryCredentialsAndChecksTheTimeout() throws Exception {
    String pub =
        dev.kordon.image.testing.Cosign.pem(dev.kordon.image.testing.Cosign.keyPair().getPublic());
    Files.writeString(dir.resolve("cosign.pub"), pub);
    Path policy = dir.resolve("policy.yaml");
    Files.writeString(
        policy,
        "apiVersion: kordon.dev/v1alpha1\nkind: AdmissionPolicy\n"
            + "imageVerification: {budget: 3s}\n"
            + "imageSignatures:\n  - images: [registry.example.com/team/*]\n"
            + "    keys: [{file: cosign.pub}]\n");
    List<JsonNode> docs =
        install(
            "--policy",
            policy.toString(),
            "--registry-secret",
            "pull-creds",
            "--timeout-seconds",
            "6");
    JsonNode cm = ofKind(docs, "ConfigMap");
    assertThat(cm.at("/data/cosign.pub").asString()).isEqualTo(pub);
    JsonNode pod = ofKind(docs, "Deployment").at("/spec/template/spec");
    assertThat(pod.at("/containers/0/args").toString())
        .contains("--docker-config=/etc/kordon/registry/.dockerconfigjson");
    assertThat(pod.at("/containers/0/volumeMounts").toString())
        .contains("\"name\":\"registry\",\"mountPath\":\"/etc/kordon/registry\"");
    assertThat(pod.at("/volumes").toString()).contains("\"secretName\":\"pull-creds\"");
    // the policy in the ConfigMap reads back with its key next to it
    Path mounted = dir.resolve("mounted");
    Files.createDirectories(mounted);
    Files.writeString(mounted.resolve("policy.yaml"), cm.at("/data/policy.yaml").asString());
    Files.writeString(mounted.resolve("cosign.pub"), cm.at("/data/cosign.pub").asString());
    assertThat(PolicyFile.read(mounted.resolve("policy.yaml")).imageSignatures().rules())
        .hasSize(1);

    CliRun tooShort =
        CliRun.of(
            "admission",
            "install",
            "--image",
            "r/k:1",
            "--policy",
            policy.toString(),
            "--timeout-seconds",
            "5");
    assertThat(tooShort.code()).isEqualTo(2);
    assertThat(tooShort.err())
        .contains(
            "--timeout-seconds 5 is too short for the policy's image signature checks: a review"
                + " may take 2000 ms (evaluation) + 3000 ms (imageVerification.budget); give at"
                + " least 6");
  }

  @Test
  void serveHasHelpWithExamplesAndRefusesAMissingKey() {
    CliRun help = CliRun.of("admission", "serve", "--help");
    assertThat(help.code()).isZero();
    assertThat(help.out()).contains("Examples:", "--tls-cert", "--policy", "PKCS#1");
    CliRun missing =
        CliRun.of(
            "admission", "serve", "--tls-cert", dir.resolve("no.crt").toString(), "--tls-key", "x");
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("no.crt");
    assertThat(CliRun.of("admission").code()).isEqualTo(2);
    assertThat(help.out()).contains("--tls-engine", "auto", "openssl", "jdk");
    CliRun engine =
        CliRun.of(
            "admission",
            "serve",
            "--tls-cert",
            "a.crt",
            "--tls-key",
            "a.key",
            "--tls-engine",
            "gnutls");
    assertThat(engine.code()).isEqualTo(2);
    assertThat(engine.err())
        .contains("--tls-engine: unknown TLS engine 'gnutls': use auto, jdk or openssl");
  }

  private static String decode(String b64) {
    return new String(Base64.getDecoder().decode(b64), StandardCharsets.US_ASCII);
  }
}

package dev.kordon.admission;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The YAML that {@code kordon admission install} prints: everything the webhook needs, with a fresh
 * CA and serving certificate. The webhook configuration exempts {@code kube-system} and Kordon's
 * own namespace, so that neither the control plane nor the webhook itself can be blocked by it:
 * with {@code failurePolicy: Fail} a broken webhook still recovers.
 *
 * @param policyText the policy file for the ConfigMap (already validated by the caller)
 * @param policyFiles files the policy names (cosign public keys), by their name next to it in the
 *     ConfigMap
 * @param registrySecret a {@code kubernetes.io/dockerconfigjson} Secret in the namespace whose
 *     credentials signature checks use; empty for anonymous registry access
 */
public record InstallManifests(
    String namespace,
    String service,
    String image,
    String failurePolicy,
    int timeoutSeconds,
    Duration validity,
    String policyText,
    Map<String, String> policyFiles,
    String registrySecret) {

  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
  private static final Pattern IMAGE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/@-]{0,254}");

  private static final Pattern FILE_NAME = Pattern.compile("[-._a-zA-Z0-9]{1,253}");

  public InstallManifests {
    policyFiles = Map.copyOf(new TreeMap<>(policyFiles));
    for (String name : policyFiles.keySet()) {
      if (!FILE_NAME.matcher(name).matches() || name.equals("policy.yaml")) {
        throw new IllegalArgumentException(
            "'"
                + name
                + "' cannot sit next to the policy in its ConfigMap: name key files by a plain"
                + " file name in the policy's folder, or inline them with pem:");
      }
    }
    if (!registrySecret.isEmpty()
        && !registrySecret.matches("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?")) {
      throw new IllegalArgumentException("registry secret '" + registrySecret + "' is not a name");
    }
    if (!DNS_LABEL.matcher(namespace).matches()) {
      throw new IllegalArgumentException("namespace '" + namespace + "' is not a DNS label");
    }
    if (!DNS_LABEL.matcher(service).matches()) {
      throw new IllegalArgumentException("service '" + service + "' is not a DNS label");
    }
    if (!IMAGE.matcher(image).matches()) {
      throw new IllegalArgumentException("image '" + image + "' is not an image reference");
    }
    if (!failurePolicy.equals("Fail") && !failurePolicy.equals("Ignore")) {
      throw new IllegalArgumentException("failure policy must be Fail or Ignore");
    }
    if (timeoutSeconds < 1 || timeoutSeconds > 30) {
      throw new IllegalArgumentException("timeoutSeconds must be between 1 and 30");
    }
  }

  /** The manifests, with a CA and serving certificate generated now. */
  public String render(Instant now) {
    Certificates.ServingSet certs =
        new Certificates()
            .forService(
                service,
                namespace,
                validity,
                Certificates.KeyType.EC_P256,
                Certificates.KeyFormat.PKCS8,
                now);
    String labels =
        "    app.kubernetes.io/name: kordon-admission\n"
            + "    app.kubernetes.io/component: webhook\n"
            + "    app.kubernetes.io/part-of: kordon\n";
    StringBuilder y = new StringBuilder();
    y.append("# Kordon admission webhook for namespace ")
        .append(namespace)
        .append(", generated ")
        .append(now)
        .append(".\n")
        .append("# Apply with: kubectl apply -f <this file>. The Secret holds a CA and a serving\n")
        .append("# certificate made for this install, valid until ")
        .append(certs.serving().certificate().getNotAfter().toInstant())
        .append("; run install again to rotate.\n");
    y.append("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ")
        .append(namespace)
        .append("\n  labels:\n")
        .append(labels)
        .append("    pod-security.kubernetes.io/enforce: restricted\n")
        .append("    pod-security.kubernetes.io/enforce-version: latest\n");
    y.append("---\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n");
    meta(y, service, labels);
    y.append("automountServiceAccountToken: false\n");
    y.append("---\napiVersion: v1\nkind: Secret\nmetadata:\n");
    meta(y, service + "-tls", labels);
    y.append("type: kubernetes.io/tls\ndata:\n")
        .append("  tls.crt: ")
        .append(b64(certs.serving().certificatePem()))
        .append("\n  tls.key: ")
        .append(b64(certs.serving().privateKeyPem()))
        .append("\n  ca.crt: ")
        .append(b64(certs.ca().certificatePem()))
        .append('\n');
    y.append("---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n");
    meta(y, service + "-policy", labels);
    y.append("data:\n  policy.yaml: |\n");
    block(y, policyText);
    for (Map.Entry<String, String> f : new TreeMap<>(policyFiles).entrySet()) {
      y.append("  ").append(f.getKey()).append(": |\n");
      block(y, f.getValue());
    }
    while (y.charAt(y.length() - 1) == '\n' && y.charAt(y.length() - 2) == '\n') {
      y.setLength(y.length() - 1);
    }
    int deploymentStart = y.length();
    y.append("---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n");
    meta(y, service, labels);
    y.append(
        """
        spec:
          replicas: 2
          selector:
            matchLabels:
              app.kubernetes.io/name: kordon-admission
          template:
            metadata:
              labels:
                app.kubernetes.io/name: kordon-admission
                app.kubernetes.io/component: webhook
                app.kubernetes.io/part-of: kordon
            spec:
              serviceAccountName: %1$s
              automountServiceAccountToken: false
              securityContext:
                runAsNonRoot: true
                runAsUser: 65532
                runAsGroup: 65532
                seccompProfile:
                  type: RuntimeDefault
              affinity:
                podAntiAffinity:
                  preferredDuringSchedulingIgnoredDuringExecution:
                    - weight: 100
                      podAffinityTerm:
                        topologyKey: kubernetes.io/hostname
                        labelSelector:
                          matchLabels:
                            app.kubernetes.io/name: kordon-admission
              containers:
                - name: webhook
                  image: %2$s
                  imagePullPolicy: IfNotPresent
                  args:
                    - admission
                    - serve
                    - --tls-cert=/etc/kordon/tls/tls.crt
                    - --tls-key=/etc/kordon/tls/tls.key
                    - --policy=/etc/kordon/policy/policy.yaml
                    - --port=8443
                  env:
                    - name: JAVA_TOOL_OPTIONS
                      value: -XX:+UseSerialGC -XX:MaxRAMPercentage=70 -Djava.io.tmpdir=/tmp
                  ports:
                    - name: https
                      containerPort: 8443
                      protocol: TCP
                  readinessProbe:
                    httpGet:
                      path: /readyz
                      port: https
                      scheme: HTTPS
                    periodSeconds: 5
                  livenessProbe:
                    httpGet:
                      path: /healthz
                      port: https
                      scheme: HTTPS
                    initialDelaySeconds: 10
                    periodSeconds: 10
                  resources:
                    requests:
                      cpu: 200m
                      memory: 256Mi
                    limits:
                      cpu: "1"
                      memory: 512Mi
                  securityContext:
                    allowPrivilegeEscalation: false
                    readOnlyRootFilesystem: true
                    runAsNonRoot: true
                    capabilities:
                      drop:
                        - ALL
                  volumeMounts:
                    - name: tls
                      mountPath: /etc/kordon/tls
                      readOnly: true
                    - name: policy
                      mountPath: /etc/kordon/policy
                      readOnly: true
                    - name: tmp
                      mountPath: /tmp
              volumes:
                - name: tls
                  secret:
                    secretName: %1$s-tls
                - name: policy
                  configMap:
                    name: %1$s-policy
                - name: tmp
                  emptyDir:
                    sizeLimit: 64Mi
        """
            .formatted(service, image));
    if (!registrySecret.isEmpty()) {
      registryCredentials(y, deploymentStart);
    }
    y.append("---\napiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n");
    meta(y, service, labels);
    y.append(
        """
        spec:
          minAvailable: 1
          selector:
            matchLabels:
              app.kubernetes.io/name: kordon-admission
        """);
    y.append("---\napiVersion: v1\nkind: Service\nmetadata:\n");
    meta(y, service, labels);
    y.append(
        """
        spec:
          selector:
            app.kubernetes.io/name: kordon-admission
          ports:
            - name: https
              port: 443
              targetPort: https
              protocol: TCP
        """);
    y.append(
        """
        ---
        apiVersion: admissionregistration.k8s.io/v1
        kind: ValidatingWebhookConfiguration
        metadata:
          name: %1$s
          labels:
        %6$s\
        webhooks:
          - name: validate.kordon.dev
            admissionReviewVersions:
              - v1
            sideEffects: None
            timeoutSeconds: %4$d
            failurePolicy: %3$s
            matchPolicy: Equivalent
            clientConfig:
              service:
                name: %1$s
                namespace: %2$s
                path: /validate
                port: 443
              caBundle: %5$s
            namespaceSelector:
              matchExpressions:
                - key: kubernetes.io/metadata.name
                  operator: NotIn
                  values:
                    - kube-system
                    - %2$s
            rules:
        """
            .formatted(
                service,
                namespace,
                failurePolicy,
                timeoutSeconds,
                b64(certs.ca().certificatePem()),
                labels));
    rule(
        y,
        "\"\"",
        List.of("pods", "pods/ephemeralcontainers", "replicationcontrollers", "podtemplates"));
    rule(y, "apps", List.of("deployments", "replicasets", "statefulsets", "daemonsets"));
    rule(y, "batch", List.of("jobs", "cronjobs"));
    return y.toString();
  }

  private static void block(StringBuilder y, String text) {
    for (String line : text.split("\n", -1)) {
      if (!line.isEmpty()) {
        y.append("    ").append(line);
      }
      y.append('\n');
    }
  }

  /** Mounts the registry Secret and points the server at it, in the Deployment just rendered. */
  private void registryCredentials(StringBuilder y, int from) {
    String path = "/etc/kordon/registry";
    insertAfter(
        y,
        from,
        "            - --port=8443\n",
        "            - --docker-config=" + path + "/.dockerconfigjson\n");
    insertAfter(
        y,
        from,
        "              mountPath: /tmp\n",
        "            - name: registry\n"
            + "              mountPath: "
            + path
            + "\n"
            + "              readOnly: true\n");
    insertAfter(
        y,
        from,
        "            sizeLimit: 64Mi\n",
        "        - name: registry\n"
            + "          secret:\n"
            + "            secretName: "
            + registrySecret
            + "\n");
  }

  private static void insertAfter(StringBuilder y, int from, String anchor, String text) {
    int at = y.indexOf(anchor, from);
    if (at < 0) {
      throw new IllegalStateException("deployment template lacks " + anchor.strip());
    }
    y.insert(at + anchor.length(), text);
  }

  private void meta(StringBuilder y, String name, String labels) {
    y.append("  name: ")
        .append(name)
        .append("\n  namespace: ")
        .append(namespace)
        .append("\n  labels:\n")
        .append(labels);
  }

  private static void rule(StringBuilder y, String group, List<String> resources) {
    y.append("      - apiGroups: [")
        .append(group)
        .append("]\n        apiVersions: [\"*\"]\n        operations: [CREATE, UPDATE]\n")
        .append("        resources: [")
        .append(String.join(", ", resources))
        .append("]\n        scope: Namespaced\n");
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.US_ASCII));
  }
}

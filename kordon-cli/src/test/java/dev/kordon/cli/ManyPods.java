package dev.kordon.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a large, realistic manifest file: pods of about 40 lines each, varied by index so that
 * names, namespaces, images, ports and the findings they raise differ from pod to pod. Used by the
 * memory tests and, through {@link #main}, to measure a scan by hand.
 */
final class ManyPods {

  private ManyPods() {}

  /** Writes {@code count} pods as one multi-document YAML file. */
  static Path write(Path file, int count) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (int i = 0; i < count; i++) {
        pod(w, i);
      }
    }
    return file;
  }

  private static void pod(BufferedWriter w, int i) throws IOException {
    String team = "team-" + (i % 37);
    w.write("---\n");
    w.write("apiVersion: v1\n");
    w.write("kind: Pod\n");
    w.write("metadata:\n");
    w.write("  name: app-" + i + "\n");
    w.write("  namespace: ns-" + (i % 53) + "\n");
    w.write("  labels:\n");
    w.write("    app.kubernetes.io/name: app-" + i + "\n");
    w.write("    app.kubernetes.io/part-of: " + team + "\n");
    w.write("    tier: " + (i % 3 == 0 ? "frontend" : "backend") + "\n");
    w.write("  annotations:\n");
    w.write("    owner: " + team + "@example.com\n");
    w.write("spec:\n");
    if (i % 5 == 0) {
      w.write("  hostNetwork: true\n");
    }
    if (i % 7 == 0) {
      w.write("  hostPID: true\n");
    }
    w.write("  serviceAccountName: sa-" + (i % 11) + "\n");
    w.write("  containers:\n");
    w.write("    - name: main\n");
    w.write(
        "      image: registry.example.com/"
            + team
            + "/app:"
            + (i % 4 == 0 ? "latest" : "1." + i)
            + "\n");
    w.write("      ports:\n");
    w.write("        - containerPort: " + (8000 + i % 1000) + "\n");
    w.write("          protocol: TCP\n");
    w.write("      env:\n");
    w.write("        - name: MODE\n");
    w.write("          value: \"" + (i % 2 == 0 ? "production" : "staging") + "\"\n");
    w.write("        - name: INSTANCE\n");
    w.write("          value: \"" + i + "\"\n");
    if (i % 2 == 0) {
      w.write("      resources:\n");
      w.write("        requests: {cpu: 100m, memory: 128Mi}\n");
      w.write("        limits: {cpu: 500m, memory: 256Mi}\n");
    }
    w.write("      securityContext:\n");
    w.write("        privileged: " + (i % 9 == 0) + "\n");
    w.write("        allowPrivilegeEscalation: " + (i % 2 == 1) + "\n");
    if (i % 3 != 0) {
      w.write("        runAsNonRoot: true\n");
      w.write("        readOnlyRootFilesystem: true\n");
      w.write("        capabilities: {drop: [ALL]}\n");
    } else {
      w.write("        capabilities: {add: [NET_ADMIN]}\n");
    }
    w.write("      volumeMounts:\n");
    w.write("        - {name: data, mountPath: /data}\n");
    w.write("    - name: sidecar\n");
    w.write("      image: busybox\n");
    w.write("      args: [\"sh\", \"-c\", \"sleep " + i + "\"]\n");
    w.write("  volumes:\n");
    w.write("    - name: data\n");
    if (i % 6 == 0) {
      w.write("      hostPath: {path: /var/lib/app-" + i + "}\n");
    } else {
      w.write("      emptyDir: {}\n");
    }
  }

  /** {@code ManyPods FILE COUNT}: writes a file to scan by hand (see docs/performance.md). */
  public static void main(String[] args) throws IOException {
    write(Path.of(args[0]), Integer.parseInt(args[1]));
  }
}

package dev.kordon.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A kubeconfig whose one context points at a test's API server (fabric8's mock server, or an
 * address nothing listens on) with a bearer token, for the commands that take {@code --kubeconfig}.
 */
final class MockKubeconfig {

  private MockKubeconfig() {}

  /** Writes {@code dir/kubeconfig} for the server at {@code url} and returns its path. */
  static Path write(Path dir, String url) throws IOException {
    Path file = dir.resolve("kubeconfig");
    Files.writeString(
        file,
        """
        apiVersion: v1
        kind: Config
        current-context: mock
        clusters:
          - name: mock
            cluster:
              server: %s
              insecure-skip-tls-verify: true
        users:
          - name: tester
            user:
              token: not-a-secret
        contexts:
          - name: mock
            context:
              cluster: mock
              user: tester
        """
            .formatted(url));
    return file;
  }
}

package dev.kordon.netpol;

import dev.kordon.model.ScanError;
import dev.kordon.snapshot.Snapshot;
import dev.kordon.source.ManifestReader;
import dev.kordon.source.ReadResult;

/** Manifests in a text block, read the way {@code kordon} reads files, for table-driven tests. */
final class TestCluster {
  private TestCluster() {}

  /**
   * Namespaces {@code a} (team=a) and {@code b} (team=b) as objects, {@code c} with none. Live pods
   * {@code a/web} (app=web, tier=front, port http 8080/TCP, dns 53/UDP), {@code a/db} (app=db, port
   * 5432), {@code b/client} (app=client), {@code b/web} (app=web), {@code c/tool} (no labels), and
   * {@code a/node-agent} with hostNetwork.
   */
  static final String BASE =
      """
      apiVersion: v1
      kind: Namespace
      metadata: {name: a, labels: {team: a}}
      ---
      apiVersion: v1
      kind: Namespace
      metadata: {name: b, labels: {team: b, env: prod}}
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: web, namespace: a, labels: {app: web, tier: front}}
      spec:
        containers:
          - name: app
            image: nginx
            ports:
              - {name: http, containerPort: 8080}
              - {name: dns, containerPort: 53, protocol: UDP}
              - {name: assoc, containerPort: 9000, protocol: SCTP}
      status: {podIP: 10.1.0.1, phase: Running}
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: db, namespace: a, labels: {app: db}}
      spec:
        containers:
          - {name: pg, image: postgres, ports: [{name: http, containerPort: 5432}]}
      status: {podIP: 10.1.0.2, phase: Running}
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: client, namespace: b, labels: {app: client}}
      spec: {containers: [{name: c, image: curl}]}
      status: {podIP: 10.2.0.1, phase: Running}
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: web, namespace: b, labels: {app: web}}
      spec: {containers: [{name: c, image: nginx}]}
      status: {podIP: 10.2.0.2, phase: Running}
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: tool, namespace: c}
      spec: {containers: [{name: c, image: busybox}]}
      status: {podIP: 10.3.0.1, phase: Running}
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: node-agent, namespace: a, labels: {app: agent}}
      spec: {hostNetwork: true, containers: [{name: c, image: agent}]}
      status: {podIP: 192.168.0.10, phase: Running}
      """;

  static Snapshot snapshot(String yaml) {
    ReadResult read = new ManifestReader().read("test.yaml", yaml);
    for (ScanError e : read.problems()) {
      if (e.isError()) {
        throw new IllegalArgumentException("test manifests do not parse: " + e);
      }
    }
    return Snapshot.of(read.objects());
  }

  static Reachability reach(String yaml) {
    return new Reachability(PolicyModel.build(snapshot(yaml)));
  }

  static Reachability withBase(String policies) {
    return reach(BASE + "---\n" + policies);
  }

  /** Answers {@code "a/web b/client 80/TCP"}; endpoints as {@code ns/pod} or {@code ip:ADDR}. */
  static boolean allowed(Reachability reach, String probe) {
    return verdict(reach, probe).allowed();
  }

  static Verdict verdict(Reachability reach, String probe) {
    String[] parts = probe.trim().split("\\s+");
    Endpoint from = endpoint(reach, parts[0]);
    Endpoint to = endpoint(reach, parts[1]);
    String[] pp = parts[2].split("/");
    return reach.check(from, to, Integer.parseInt(pp[0]), Protocol.parse(pp[1]).orElseThrow());
  }

  static Endpoint endpoint(Reachability reach, String text) {
    return reach
        .model()
        .resolve(text)
        .orElseThrow(() -> new IllegalArgumentException("no endpoint " + text));
  }
}

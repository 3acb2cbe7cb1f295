#!/usr/bin/env bash
# Cluster-scan benchmark: fabric8's mock API server (one JVM) serves PODS generated pods plus
# deployments, replica sets, services, config maps, secret metadata, RBAC, namespaces and nodes,
# paginated 500 per page like a real API server; a second JVM runs one `scan --cluster` through a
# kubeconfig and reports wall time per phase and its peak heap. Not a test: nothing is asserted.
#
#   bench/cluster-scan.sh [PODS=50000] [SCANNER_HEAP=1g]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
pods="${1:-50000}"
heap="${2:-1g}"
work="$(mktemp -d)"
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

cd "$here"
./mvnw -q -o test-compile dependency:build-classpath -pl kordon-cluster -am \
  -Dmdep.outputFile="$work/deps.cp" -Dmdep.includeScope=test >/dev/null
cp="kordon-cluster/target/test-classes:kordon-cluster/target/classes"
cp="$cp:kordon-core/target/classes:kordon-core/target/test-classes:$(cat "$work/deps.cp")"

java -Xmx3g -cp "$cp" dev.kordon.cluster.bench.MockClusterServer "$pods" "$work/kubeconfig" \
  2>"${SERVER_LOG:-/dev/null}" &
server_pid=$!
for _ in $(seq 1 600); do
  [ -f "$work/kubeconfig" ] && break
  kill -0 "$server_pid" 2>/dev/null || { echo "mock server died" >&2; exit 1; }
  sleep 0.5
done
[ -f "$work/kubeconfig" ] || { echo "mock server did not start" >&2; exit 1; }

echo "scanner: -Xmx$heap, $(nproc) cores"
java "-Xmx$heap" -cp "$cp" dev.kordon.cluster.bench.ClusterScanRun "$work/kubeconfig"

#!/usr/bin/env bash
# kordon node over the test node trees (kubeadm 1.32, hardened, misconfigured, worker):
# the first judgement after JVM start (cold), warm medians, and the ratio of judging to
# reading the tree alone (the baseline of the same run); then the CLI end to end, JVM start
# included. Usage: bench/node.sh [ROUNDS]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
./mvnw -q -o -B -DskipTests -Dspotless.check.skip=true package -pl kordon-cli -am >&2
./mvnw -q -o -B -Dspotless.check.skip=true test-compile -pl kordon-core >&2
cp="kordon-cli/target/kordon.jar:kordon-core/target/test-classes"
java -cp "$cp" dev.kordon.node.NodeBench "${1:-200}"
# the CLI as a user runs it: a fresh JVM per run, on the kubeadm tree with its modes applied
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
java -cp "$cp" dev.kordon.node.NodeBenchTree kubeadm-1.32 "$tmp" >/dev/null
ms() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
jar=kordon-cli/target/kordon.jar
for i in 1 2 3; do
  v=$(ms java -jar "$jar" --version)
  s=$(ms java -jar "$jar" scan "$tmp/kubeadm-1.32/etc/kubernetes/manifests")
  n=$(ms java -jar "$jar" node --root "$tmp/kubeadm-1.32" --format json)
  echo "fresh JVM, whole process: --version ${v} ms (JVM start baseline), scan of the 4 manifests ${s} ms, node ${n} ms; node/scan $(awk "BEGIN{printf \"%.2f\", $n/$s}"), node beyond --version $((n - v)) ms"
done
uptime

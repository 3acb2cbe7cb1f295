#!/usr/bin/env bash
# Memory bounded by objects, at full size: PODS generated pods (ManyPods, default 20,000, about
# 500,000 findings) scanned with HEAP (default 512m) as JSON and as the default table. Prints each
# run's exit code (1 = findings at --fail-on critical for JSON, 0 for the table), wall and CPU time
# and peak RSS. MemoryBoundsTest (kordon-cli) keeps a quarter of this size in the test suite.
# Usage: bench/memory-bounds.sh [PODS=20000] [HEAP=512m]
#   The JVM runs with the launcher's options for a scan (C1, serial collector);
#   KORDON_BENCH_OPTS replaces them (e.g. "-XX:+UseG1GC" for the JVM's defaults on 2 cores).
#   (needs kordon-cli/target/kordon.jar and test classes: ./mvnw -B -o package -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/.."
pods=${1:-20000}
heap=${2:-512m}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
jar=kordon-cli/target/kordon.jar
java -cp "kordon-cli/target/test-classes:$jar" dev.kordon.cli.ManyPods "$work/pods.yaml" "$pods"
echo "$pods pods, $(du -h "$work/pods.yaml" | cut -f1) of YAML, -Xmx$heap"
run() { # label, kordon arguments...
  local label=$1
  shift
  local code=0
  # shellcheck disable=SC2086 # the options are a list
  /usr/bin/time -o "$work/time" -f "%e s wall, %U s user, %M KB peak RSS" \
    java ${KORDON_BENCH_OPTS:--XX:TieredStopAtLevel=1 -XX:+UseSerialGC} "-Xmx$heap" -jar "$jar" "$@" \
    2>"$work/err" || code=$?
  echo "$label: exit $code, $(cat "$work/time" | tail -n 1)"
  if grep -q "out of memory" "$work/err"; then
    echo "  $(grep "out of memory" "$work/err")"
  fi
}
run json scan "$work/pods.yaml" --format json --output "$work/out.json" --fail-on critical
run table scan "$work/pods.yaml" --output "$work/out.txt"

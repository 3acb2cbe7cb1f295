#!/usr/bin/env bash
# Admission webhook under load: reviews built from ../shared/corpora/real-world sent open-loop at
# RATE/s for SECONDS over keep-alive TLS on 127.0.0.1, then the same against /noop on the same
# server; throughput, p50/p99/p99.9 and the p99 ratio validate / noop, measured in the same run.
# Usage: bench/admission-load.sh [CORPUS_DIR] [RATE] [SECONDS] [CLIENTS] [WARMUP_SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
cpfile=$(mktemp)
trap 'rm -f "$cpfile"' EXIT
# one reactor build: sibling modules resolve to this tree's jars, never to ~/.m2
./mvnw -q -B -o -DskipTests -Dspotless.check.skip=true package dependency:build-classpath \
  -Dmdep.outputFile="$cpfile" -pl kordon-bench -am
# Serial GC: on 2 shared cores G1 young pauses reached 440 ms and dominated p99 for both endpoints
# (measured with -Xlog:gc); with a 1-CPU limit, as install sets, the JVM picks Serial by itself.
exec java -Xmx512m -XX:+UseSerialGC ${KORDON_BENCH_OPTS:-} -cp "kordon-bench/target/classes:$(cat "$cpfile")" dev.kordon.bench.AdmissionLoad \
  "${1:-../shared/corpora/real-world}" "${2:-1000}" "${3:-20}" "${4:-8}" "${5:-10}"

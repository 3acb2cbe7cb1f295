#!/usr/bin/env bash
# Scan throughput over ../shared/corpora/real-world repeated to >= 50,000 objects: objects/s of
# the YAML library alone (snakeyaml-engine to plain values), Kordon's parse and the full scan with
# the JSON report, and the ratios full/parse and full/library, all measured in the same run, once
# the JIT is quiet (warm-up rounds until one compiles for less than 0.5 s, at most 12); and the
# full scan phase by phase (parse, engine, JSON report), with the floor on full/parse that the
# report's own cost sets. -Dkordon.breakdown=true in KORDON_BENCH_OPTS also times each control alone.
# Usage: bench/scan-throughput.sh [CORPUS_DIR] [MIN_OBJECTS] [ROUNDS]
# KORDON_CORE_CLASSES=dir measures another build of kordon-core (e.g. a copy of an older
# kordon-core/target/classes) with the same harness; KORDON_BENCH_OPTS adds JVM options.
set -euo pipefail
cd "$(dirname "$0")/.."
# One reactor build; each module writes its library classpath (Kordon's own modules excluded, so
# that a stale snapshot in ~/.m2 can never be measured instead of this tree).
./mvnw -q -B -DskipTests -Dspotless.check.skip=true package dependency:build-classpath \
  -pl kordon-bench -am -DexcludeGroupIds=dev.kordon -Dmdep.outputFile=target/classpath.txt
exec java -Xmx4g ${KORDON_BENCH_OPTS:-} \
  -cp "kordon-bench/target/classes:${KORDON_CORE_CLASSES:-kordon-core/target/classes}:$(cat kordon-bench/target/classpath.txt)" \
  dev.kordon.bench.ScanThroughput "${1:-../shared/corpora/real-world}" "${2:-50000}" "${3:-7}"

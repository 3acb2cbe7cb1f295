#!/usr/bin/env bash
# Scan throughput over ../shared/corpora/real-world repeated to >= 50,000 objects:
# objects/s and the ratio full scan / parse only, measured in the same run.
# Usage: bench/scan-throughput.sh [CORPUS_DIR] [MIN_OBJECTS] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -DskipTests -Dspotless.check.skip=true package -pl kordon-bench -am
cp=$(./mvnw -q -B dependency:build-classpath -pl kordon-bench -Dmdep.outputFile=/dev/stdout)
exec java -Xmx4g -cp "kordon-bench/target/classes:$cp" dev.kordon.bench.ScanThroughput \
  "${1:-../shared/corpora/real-world}" "${2:-50000}" "${3:-7}"

#!/usr/bin/env bash
# JMH microbenchmarks of the scan's stages (kordon-bench ScanStagesBenchmark): parse of the corpus,
# the controls over one object, the engine over the parsed snapshot, the JSON report to a sink;
# single-threaded, over ../shared/corpora/real-world once. Never run by the tests.
# Usage: bench/scan-stages.sh [JMH OPTIONS...]   e.g. bench/scan-stages.sh -wi 2 -i 3 -f 1
#   -p corpus=DIR reads another corpus; KORDON_CORE_CLASSES=dir measures another kordon-core build.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -DskipTests -Dspotless.check.skip=true package dependency:build-classpath \
  -pl kordon-bench -am -DexcludeGroupIds=dev.kordon -Dmdep.outputFile=target/classpath.txt
exec java -cp "kordon-bench/target/classes:${KORDON_CORE_CLASSES:-kordon-core/target/classes}:$(cat kordon-bench/target/classpath.txt)" \
  org.openjdk.jmh.Main ScanStagesBenchmark -p corpus="$(cd .. && pwd)/shared/corpora/real-world" "$@"

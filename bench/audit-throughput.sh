#!/usr/bin/env bash
# kordon audit over a generated 1,000,000-event log: events/s on one thread and peak heap, against
# a plain Jackson read (line + readTree) of the same file in the same run. The ratio of the two
# times is the figure that travels between machines.
# Usage: bench/audit-throughput.sh [EVENTS] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -o -DskipTests -Dspotless.check.skip=true package dependency:build-classpath \
  -pl kordon-bench -am -DexcludeGroupIds=dev.kordon -Dmdep.outputFile=target/classpath.txt
exec java -Xmx512m ${KORDON_BENCH_OPTS:-} \
  -cp "kordon-bench/target/classes:kordon-audit/target/classes:kordon-core/target/classes:$(cat kordon-bench/target/classpath.txt)" \
  dev.kordon.bench.AuditThroughput "${1:-1000000}" "${2:-3}"

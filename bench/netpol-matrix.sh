#!/usr/bin/env sh
# Reachability matrix of a synthetic cluster: 10,000 pods, 200 namespaces, 1,000 NetworkPolicies,
# one port (80/TCP). Prints phase times, the matrix summary and the peak heap. Not part of the
# tests (DEVELOPING.md: tests never assert wall time).
#
#   bench/netpol-matrix.sh            # replicas share labels (5 per workload)
#   bench/netpol-matrix.sh unique     # every pod has a label of its own: no two pods group
#
# HEAP (default 1g) caps the heap so the figure is comparable between runs.
set -eu
cd "$(dirname "$0")/.."
./mvnw -q -o test-compile -pl kordon-core -am
./mvnw -q -o dependency:build-classpath -pl kordon-core -Dmdep.outputFile=target/bench.classpath \
  -Dmdep.includeScope=test >/dev/null
CP="kordon-core/target/classes:kordon-core/target/test-classes:$(cat kordon-core/target/bench.classpath)"
exec java -Xmx"${HEAP:-1g}" -XX:+UseParallelGC -cp "$CP" dev.kordon.netpol.bench.MatrixBenchmark "$@"

#!/bin/sh
# Benchmark: the CEL rule "no privileged containers" (examples/rules/workload-rules.yaml,
# org.no-privileged) against the built-in Java control KOR-0001, over the real-world corpus.
# Prints evaluations per second of each and the ratio, both measured in the same JVM run.
#
#   bench/rules-vs-builtin.sh [CORPUS_DIR] [PAIRS_OF_ONE_SECOND_MEASUREMENTS]
set -eu
cd "$(dirname "$0")/.."
corpus="${1:-../shared/corpora/real-world}"
seconds="${2:-10}"
cp_file="kordon-rules/target/bench.classpath"
./mvnw -q -o test-compile dependency:build-classpath -pl kordon-rules -am \
  -Dmdep.outputFile="$PWD/$cp_file" -Dmdep.includeScope=test >/dev/null
cp="kordon-rules/target/test-classes:kordon-rules/target/classes:$(cat "$cp_file")"
exec java -cp "$cp" dev.kordon.rules.RulesVsBuiltinBenchmark "$corpus" examples/rules "$seconds"

#!/usr/bin/env bash
# Inventory + OSV match of a generated image (default 1 GiB uncompressed, 1,000 packages) against a
# generated Debian + Maven OSV set, with the limit (gunzip + tar walk of the same blobs) measured in
# the same run: ratio, wall times and peak heap. The image and OSV set are generated once into
# target/image-bench (delete it to regenerate).
# Usage: bench/image-scan.sh [SIZE_MB] [PACKAGES] [DEBIAN_RECORDS] [MAVEN_RECORDS]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
./mvnw -q -o -B -DskipTests -Dspotless.check.skip=true package dependency:build-classpath \
  -pl kordon-bench -am -DexcludeGroupIds=dev.kordon -Dmdep.outputFile=target/classpath.txt >&2
work="kordon-bench/target/image-bench-${1:-1024}"
exec java -Xmx${KORDON_BENCH_HEAP:-512m} ${KORDON_BENCH_OPTS:-} \
  -cp "kordon-bench/target/classes:kordon-image/target/classes:kordon-core/target/classes:$(cat kordon-bench/target/classpath.txt)" \
  dev.kordon.bench.ImageScanBench "$work" "${1:-1024}" "${2:-1000}" "${3:-45000}" "${4:-6000}"

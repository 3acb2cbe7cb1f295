#!/usr/bin/env bash
# who-can over the RBAC objects of a corpus (default: ../shared/corpora/real-world):
# load time, graph build, per-query times, and the escalation-path and risk passes.
# Usage: bench/rbac-who-can.sh [FOLDER] [ROUNDS]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
./mvnw -q -o -B -DskipTests -Dspotless.check.skip=true package -pl kordon-cli -am >&2
./mvnw -q -o -B -Dspotless.check.skip=true test-compile -pl kordon-core >&2
exec java -cp "kordon-cli/target/kordon.jar:kordon-core/target/test-classes" \
  dev.kordon.rbac.WhoCanBench "${1:-../shared/corpora/real-world}" "${2:-200}"

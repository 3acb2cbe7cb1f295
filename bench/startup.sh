#!/usr/bin/env bash
# Start-up of the installed CLI: the release archive unpacked into a temp dir, then `--version`
# and `scan examples/` timed RUNS times each (median wall ms) three ways, in the same run:
#   plain     java -jar lib/kordon.jar (the JVM's defaults)
#   launcher  bin/kordon with KORDON_CDS=off (C1 only and the serial collector; what ./kordon in
#             a checkout does)
#   cds       bin/kordon with its class-data sharing archive (made by a first, untimed scan)
# and the ratios launcher/plain and cds/plain. Not a test: nothing is asserted.
# Usage: bench/startup.sh [RUNS=7]   (needs kordon-dist/target/kordon-*.tar.gz: ./mvnw package)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-7}
tgz=$(ls kordon-dist/target/kordon-*.tar.gz | head -n 1)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tar -xzf "$tgz" -C "$work"
home=$(echo "$work"/kordon-*)
examples=$PWD/examples

median_ms() { # command... ; prints the median wall time in ms over $runs runs
  local times=()
  for _ in $(seq "$runs"); do
    local s e
    s=$(date +%s%N)
    "$@" >/dev/null 2>&1 || true
    e=$(date +%s%N)
    times+=($(((e - s) / 1000000)))
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n "$(((runs + 1) / 2))p"
}

"$home/bin/kordon" scan "$examples" >/dev/null 2>&1 || true # the first scan creates the CDS archive
for what in "--version" "scan $examples"; do
  # shellcheck disable=SC2086
  plain=$(median_ms java -jar "$home/lib/kordon.jar" $what)
  # shellcheck disable=SC2086
  launcher=$(KORDON_CDS=off median_ms "$home/bin/kordon" $what)
  # shellcheck disable=SC2086
  cds=$(median_ms "$home/bin/kordon" $what)
  awk -v what="${what%% *}" -v p="$plain" -v l="$launcher" -v c="$cds" 'BEGIN {
    printf "%-16s plain %5d ms  launcher %5d ms (%.2fx)  launcher+cds %5d ms (%.2fx)\n",
      what, p, l, l / p, c, c / p }'
done

#!/usr/bin/env bash
# The scan as a user runs it: bin/kordon (the release launcher, with its JVM options) on copies of
# ../shared/corpora/real-world, writing the JSON report to a file. Prints wall time, process CPU
# (user + system) and peak RSS of each run and their medians per configuration; configurations
# alternate run by run, so that a change of the machine's speed hits all of them alike.
# Usage: bench/cli-scan.sh [COPIES] [RUNS] [CONFIG...]
#   COPIES   copies of the corpus to scan (default 5: about 19,000 objects)
#   RUNS     runs per configuration (default 4)
#   CONFIG   JVM options added after the launcher's (KORDON_JAVA_OPTS); "" is the launcher alone,
#            and "jar=PATH" runs another build's kordon.jar with the launcher's options
#            (default: "" "-XX:+UseG1GC")
# Needs GNU time (/usr/bin/time). Never run by the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
copies=${1:-5}
runs=${2:-4}
shift $(($# > 2 ? 2 : $#))
configs=("$@")
[ ${#configs[@]} -gt 0 ] || configs=("" "-XX:+UseG1GC")
[ -x /usr/bin/time ] || { echo "cli-scan: needs GNU time at /usr/bin/time" >&2; exit 2; }
corpus=$(cd .. && pwd)/shared/corpora/real-world
[ -d "$corpus" ] || { echo "cli-scan: $corpus is missing" >&2; exit 2; }

./mvnw -q -B -DskipTests -Dspotless.check.skip=true package -pl kordon-cli -am
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/corpus"
for i in $(seq 1 "$copies"); do
  cp -r "$corpus" "$work/corpus/copy$i"
done

for run in $(seq 1 "$runs"); do
  for c in "${!configs[@]}"; do
    config=${configs[$c]}
    jar=$PWD/kordon-cli/target/kordon.jar
    opts=$config
    case $config in jar=*) jar=${config#jar=} opts= ;; esac
    KORDON_JAR=$jar KORDON_CDS=off KORDON_JAVA_OPTS=$opts /usr/bin/time -o "$work/time" \
      -f "%e %U %S %M" kordon-dist/src/bin/kordon scan "$work/corpus" --format json \
      --output "$work/report.json" >/dev/null 2>&1 || true
    objects=$(sed -n 's/^ *"objects" : \([0-9]*\),.*/\1/p' "$work/report.json" | head -n 1)
    # the last line: GNU time writes "Command exited with non-zero status" before it
    read -r wall user sys rss < <(tail -n 1 "$work/time")
    echo "$c $wall $user $sys $rss $objects" >>"$work/results"
    awk -v run="$run" -v c="$c" -v config="$config" -v n="$objects" -v w="$wall" -v u="$user" \
      -v s="$sys" -v r="$rss" 'BEGIN {printf "run %d, config %d [%s]: %d objects, wall %.2f s, CPU %.2f s, peak RSS %d MB\n", run, c, config, n, w, u + s, r / 1024}'
  done
done

echo "medians over $runs runs:"
for c in "${!configs[@]}"; do
  median() { sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
  wall=$(awk -v c="$c" '$1 == c {print $2}' "$work/results" | median)
  cpu=$(awk -v c="$c" '$1 == c {print $3 + $4}' "$work/results" | median)
  rss=$(awk -v c="$c" '$1 == c {print int($5 / 1024)}' "$work/results" | median)
  objects=$(awk -v c="$c" '$1 == c {print $6}' "$work/results" | head -n 1)
  awk -v c="$c" -v config="${configs[$c]}" -v w="$wall" -v n="$objects" -v cpu="$cpu" \
    -v r="$rss" 'BEGIN {printf "  config %d [%s]: wall %s s (%.0f objects/s), CPU %s s, peak RSS %s MB\n", c, config, w, n / w, cpu, r}'
done

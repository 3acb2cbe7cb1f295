#!/usr/bin/env bash
# Admission webhook under load, server and load client in separate JVMs (each pinned to a core of
# its own when taskset exists and there are at least 2): reviews built from
# ../shared/corpora/real-world sent open-loop at RATE/s for SECONDS per phase (after WARMUP
# seconds of both endpoints) over CONNECTIONS keep-alive TLS connections on 127.0.0.1, latencies
# from each request's scheduled start in HdrHistogram (no coordinated omission); p50/p99/p99.9 of
# /validate and of /noop (the floor, same server) and their ratios, sequentially and interleaved,
# all in the same run; per phase the server's CPU time per request, GC pauses and safepoints.
# Usage: bench/admission-load.sh [CORPUS_DIR] [RATE=1000] [SECONDS=60] [CONNECTIONS=8] [WARMUP=15]
# (SECONDS=10 WARMUP=5 for a quick look; the figures in docs/performance.md are 60 s phases.)
# KORDON_TLS_ENGINE=jdk|openssl|auto picks the server's TLS engine (default auto: OpenSSL where it
# loads), KORDON_WARM_UP_SECONDS its warm-up budget (default 15).
# SERVER_CLASSES=path puts another build of the server first on the server's classpath (e.g. an
# older kordon.jar), to measure before and after with the same client. KORDON_SERVER_OPTS adds
# JVM options to the server (e.g. -XX:StartFlightRecording=..., or async-profiler's -agentpath).
# The server's GC and safepoint log is kept in $KORDON_BENCH_OUT (default
# kordon-bench/target/admission-load), with the client's output.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
# one reactor build: sibling modules resolve to this tree's jars, never to ~/.m2
./mvnw -q -B -o -DskipTests -Dspotless.check.skip=true package dependency:build-classpath \
  -Dmdep.outputFile="$work/cp" -pl kordon-bench -am -DexcludeGroupIds=dev.kordon
own="kordon-bench/target/classes:kordon-admission/target/classes:kordon-core/target/classes"
cp="$own:$(cat "$work/cp")"
server_cp="${SERVER_CLASSES:+$SERVER_CLASSES:}$cp"

server_cpu=()
client_cpu=()
if command -v taskset >/dev/null && [ "$(nproc)" -ge 2 ]; then
  last=$(($(nproc) - 1))
  server_cpu=(taskset -c "0-$((last - 1))")
  client_cpu=(taskset -c "$last")
  echo "server on cores 0-$((last - 1)), client on core $last"
fi

out=${KORDON_BENCH_OUT:-kordon-bench/target/admission-load}
mkdir -p "$out"
uptime | tee "$out/uptime-before"

# The webhook's own JVM options (deploy/, the chart, admission install): Serial GC, whose young
# pauses on this small live set stay at a few ms (G1 young pauses reached 440 ms on 2 shared cores).
mkfifo "$work/stdin"
"${server_cpu[@]}" java -Xmx512m -XX:+UseSerialGC -Xlog:gc*,safepoint:file="$work/gc.log" \
  ${KORDON_SERVER_OPTS:-} -cp "$server_cp" \
  dev.kordon.bench.AdmissionBenchServer "$work" <"$work/stdin" &
server_pid=$!
exec 3>"$work/stdin" # held open: the server stops when this script ends
# start-up includes the warm-up (up to 15 s) before the port opens
for _ in $(seq 1 900); do
  [ -f "$work/port" ] && break
  kill -0 "$server_pid" 2>/dev/null || { echo "server died" >&2; exit 1; }
  sleep 0.2
done
[ -f "$work/port" ] || { echo "server did not start" >&2; exit 1; }

"${client_cpu[@]}" java -Xmx1g -XX:+UseSerialGC -cp "$cp" dev.kordon.bench.AdmissionLoad "$work" \
  "${1:-../shared/corpora/real-world}" "${2:-1000}" "${3:-60}" "${4:-8}" "${5:-15}" |
  tee "$out/client.txt"
exec 3>&-
wait "$server_pid" || true
server_pid=""
cp "$work/gc.log" "$out/gc.log"
uptime | tee "$out/uptime-after"
echo "server GC and safepoint log: $out/gc.log"

#!/usr/bin/env bash
# kordon serve under load: the JSON report of ../shared/corpora/real-world uploaded UPLOADS times
# (spread over CLUSTERS clusters) into the embedded H2 database, then REQUESTS timed GETs each of
# the fleet page, a cluster page, the findings search (page 1 and a deep page) and, as the baseline
# measured in the same run, /healthz. Prints upload times, p50/p95 per page, the p95 ratio to
# /healthz, and the database size.
# Usage: bench/server-load.sh [CORPUS_DIR] [UPLOADS] [CLUSTERS] [REQUESTS]
set -euo pipefail
cd "$(dirname "$0")/.."
corpus="${1:-../shared/corpora/real-world}"
uploads="${2:-100}"
clusters="${3:-10}"
requests="${4:-100}"
work=$(mktemp -d)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
[ -d "$corpus" ] || { echo "no corpus at $corpus" >&2; exit 2; }

./kordon --version >/dev/null
report="$work/report.json"
./kordon scan "$corpus" --format json --output "$report" 2>/dev/null || true
objects=$(grep -m1 -o '"objects" : [0-9]*' "$report" | grep -o '[0-9]*$' || echo "?")
findings=$(grep -c '"fingerprint"' "$report" || true)
echo "report: $(du -h "$report" | cut -f1), $objects objects, $findings findings"

export XDG_DATA_HOME="$work/data"
token=$(./kordon serve token create bench --scope read,upload | tail -1)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
java ${KORDON_JAVA_OPTS:-} -jar kordon-cli/target/kordon.jar serve --listen "127.0.0.1:$port" \
  --max-upload 256 2>"$work/serve.log" &
server_pid=$!
base="http://127.0.0.1:$port"
for _ in $(seq 1 100); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.2; done

stats() { # stdin: seconds per line; prints p50 and p95 in ms
  sort -n | awk '{a[NR]=$1} END {p50=a[int(NR*0.50+0.5)]; p95=a[int(NR*0.95+0.5)]; if (p95=="") p95=a[NR];
    printf "p50 %.1f ms, p95 %.1f ms", p50*1000, p95*1000}'
}

: >"$work/upload.times"
start=$(date +%s.%N)
for i in $(seq 1 "$uploads"); do
  c="cluster-$(( (i - 1) % clusters + 1 ))"
  curl -sf -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $token" \
    -H 'Content-Type: application/json' --data-binary "@$report" \
    "$base/api/v1/reports?cluster=$c&source=scan" >>"$work/upload.times"
done
end=$(date +%s.%N)
echo "uploads: $uploads in $(echo "$end - $start" | bc) s; $(stats <"$work/upload.times")"

timed() { # path -> p95 seconds on stdout, summary on stderr
  local path="$1" f="$work/t.$RANDOM"
  for _ in $(seq 1 5); do curl -sf -o /dev/null -H "Authorization: Bearer $token" "$base$path"; done
  for _ in $(seq 1 "$requests"); do
    curl -sf -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $token" "$base$path"
  done >"$f"
  echo "  $path: $(stats <"$f")" >&2
  sort -n "$f" | awk '{a[NR]=$1} END {print a[int(NR*0.95+0.5)]}'
}
echo "pages ($requests requests each, after 5 warm-up):"
health=$(timed /healthz)
fleet=$(timed /)
cluster=$(timed /clusters/cluster-1)
search=$(timed '/findings?cluster=cluster-1')
deep=$(timed '/findings?state=all&page=200')
# the same depth as the dashboard reaches it: the "Next page" link of page 200, read by keyset
next=$(curl -sf -H "Authorization: Bearer $token" "$base/findings?state=all&page=200" \
  | grep -o 'href="/findings?[^"]*after=[0-9]*">Next page' | head -1 | sed 's/^href="//; s/">Next page$//; s/&amp;/\&/g')
keyset=$(timed "$next")
ratio() { echo "scale=1; $1 / $health" | bc; }
echo "p95 ratio to /healthz: fleet $(ratio "$fleet"), cluster $(ratio "$cluster"), search $(ratio "$search"), deep page by OFFSET $(ratio "$deep"), deep page by keyset $(ratio "$keyset")"
total=$(curl -sf -H "Authorization: Bearer $token" "$base/findings?state=all" | grep -o 'id="result-count">[^<]*' | sed 's/.*>//')
echo "search count: $total (capped at 10,000; $clusters clusters)"
echo "database: $(du -h "$XDG_DATA_HOME/kordon/history.mv.db" | cut -f1) ($XDG_DATA_HOME/kordon/history.mv.db)"

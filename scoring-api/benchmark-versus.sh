#!/usr/bin/env bash
# Two builds of the scoring API side by side (docs/benchmarks.md, "Main against a baseline, interleaved"): a
# baseline checkout and this one each start ScoringBenchServer (ports 8080 and 8090), both warm up, then ROUNDS pairs
# of short wrk slices alternate between them. This machine's speed drifts by up to 25 % within minutes, so
# back-to-back runs of minutes each cannot show a 5 % difference; alternating 10 s slices puts both builds under the
# same drift. Per slice: requests/s, p99, and the server process's CPU per 1,000 requests (from /proc).
# Usage (from the repository root; both checkouts built with the test-compile and build-classpath step of
# docs/benchmarks.md, the baseline's bench server taking -Dbench.port):
#   scoring-api/benchmark-versus.sh <baseline checkout> [server arguments, e.g. --scoring.decision-log.mode=async]
#   ROUNDS=10 SLICE=10 WARMUP=60 BODIES=approve JFR=1 ...   (JFR=1: a 20 s recording of each at the end, with
#   the settings file JFR_SETTINGS, by default JFR's "profile")
# Not part of the test suite. Needs JAVA_HOME pointing at JDK 25, wrk and python3.
set -euo pipefail
BASE="$(cd "$1" && pwd)"
shift
MAIN="$(cd "$(dirname "$0")/.." && pwd)"
OUT="$MAIN/scoring-api/target/bench/versus"
mkdir -p "$OUT"
rm -f "$OUT"/*
B="${BODIES:-approve}"
declare -A DIR=([base]="$BASE" [main]="$MAIN") PORT=([base]=8080 [main]=8090) PID

start() {
  (cd "${DIR[$1]}/scoring-api" && exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xmx2g \
    -XX:FlightRecorderOptions:stackdepth=512 -Dbench.port="${PORT[$1]}" ${BENCH_JAVA_OPTS:-} \
    -cp "target/test-classes:target/classes:$(cat target/bench.cp)" \
    io.creditscoring.scoring.bench.ScoringBenchServer "${@:2}" > "$OUT/server-$1.log" 2>&1) &
  PID[$1]=$!
}
# CPU ticks (user + system) of a process since it started
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
slice() { # build, seconds, output file
  wrk -t2 -c8 -d"$2"s --latency -s "$MAIN/scoring-api/src/test/resources/bench/score.lua" \
    "http://localhost:${PORT[$1]}" -- "${DIR[$1]}/scoring-api/target/bench/$B.jsonl" > "$3"
}

start base "$@"
start main "$@"
trap 'kill ${PID[base]} ${PID[main]} 2>/dev/null; wait 2>/dev/null || true' EXIT
for w in base main; do
  until grep -qs "BENCH SERVER READY" "$OUT/server-$w.log"; do kill -0 "${PID[$w]}"; sleep 2; done
done
for w in base main; do slice $w "${WARMUP:-60}" "$OUT/warmup-$w.txt"; done
for w in base main; do slice $w 20 "$OUT/warmup2-$w.txt"; done
HZ=$(getconf CLK_TCK)
for r in $(seq 1 "${ROUNDS:-10}"); do
  for w in base main; do
    before=$(ticks "${PID[$w]}")
    slice $w "${SLICE:-10}" "$OUT/$w-$r.txt"
    after=$(ticks "${PID[$w]}")
    requests=$(awk '/requests in/ {print $1}' "$OUT/$w-$r.txt")
    echo "$r $w $(awk '/Requests\/sec/ {print $2}' "$OUT/$w-$r.txt")" \
      "$(awk -v t=$((after - before)) -v hz="$HZ" -v n="$requests" 'BEGIN {printf "%.1f", t * 1000 / hz / n * 1000}')" \
      "$(awk '$1 == "99%" {print $2}' "$OUT/$w-$r.txt")" | tee -a "$OUT/slices.txt"
  done
done
if [ -n "${JFR:-}" ]; then
  for w in base main; do
    "$JAVA_HOME/bin/jcmd" "${PID[$w]}" JFR.start name=versus settings="${JFR_SETTINGS:-profile}" > /dev/null
    slice $w 20 "$OUT/jfr-$w.txt"
    "$JAVA_HOME/bin/jcmd" "${PID[$w]}" JFR.stop name=versus filename="$OUT/$w.jfr" > /dev/null
  done
fi
echo "columns: round, build, requests/s, server CPU ms per 1,000 requests, p99"
python3 - "$OUT/slices.txt" <<'PY'
import statistics as st, sys
rows = [line.split() for line in open(sys.argv[1])]
by = {w: [r for r in rows if r[1] == w] for w in ("base", "main")}
for w, rs in by.items():
    rate, cpu = [float(r[2]) for r in rs], [float(r[3]) for r in rs]
    print(f"{w}: {st.mean(rate):,.0f} requests/s on the mean, {st.median(rate):,.0f} median;"
          f" CPU {st.mean(cpu):.1f} ms per 1,000 requests on the mean")
ratios = [float(m[2]) / float(b[2]) for b, m in zip(by["base"], by["main"])]
print("main / base by round:", " ".join(f"{x:.3f}" for x in ratios),
      f"- mean {st.mean(ratios):.3f}, median {st.median(ratios):.3f}")
PY

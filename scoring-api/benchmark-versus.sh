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
#   the settings file JFR_SETTINGS, by default JFR's "profile"; TOGETHER=1: each round loads both builds at the
#   same time, each with its own wrk, instead of one after the other)
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
declare -A BEFORE
report() { # round, build: one line of slices.txt from the slice's wrk output and the server's CPU ticks
  local after requests
  after=$(ticks "${PID[$2]}")
  requests=$(awk '/requests in/ {print $1}' "$OUT/$2-$1.txt")
  echo "$1 $2 $(awk '/Requests\/sec/ {print $2}' "$OUT/$2-$1.txt")" \
    "$(awk -v t=$((after - BEFORE[$2])) -v hz="$HZ" -v n="$requests" 'BEGIN {printf "%.1f", t * 1000 / hz / n * 1000}')" \
    "$(awk '$1 == "99%" {print $2}' "$OUT/$2-$1.txt")" | tee -a "$OUT/slices.txt"
}
for r in $(seq 1 "${ROUNDS:-10}"); do
  if [ -n "${TOGETHER:-}" ]; then
    # both builds loaded at the same time, each by its own wrk: they share the cores and the machine's drift, so
    # their CPU per request compares without the drift between two slices
    for w in base main; do BEFORE[$w]=$(ticks "${PID[$w]}"); done
    slice base "${SLICE:-10}" "$OUT/base-$r.txt" &
    other=$!
    slice main "${SLICE:-10}" "$OUT/main-$r.txt"
    wait $other
    for w in base main; do report "$r" $w; done
  else
    for w in base main; do
      BEFORE[$w]=$(ticks "${PID[$w]}")
      slice $w "${SLICE:-10}" "$OUT/$w-$r.txt"
      report "$r" $w
    done
  fi
done
if [ -n "${JFR:-}" ]; then
  if [ -n "${TOGETHER:-}" ]; then
    for w in base main; do
      "$JAVA_HOME/bin/jcmd" "${PID[$w]}" JFR.start name=versus settings="${JFR_SETTINGS:-profile}" > /dev/null
    done
    slice base 20 "$OUT/jfr-base.txt" &
    other=$!
    slice main 20 "$OUT/jfr-main.txt"
    wait $other
    for w in base main; do
      "$JAVA_HOME/bin/jcmd" "${PID[$w]}" JFR.stop name=versus filename="$OUT/$w.jfr" > /dev/null
    done
  else
    for w in base main; do
      "$JAVA_HOME/bin/jcmd" "${PID[$w]}" JFR.start name=versus settings="${JFR_SETTINGS:-profile}" > /dev/null
      slice $w 20 "$OUT/jfr-$w.txt"
      "$JAVA_HOME/bin/jcmd" "${PID[$w]}" JFR.stop name=versus filename="$OUT/$w.jfr" > /dev/null
    done
  fi
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
print("main / base requests/s by round:", " ".join(f"{x:.3f}" for x in ratios),
      f"- mean {st.mean(ratios):.3f}, median {st.median(ratios):.3f}")
cpu = [float(b[3]) / float(m[3]) for b, m in zip(by["base"], by["main"])]
print("base / main CPU per request by round:", " ".join(f"{x:.3f}" for x in cpu),
      f"- mean {st.mean(cpu):.3f}, median {st.median(cpu):.3f}")
PY

#!/usr/bin/env bash
# The tail at a fixed rate (docs/benchmarks.md, "The tail at 70 % of saturation"): starts ScoringBenchServer with
# the given JVM options, warms the JIT up, measures the saturation rate of APPROVE and of mixed rows (wrk), then
# sends each kind at 70 % of its own saturation rate with paced wrk connections (the mixed rows in data-set order,
# 74 % of them with TreeSHAP reasons) and prints p50/p99/p99.9. Until 2026-12-02 the fixed rate came from 8 hey
# clients, which could not hold it (docs/benchmarks.md, "A fixed rate that holds"). The JVM's GC pauses during the
# fixed-rate phase come from its unified GC log. Since 2026-12-03 the Kafka broker runs in a JVM of its own
# (BenchBroker), as in a deployment, so that its garbage and GC roots stay out of the scoring service's pauses;
# BROKER=embedded puts it back in the server's JVM, as before.
# Usage (from the repository root, after the test-compile and build-classpath step of docs/benchmarks.md):
#   scoring-api/benchmark-tail.sh <label> "<JVM options>"      e.g. g1 "-XX:+UseG1GC -Xms512m -Xmx512m"
# Not part of the test suite. Needs JAVA_HOME pointing at JDK 25, wrk and python3.
set -euo pipefail
cd "$(dirname "$0")"
LABEL="$1"
JVM_OPTS="$2"
OUT="target/bench/tail-$LABEL"
mkdir -p "$OUT"
rm -f "$OUT"/*
S=src/test/resources/bench/score.lua
URL=http://localhost:8080

CP="target/test-classes:target/classes:$(cat target/bench.cp)"
. src/test/resources/bench/broker.sh
start_bench_broker "$CP" "$OUT"
BROKER_OPTS=()
[ -n "$BROKER_BOOTSTRAP" ] && BROKER_OPTS=("-Dbench.kafka.bootstrap=$BROKER_BOOTSTRAP")
# shellcheck disable=SC2086 # the options are words
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED $JVM_OPTS "${BROKER_OPTS[@]}" \
  "-Xlog:gc,gc+phases:file=$OUT/gc.log:uptime" -cp "$CP" \
  io.creditscoring.scoring.bench.ScoringBenchServer --scoring.decision-log.mode=async > "$OUT/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER $BROKER_PID 2>/dev/null; wait $SERVER $BROKER_PID 2>/dev/null || true' EXIT
until grep -qs "BENCH SERVER READY" "$OUT/server.log"; do
  kill -0 $SERVER 2>/dev/null || { cat "$OUT/server.log"; exit 1; }
  sleep 2
done

echo "== $LABEL ($JVM_OPTS): warm-up 60 s ($(uptime | sed 's/.*load/load/'))"
wrk -t2 -c8 -d60s -s $S $URL -- target/bench/mixed.jsonl > "$OUT/warmup.txt"

saturation() {
  wrk -t2 -c8 -d30s --latency -s $S $URL -- "target/bench/$1.jsonl" > "$OUT/saturation-$1.txt"
  awk '/Requests\/sec/ {printf "%d", $2}' "$OUT/saturation-$1.txt"
}

# a kind's rows at a steady rate: wrk with 64 paced connections (src/test/resources/bench/paced.lua), each pausing a
# random time between an answer and its next request, so that requests arrive spread out and the rate holds (hey's
# clients could not hold it on 2 cores: they share them with the server); wrk times each request from its sending
fixed_rate() { # kind rate
  local kind=$1 rate=$2 pause
  pause=$(python3 -c "print(max(1, round(64 * 1000 / $rate)))")
  echo "$(date -u +%H:%M:%S) $kind at $rate requests/s: 64 paced connections for 30 s" >> "$OUT/phases.txt"
  PACED_PATH=/v1/portfolios/taiwan-cards/score PACED_DELAY_MS=$pause SCORING_KEY=bench-key \
    wrk -t2 -c64 -d30s --latency -s src/test/resources/bench/paced.lua $URL -- "target/bench/$kind.jsonl" \
    > "$OUT/$kind-fixed.txt"
  awk -v kind="$kind" -v rate="$rate" '
    / 50%/ {p50 = $2} / 99%/ {p99 = $2} /^p99.9/ {p999 = $2} /Requests\/sec/ {served = $2} /Non-2xx/ {errors = $NF}
    END {printf "%s at %s/s asked: %d requests/s served, p50 %s, p99 %s, p99.9 %s, non-2xx %d\n",
         kind, rate, served, p50, p99, p999, errors + 0}' "$OUT/$kind-fixed.txt"
}

APPROVE_SAT=$(saturation approve)
MIXED_SAT=$(saturation mixed)
echo "== $LABEL: saturation APPROVE $APPROVE_SAT/s, mixed $MIXED_SAT/s ($(uptime | sed 's/.*load/load/'))"
GC_FROM=$(wc -l < "$OUT/gc.log")
fixed_rate approve $((APPROVE_SAT * 7 / 10)) | tee "$OUT/fixed-approve.txt"
fixed_rate mixed $((MIXED_SAT * 7 / 10)) | tee "$OUT/fixed-mixed.txt"
REQUESTS=$(awk '/requests in/ {n += $1} END {print n}' "$OUT"/*-fixed.txt)
tail -n +"$((GC_FROM + 1))" "$OUT/gc.log" | python3 -c '
import re, sys
requests = int(sys.argv[1])
pauses, allocated, after = [], 0, None
for line in sys.stdin:
    m = re.search(r"Pause.* ([0-9.]+)ms$", line)
    if m:
        pauses.append(float(m.group(1)))
    # G1 and Parallel: "Pause Young (...) 300M->20M(512M) 2.1ms": the garbage made since the last collection
    h = re.search(r"Pause Young.* ([0-9]+)M->([0-9]+)M\(", line)
    if h:
        if after is not None:
            allocated += int(h.group(1)) - after
        after = int(h.group(2))
pauses.sort()
print(f"GC pauses in the fixed-rate minute: {len(pauses)}" + (
    f", median {pauses[len(pauses)//2]:.2f} ms, p99 {pauses[int(0.99*len(pauses))]:.2f} ms, max {pauses[-1]:.2f} ms"
    if pauses else ""))
if allocated:
    print(f"allocated between young collections: {allocated} MB for {requests} requests, "
          f"{allocated * 1024 / requests:.1f} KB per request")' "$REQUESTS" | tee "$OUT/gc-pauses.txt"

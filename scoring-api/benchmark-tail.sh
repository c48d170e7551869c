#!/usr/bin/env bash
# The tail at a fixed rate (docs/benchmarks.md, "The tail at 70 % of saturation"): starts ScoringBenchServer with
# the given JVM options, warms the JIT up, measures the saturation rate of APPROVE and of mixed rows (wrk), then
# sends each kind at 70 % of its own saturation rate from 8 hey clients at a fixed rate (each client replays one
# body; for mixed traffic 6 of the 8 bodies get TreeSHAP reasons, as 74 % of the data set's rows do) and merges
# the clients' per-request times into one p50/p99/p99.9. The JVM's GC pauses during the fixed-rate phase come from
# its unified GC log.
# Usage (from the repository root, after the test-compile and build-classpath step of docs/benchmarks.md):
#   scoring-api/benchmark-tail.sh <label> "<JVM options>"      e.g. g1 "-XX:+UseG1GC -Xms512m -Xmx512m"
# Not part of the test suite. Needs JAVA_HOME pointing at JDK 25, wrk, hey and python3.
set -euo pipefail
cd "$(dirname "$0")"
LABEL="$1"
JVM_OPTS="$2"
OUT="target/bench/tail-$LABEL"
mkdir -p "$OUT"
rm -f "$OUT"/*
S=src/test/resources/bench/score.lua
URL=http://localhost:8080
SCORE=$URL/v1/portfolios/taiwan-cards/score

# shellcheck disable=SC2086 # the options are words
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED $JVM_OPTS "-Xlog:gc,gc+phases:file=$OUT/gc.log:uptime" \
  -cp "target/test-classes:target/classes:$(cat target/bench.cp)" \
  io.creditscoring.scoring.bench.ScoringBenchServer --scoring.decision-log.mode=async > "$OUT/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true' EXIT
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

# 8 bodies of a kind: APPROVE rows, or the mixed file's first 6 with reasons and 2 without
bodies() {
  python3 - "$1" "$OUT" <<'EOF'
import json, sys
kind, out = sys.argv[1], sys.argv[2]
rows = [line for line in open(f"target/bench/{kind}.jsonl") if line.strip()]
if kind == "approve":
    chosen = rows[:8]
else:
    approve = set(open("target/bench/approve.jsonl").read().splitlines())
    chosen = [r for r in rows if r.strip() not in approve][:6] + [r for r in rows if r.strip() in approve][:2]
for i, row in enumerate(chosen):
    open(f"{out}/{kind}-body-{i}.json", "w").write(row.strip())
EOF
}

fixed_rate() { # kind rate
  local kind=$1 rate=$2 per_client
  per_client=$(python3 -c "print(max(1, round($rate / 8)))")
  bodies "$kind"
  echo "$(date -u +%H:%M:%S) $kind at $rate requests/s: 8 clients x $per_client/s for 30 s" >> "$OUT/phases.txt"
  for i in 0 1 2 3 4 5 6 7; do
    hey -z 30s -c 1 -q "$per_client" -m POST -T application/json -H "X-API-Key: bench-key" \
      -D "$OUT/$kind-body-$i.json" -o csv "$SCORE" > "$OUT/$kind-fixed-$i.csv" &
  done
  wait # the hey clients: this function runs in the pipeline's subshell, whose only children they are
  python3 - "$OUT" "$kind" "$rate" <<'EOF'
import csv, glob, statistics, sys
out, kind, rate = sys.argv[1], sys.argv[2], sys.argv[3]
times, errors = [], 0
for name in glob.glob(f"{out}/{kind}-fixed-*.csv"):
    for row in csv.DictReader(open(name)):
        times.append(float(row["response-time"]) * 1000)
        errors += row["status-code"] != "200"
times.sort()
pick = lambda q: times[min(len(times) - 1, int(q * len(times)))]
print(f"{kind} at {rate}/s: {len(times) / 30:.0f} requests/s sent, p50 {pick(0.5):.2f} ms, p99 {pick(0.99):.2f} ms, "
      f"p99.9 {pick(0.999):.2f} ms, max {times[-1]:.2f} ms, non-200 {errors}")
EOF
}

APPROVE_SAT=$(saturation approve)
MIXED_SAT=$(saturation mixed)
echo "== $LABEL: saturation APPROVE $APPROVE_SAT/s, mixed $MIXED_SAT/s ($(uptime | sed 's/.*load/load/'))"
GC_FROM=$(wc -l < "$OUT/gc.log")
fixed_rate approve $((APPROVE_SAT * 7 / 10)) | tee "$OUT/fixed-approve.txt"
fixed_rate mixed $((MIXED_SAT * 7 / 10)) | tee "$OUT/fixed-mixed.txt"
REQUESTS=$(cat "$OUT"/*-fixed-*.csv | grep -c '^[0-9]')
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

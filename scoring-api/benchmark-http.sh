#!/usr/bin/env bash
# HTTP benchmark of the scoring API (docs/benchmarks.md, "HTTP: wrk against the running service"): starts
# ScoringBenchServer, warms the JIT up, then measures APPROVE traffic twice at saturation (wrk, 8 connections)
# and once at a steady 1,000 requests/s (wrk, 64 connections paced by src/test/resources/bench/paced.lua; hey until
# 2026-12-02, which could not hold its rate on 2 cores), and stops the server.
# Usage (from the repository root, after the test-compile and build-classpath step of docs/benchmarks.md):
#   scoring-api/benchmark-http.sh <label> [server arguments, e.g. --scoring.decision-log.mode=async]
#   scoring-api/benchmark-http.sh peer      the FastAPI + xgboost peer of ../shared/peers, the same protocol
#   BODIES=mixed scoring-api/benchmark-http.sh <label>   the mixed rows (REFER and DECLINE with reasons) at saturation
#   BENCH_JAVA_OPTS=-Dbench.challenger=true scoring-api/benchmark-http.sh <label>   with a challenger shadow scored
# Not part of the test suite. Needs JAVA_HOME pointing at JDK 25 and wrk (the peer: see its README).
set -euo pipefail
cd "$(dirname "$0")"
LABEL="$1"
shift
OUT="target/bench/$LABEL"
mkdir -p "$OUT"
rm -f "$OUT"/*   # a READY line of an earlier run must not be taken for this one
S=src/test/resources/bench/score.lua
URL=http://localhost:8080
C="${CONNECTIONS:-8}"   # wrk connections at saturation
B="${BODIES:-approve}"  # approve: applicants the model approves (no reasons); mixed: data-set order, 74 % with reasons

if [ "$LABEL" = peer ]; then
  PEERS="${PEERS:-$(cd ../.. && pwd)/shared/peers}"
  [ -f /tmp/peers/taiwan_bodies.jsonl ] || (cd "$PEERS" && /usr/bin/python3 fastapi_peer.py train)
  (cd "$PEERS" && PEER_PREDICT_MODE=inplace PEER_NTHREAD=1 exec /usr/bin/python3 -m uvicorn fastapi_peer:app \
    --host 127.0.0.1 --port 8000 --workers 1 --no-access-log --log-level warning) > "$OUT/server.log" 2>&1 &
  SERVER=$!
  trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true' EXIT
  until curl -sf -o /dev/null http://127.0.0.1:8000/health; do sleep 1; done
  echo "== peer: warm-up 10 s"
  wrk -t2 -c8 -d10s -s "$PEERS/wrk_predict.lua" http://127.0.0.1:8000/predict > "$OUT/warmup.txt"
  for run in 1 2; do
    echo "== peer at saturation, run $run ($(date -u +%H:%M:%S), $(uptime | sed 's/.*load/load/'))"
    wrk -t2 -c8 -d30s --latency -s "$PEERS/wrk_predict.lua" http://127.0.0.1:8000/predict \
      | tee "$OUT/approve-$run.txt" | grep -E "Requests/sec|^ +(50|75|90|99)%|Non-2xx"
  done
  echo "== peer at a fixed 1,000 requests/s ($(date -u +%H:%M:%S), $(uptime | sed 's/.*load/load/'))"
  head -1 /tmp/peers/taiwan_bodies.jsonl > "$OUT/one-body.json"
  PACED_PATH=/predict PACED_DELAY_MS=64 wrk -t2 -c64 -d30s --latency -s src/test/resources/bench/paced.lua \
    http://127.0.0.1:8000 -- "$OUT/one-body.json" | tee "$OUT/fixed-rate.txt" | grep -E "Requests/sec|^ +(50|90|99)%|Non-2xx"
  exit 0
fi

"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xmx2g ${BENCH_JAVA_OPTS:-} \
  -cp "target/test-classes:target/classes:$(cat target/bench.cp)" \
  io.creditscoring.scoring.bench.ScoringBenchServer "$@" > "$OUT/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true' EXIT
until grep -qs "BENCH SERVER READY" "$OUT/server.log"; do
  kill -0 $SERVER 2>/dev/null || { cat "$OUT/server.log"; exit 1; }
  sleep 2
done

echo "== $LABEL: warm-up 60 s ($(uptime | sed 's/.*load/load/'))"
wrk -t2 -c8 -d60s -s $S $URL -- target/bench/$B.jsonl > "$OUT/warmup.txt"
for run in 1 2; do
  echo "== $LABEL: $B at saturation ($C connections), run $run ($(date -u +%H:%M:%S), $(uptime | sed 's/.*load/load/'))"
  wrk -t2 -c"$C" -d30s --latency -s $S $URL -- target/bench/$B.jsonl | tee "$OUT/$B-$run.txt" \
    | grep -E "Requests/sec|^ +(50|75|90|99)%|p99.9|Non-2xx"
done
echo "== $LABEL: APPROVE at a fixed 1,000 requests/s ($(date -u +%H:%M:%S), $(uptime | sed 's/.*load/load/'))"
head -1 target/bench/approve.jsonl > "$OUT/one-body.json"
PACED_PATH=/v1/portfolios/taiwan-cards/score PACED_DELAY_MS=64 SCORING_KEY=bench-key \
  wrk -t2 -c64 -d30s --latency -s src/test/resources/bench/paced.lua $URL -- "$OUT/one-body.json" \
  | tee "$OUT/fixed-rate.txt" | grep -E "Requests/sec|^ +(50|90|99)%|Non-2xx"
curl -s -H "X-API-Key: bench-key" $URL/actuator/prometheus | grep -E '^scoring_(events|decisions|shadow)' > "$OUT/decision-log-counters.txt" || true

# shellcheck shell=bash
# Sourced by scoring-api/benchmark-tail.sh and bin/benchmark-peer. start_bench_broker <classpath> <output directory>
# starts BenchBroker, a Kafka broker in a JVM of its own as in a deployment, unless BROKER=embedded (the broker in the
# scoring server's JVM, as before 2026-12-03); sets BROKER_PID and BROKER_BOOTSTRAP (both empty for embedded).
start_bench_broker() {
  BROKER_PID=""
  BROKER_BOOTSTRAP=""
  [ "${BROKER:-own-jvm}" = embedded ] && return 0
  "$JAVA_HOME/bin/java" -Xmx512m -cp "$1" io.creditscoring.scoring.bench.BenchBroker "$2/broker-bootstrap" \
    > "$2/broker.log" 2>&1 &
  BROKER_PID=$!
  until [ -s "$2/broker-bootstrap" ]; do
    kill -0 "$BROKER_PID" 2>/dev/null || { cat "$2/broker.log"; return 1; }
    sleep 1
  done
  BROKER_BOOTSTRAP=$(cat "$2/broker-bootstrap")
}

#!/usr/bin/env bash
# End-to-end ingestion benchmark: real KRaft broker + embedded PostgreSQL + the ingestion service in one JVM.
# Usage (from the repository root): ingestion-service/benchmark.sh [records] [drain|concurrent] [heap]
# Not part of the test suite. Needs JAVA_HOME pointing at JDK 25 and the module built (test-compile).
set -euo pipefail
cd "$(dirname "$0")/.."
RECORDS="${1:-1000000}"
MODE="${2:-drain}"
HEAP="${3:-1g}"
./mvnw -B -q -o -pl ingestion-service test-compile
./mvnw -B -q -o -pl ingestion-service dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/benchmark.classpath
CP="ingestion-service/target/test-classes:ingestion-service/target/classes:$(cat ingestion-service/target/benchmark.classpath)"
exec "$JAVA_HOME/bin/java" ${JAVA_OPTS:-} -Xms"$HEAP" -Xmx"$HEAP" -XX:+UseParallelGC --enable-native-access=ALL-UNNAMED \
  -cp "$CP" io.creditscoring.ingestion.benchmark.IngestionBenchmark "$RECORDS" "$MODE"

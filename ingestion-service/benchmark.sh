#!/usr/bin/env bash
# End-to-end ingestion benchmark: real KRaft broker + embedded PostgreSQL + the ingestion service in one JVM.
# Usage (from the repository root): ingestion-service/benchmark.sh [records] [drain|concurrent] [heap]
# Not part of the test suite. Needs JAVA_HOME pointing at JDK 25. Builds the module and the modules it depends on
# (test-compile, never install: the class path points at their target/classes); SKIP_BUILD=1 reuses the last build.
set -euo pipefail
cd "$(dirname "$0")/.."
RECORDS="${1:-1000000}"
MODE="${2:-drain}"
HEAP="${3:-1g}"
if [ -z "${SKIP_BUILD:-}" ]; then
  ./mvnw -B -q -pl ingestion-service -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/benchmark.classpath -Dspotless.check.skip=true
fi
CP="ingestion-service/target/test-classes:ingestion-service/target/classes:$(cat ingestion-service/target/benchmark.classpath)"
exec "$JAVA_HOME/bin/java" ${JAVA_OPTS:-} -Xms"$HEAP" -Xmx"$HEAP" -XX:+UseParallelGC --enable-native-access=ALL-UNNAMED \
  -cp "$CP" io.creditscoring.ingestion.benchmark.IngestionBenchmark "$RECORDS" "$MODE"

#!/usr/bin/env bash
# Measures a full Linux scan: warm in-process (JMH, median of every sampled scan), the processes one
# scan spawns, and the cold `java -jar target/auscult.jar scan --json` wall time (median of 11 runs).
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA="${JAVA_HOME:?set JAVA_HOME to a JDK 25}/bin/java"

./mvnw -q -DskipTests package test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
CP="target/test-classes:target/classes:$(cat target/test-classpath.txt)"

echo "== processes spawned by one scan"
"$JAVA" -cp "$CP" dev.auscult.bench.ProcessCount

echo "== warm in-process scan (JMH SampleTime; see p0.50)"
"$JAVA" -cp "$CP" org.openjdk.jmh.Main dev.auscult.bench.ScanBenchmark "$@"

echo "== cold CLI: java -jar target/auscult.jar scan --json (11 runs)"
times=()
for i in $(seq 1 11); do
  t0=$(date +%s%N)
  "$JAVA" -jar target/auscult.jar scan --json >/dev/null || true
  t1=$(date +%s%N)
  times+=($(( (t1 - t0) / 1000000 )))
done
sorted=$(printf '%s\n' "${times[@]}" | sort -n | tr '\n' ' ')
median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 6p)
echo "runs (ms, sorted): $sorted"
echo "median: ${median} ms"

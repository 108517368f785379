#!/usr/bin/env bash
# Auscult Server as Cloudflare's custom device posture provider (docs/performance.md): an account with DEVICES devices
# on the embedded SQLite, REQUESTS requests asking about all of them (Cloudflare sends at most 1,000 per request).
# Usage: bench/cloudflare-posture.sh [DEVICES=1000] [REQUESTS=200] [RUNS=3]
set -euo pipefail
cd "$(dirname "$0")/.."
JDK="${JAVA_HOME:?set JAVA_HOME to a JDK 25}"
DEVICES=${1:-1000}; REQUESTS=${2:-200}; RUNS=${3:-3}
./mvnw -q -DskipTests -DskipServer install
./mvnw -q -f server/pom.xml -DskipTests package test-compile
CP="server/target/test-classes:server/target/classes:$(ls server/target/lib/*.jar | tr '\n' ':')"
for r in $(seq 1 "$RUNS"); do
  AUSCULT_SERVER_TEST_TMP="$PWD/server/target" "$JDK/bin/java" -Xmx512m --enable-native-access=ALL-UNNAMED -Djava.util.logging.config.file=/dev/null -cp "$CP" \
    dev.auscult.server.bench.CloudflarePostureLoad "$DEVICES" "$REQUESTS" 2>/dev/null | sed "s/^/run $r: /"
done

#!/usr/bin/env bash
# Auscult Server's device step (OpenID Connect) at a fixed rate of sign-ins, scripted: the server in-process on its
# embedded SQLite, D real agent homes (device keys, signed answers) over loopback, R sign-ins per second for S seconds.
# Each sign-in: authorize, the page, the device's answer, the page with the code, the token. Prints p50/p99 per step.
# Usage: bench/signin-load.sh [RATE=100] [SECONDS=30] [DEVICES=50] [RUNS=3] [sqlite|postgresql]
set -euo pipefail
cd "$(dirname "$0")/.."
JDK="${JAVA_HOME:?set JAVA_HOME to a JDK 25}"
RATE=${1:-100}; SECS=${2:-30}; DEVICES=${3:-50}; RUNS=${4:-3}; DB=${5:-sqlite}
./mvnw -q -DskipTests -DskipServer install
./mvnw -q -f server/pom.xml -DskipTests package test-compile
CP="server/target/test-classes:server/target/classes:$(ls server/target/lib/*.jar | tr '\n' ':')"
CP="$CP:$(find ~/.m2/repository/com/nimbusds/oauth2-oidc-sdk -name '*.jar' | sort | tail -1)"
for r in $(seq 1 "$RUNS"); do
  AUSCULT_SERVER_TEST_TMP="$PWD/server/target" "$JDK/bin/java" -Xmx512m --enable-native-access=ALL-UNNAMED -Djava.util.logging.config.file=/dev/null -cp "$CP" \
    dev.auscult.server.bench.SignInLoad "$RATE" "$SECS" "$DEVICES" "$DB" 2>/dev/null | sed "s/^/run $r: /"
done

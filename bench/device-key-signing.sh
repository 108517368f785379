#!/usr/bin/env bash
# The agent's cost of signing one request (docs/performance.md): software key vs a TPM 2.0 (swtpm + tpm2-tools).
# Usage: bench/device-key-signing.sh [RUNS=200]
set -euo pipefail
cd "$(dirname "$0")/.."
JDK="${JAVA_HOME:?set JAVA_HOME to a JDK 25}"
./mvnw -q -DskipTests -DskipServer package test-compile
./mvnw -q -DskipServer dependency:build-classpath -Dmdep.outputFile=target/bench-cp.txt >/dev/null
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
"$JDK/bin/java" -Djava.util.logging.config.file=/dev/null -cp "target/classes:target/test-classes:$(cat target/bench-cp.txt)" \
  dev.auscult.bench.DeviceKeySigning "${1:-200}" "$work"

#!/usr/bin/env bash
# One-click fix, click to verdict (docs/performance.md): GNOME's screen lock turned off and fixed RUNS times in a
# private GNOME settings session (a session bus with dconf, its own HOME); prints each run, median and p95.
# Usage: bench/fix-recheck.sh [RUNS=30]
set -euo pipefail
cd "$(dirname "$0")/.."
JDK="${JAVA_HOME:?set JAVA_HOME to a JDK 25}"
RUNS=${1:-30}
./mvnw -q -DskipTests -DskipServer package test-compile
./mvnw -q -DskipServer dependency:build-classpath -Dmdep.outputFile=target/bench-cp.txt >/dev/null
work=$(mktemp -d)
trap 'kill $bus 2>/dev/null || true; rm -rf "$work"' EXIT
mkdir -p "$work/home/.config"
export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" XDG_RUNTIME_DIR="$work" XDG_CURRENT_DESKTOP=GNOME
dbus-daemon --session --nofork --address="unix:path=$work/bus" & bus=$!
sleep 0.5
export DBUS_SESSION_BUS_ADDRESS="unix:path=$work/bus"
"$JDK/bin/java" -Djava.util.logging.config.file=/dev/null -cp "target/classes:target/test-classes:$(cat target/bench-cp.txt)" \
  dev.auscult.bench.FixRecheckBenchmark "$RUNS" "$work/state"

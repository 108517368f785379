#!/usr/bin/env bash
# Posture push latency under report load, scripted: the server in-process on its embedded SQLite or a throw-away
# PostgreSQL cluster (durable settings), a webhook receiver on loopback, N simulated agents sending reports back to back
# that alternate failing and passing (every report is a change). Prints reports/s and the p50/p95/p99 time from the
# report's transaction to the receiver, for RUNS runs.
# Usage: bench/push-latency.sh [sqlite|postgresql] [AGENTS=32] [SECONDS=30] [RUNS=3]
set -euo pipefail
cd "$(dirname "$0")/.."
JDK="${JAVA_HOME:?set JAVA_HOME to a JDK 25}"
DB=${1:-sqlite}; AGENTS=${2:-32}; SECS=${3:-30}; RUNS=${4:-3}
./mvnw -q -DskipTests -DskipServer install
./mvnw -q -f server/pom.xml -DskipTests package test-compile
W=$(mktemp -d); chmod 755 "$W"
cleanup() { [ -n "${PGSTOP:-}" ] && eval "$PGSTOP" >/dev/null 2>&1 || true; rm -rf "$W"; }
trap cleanup EXIT
CP="server/target/test-classes:server/target/classes:$(ls server/target/lib/*.jar | tr '\n' ':')"
for r in $(seq 1 "$RUNS"); do
  URL=sqlite
  if [ "$DB" = postgresql ]; then
    BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
    PG_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    AS=(); [ "$(id -u)" = 0 ] && { chown postgres "$W"; AS=(runuser -u postgres --); }
    "${AS[@]}" "$BIN/initdb" -D "$W/pg$r" -U auscult -A trust -E UTF8 --no-locale >/dev/null
    "${AS[@]}" "$BIN/pg_ctl" -D "$W/pg$r" -w -l "$W/pg$r.log" -o "-p $PG_PORT -k $W -c listen_addresses=127.0.0.1 -c max_connections=100" start >/dev/null
    PGSTOP="${AS[*]} $BIN/pg_ctl -D $W/pg$r -m fast stop"
    URL="postgresql://auscult@127.0.0.1:$PG_PORT/postgres"
  fi
  "$JDK/bin/java" -Xmx512m --enable-native-access=ALL-UNNAMED -cp "$CP" dev.auscult.server.bench.PushLatency "$URL" "$AGENTS" "$SECS" 2>/dev/null | grep '^db='
  [ -n "${PGSTOP:-}" ] && { eval "$PGSTOP" >/dev/null 2>&1 || true; PGSTOP=; }
done

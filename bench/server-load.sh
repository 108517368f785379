#!/usr/bin/env bash
# Auscult Server under report load, scripted: the server (java -jar, -Xmx256m) on its embedded SQLite or on a throw-away
# PostgreSQL cluster, N simulated agents over loopback that activate once and then send ~10 KB reports
# back to back. Prints sustained reports/s, p50/p90/p99 latency, and the server's RSS and heap after GC.
# Usage: [SIGNED=1] bench/server-load.sh [sqlite|postgresql] [AGENTS=32] [SECONDS=60] [RUNS=3]
# SIGNED=1: every simulated agent registers a device key and signs each upload (DPoP + body hash), as real agents do.
set -euo pipefail
cd "$(dirname "$0")/.."
JDK="${JAVA_HOME:?set JAVA_HOME to a JDK 25}"
DB=${1:-postgresql}; AGENTS=${2:-32}; SECS=${3:-60}; RUNS=${4:-3}
./mvnw -q -DskipTests -DskipServer install
./mvnw -q -f server/pom.xml -DskipTests package test-compile
W=$(mktemp -d); chmod 755 "$W"
SERVER_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cleanup() { [ -n "${SRV:-}" ] && kill $SRV 2>/dev/null || true; [ -n "${PGSTOP:-}" ] && eval "$PGSTOP" >/dev/null 2>&1 || true; rm -rf "$W"; }
trap cleanup EXIT
if [ "$DB" = postgresql ]; then
  BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  PG_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  AS=(); [ "$(id -u)" = 0 ] && { chown postgres "$W"; AS=(runuser -u postgres --); }
  "${AS[@]}" "$BIN/initdb" -D "$W/pg" -U auscult -A trust -E UTF8 --no-locale >/dev/null
  # durable settings (fsync on): what a production server would run with
  "${AS[@]}" "$BIN/pg_ctl" -D "$W/pg" -w -l "$W/pg.log" -o "-p $PG_PORT -k $W -c listen_addresses=127.0.0.1 -c max_connections=100" start >/dev/null
  PGSTOP="${AS[*]} $BIN/pg_ctl -D $W/pg -m fast stop"
  export AUSCULT_DATABASE="postgresql://auscult@127.0.0.1:$PG_PORT/postgres"
else
  export AUSCULT_DATA="$W/data"   # the embedded default: SQLite, WAL, synchronous=FULL
fi
CLI=("$JDK/bin/java" -jar server/target/auscult-server.jar)
"${CLI[@]}" admin create-account bench --name Bench >/dev/null 2>&1
for i in $(seq 1 $((AGENTS * RUNS))); do echo "agent$i@bench.example"; done > "$W/people.csv"
"${CLI[@]}" admin import-people "$W/people.csv" --account bench >/dev/null 2>&1
"${CLI[@]}" admin export-codes --account bench --all --out "$W/codes.csv" >/dev/null 2>&1
"$JDK/bin/java" -Xmx256m -jar server/target/auscult-server.jar serve --bind 127.0.0.1 --port "$SERVER_PORT" >"$W/server.log" 2>&1 &
SRV=$!
for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$SERVER_PORT/health" >/dev/null 2>&1 && break; sleep 0.5; done
CP="server/target/test-classes:server/target/classes:$(ls server/target/lib/*.jar | tr '\n' ':')"
tail -n +2 "$W/codes.csv" > "$W/rows.csv"
for r in $(seq 1 "$RUNS"); do
  { echo "email,code"; tail -n +$(( (r - 1) * AGENTS + 1 )) "$W/rows.csv" | head -n "$AGENTS"; } > "$W/run.csv"
  "$JDK/bin/java" -cp "$CP" dev.auscult.server.bench.ReportLoad "http://127.0.0.1:$SERVER_PORT/graphql" bench "$W/run.csv" "$AGENTS" 10 "$SECS" ${SIGNED:+signed} | sed "s/^/run $r [$DB]: /"
done
"$JDK/bin/jcmd" $SRV GC.run >/dev/null; sleep 1
echo "server: rss=$(awk '/VmRSS/ {printf "%.0f", $2/1024}' /proc/$SRV/status)MB heap_after_gc=$("$JDK/bin/jcmd" $SRV GC.heap_info | grep -E 'garbage-first heap|DefNew|Tenured' | grep -oE 'used [0-9]+K' | awk '{gsub(/K/,"",$2); s+=$2} END {printf "%.0f", s/1024}')MB threads=$(ls /proc/$SRV/task | wc -l)"

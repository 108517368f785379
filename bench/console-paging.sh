#!/usr/bin/env bash
# The console's device table over 10,000 devices: first, middle and last page, a filtered page, a search,
# the overview and the CSV export, 11 timed runs each after 3 warm-ups (median, slowest).
# Usage: bench/console-paging.sh [sqlite|postgresql] [DEVICES=10000]   (postgresql needs AUSCULT_TEST_POSTGRES_URL
# or the Debian postgresql binaries, as the server's tests do)
set -euo pipefail
cd "$(dirname "$0")/.."
JDK="${JAVA_HOME:?set JAVA_HOME to a JDK 25}"
DB=${1:-sqlite}; N=${2:-10000}
./mvnw -q -DskipTests -DskipServer install
./mvnw -q -f server/pom.xml -DskipTests package test-compile
CP="server/target/test-classes:server/target/classes:$(ls server/target/lib/*.jar | tr '\n' ':')"
# the embedded default: an SQLite file in a fresh directory (an in-memory database is refused: it would lose reports)
[ "$DB" = postgresql ] && URL=postgresql || URL="sqlite:$(mktemp -d)/auscult.db"
"$JDK/bin/java" -cp "$CP" dev.auscult.server.bench.ConsolePaging "$URL" "$N" 2>/dev/null | grep -v '^{'


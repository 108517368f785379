#!/usr/bin/env bash
# The tray app under local-API load from many origins, with the packaged JVM options.
#  - a broad hostLabels pattern admits every https://<name>.soak.example origin; each request comes from a
#    new origin, with a policy that fails and an application regex that backtracking engines choke on
#  - samples at the start (after a 20 s idle) and at the end: RSS, heap after a full GC, GC time, threads,
#    open file descriptors
# Usage: DISPLAY=:99 bench/localapi-soak.sh [SECONDS=600] [CLIENTS=16]
set -euo pipefail
cd "$(dirname "$0")/.."
JDK="${JAVA_HOME:?set JAVA_HOME to a JDK 25}"
: "${DISPLAY:?run on an X display, e.g. Xvfb :99 and DISPLAY=:99}"
SECONDS_TO_RUN=${1:-600}
CLIENTS=${2:-16}
PORT=${PORT:-37391}
. packaging/jpackage/common-runtime.sh >/dev/null 2>&1 || true
TUNED=(-XX:+UseSerialGC -Xmx48m -Xmn4m -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -Xss512k -XX:ReservedCodeCacheSize=16m -XX:MaxMetaspaceSize=64m -XX:TrimNativeHeapInterval=2000 -XX:+UseCompactObjectHeaders -Dprism.order=sw)
./mvnw -q -DskipTests package test-compile
HOME_DIR=$(mktemp -d)
mkdir -p "$HOME_DIR/config"
cat > "$HOME_DIR/config/config.yaml" <<YAML
allowHosts: ["https://portal.soak.example"]
hostLabels:
  - pattern: "^https://[a-z0-9-]+\\\\.soak\\\\.example$"
    name: Soak test
localApi:
  port: $PORT
YAML
"$JDK/bin/java" "${TUNED[@]}" -Dauscult.home="$HOME_DIR" -jar target/auscult.jar --start-hidden >"$HOME_DIR/app.out" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null || true; rm -rf "$HOME_DIR"' EXIT

sample() { # label
  "$JDK/bin/jcmd" $APP GC.run >/dev/null
  sleep 1
  local heap rss threads fds gct
  heap=$("$JDK/bin/jcmd" $APP GC.heap_info | grep -E '^ *(DefNew|Tenured|def new generation|tenured generation)' | grep -oE 'used [0-9]+K' | awk '{gsub(/K/,"",$2); s+=$2} END {printf "%.1f", s/1024}')
  rss=$(awk '/VmRSS/ {printf "%.1f", $2/1024}' /proc/$APP/status)
  threads=$(ls /proc/$APP/task | wc -l)
  fds=$(ls /proc/$APP/fd | wc -l)
  gct=$("$JDK/bin/jstat" -gcutil $APP | awk 'NR==2 {print $NF}')
  echo "$1: rss=${rss}MB heap_after_gc=${heap}MB gc_time_total=${gct}s threads=$threads fds=$fds"
}

sleep 20
sample start
CP="target/test-classes:target/classes:$(ls target/lib/*.jar | tr '\n' ':')"
"$JDK/bin/java" -cp "$CP" dev.auscult.bench.LocalApiLoad "$PORT" "$SECONDS_TO_RUN" "$CLIENTS"
sample end
echo "notifications raised: $(cat "$HOME_DIR"/state/logs/auscult-*.log 2>/dev/null | grep -c 'notification:' || true)"

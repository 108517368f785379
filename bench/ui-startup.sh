#!/usr/bin/env bash
# Tray app start-up and footprint, on an X display (Xvfb + trayer in CI-like machines):
#  - start -> window shown (ms), 5 runs each, median; default JVM options vs tuned + JDK 25 AOT cache
#  - idle resident memory with only the tray icon (--start-hidden), after 20 s, 5 runs, median
# Usage: DISPLAY=:99 bench/ui-startup.sh
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA="${JAVA_HOME:?set JAVA_HOME to a JDK 25}/bin/java"
: "${DISPLAY:?run on an X display, e.g. Xvfb :99 and DISPLAY=:99}"
RUNS=${RUNS:-5}
./mvnw -q -DskipTests package
HOME_DIR=$(mktemp -d)
TUNED=(-XX:+UseSerialGC -Xmx48m -Xmn4m -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -Xss512k -XX:ReservedCodeCacheSize=16m -XX:MaxMetaspaceSize=64m -XX:TrimNativeHeapInterval=2000 -XX:+UseCompactObjectHeaders -Dprism.order=sw)
AOT=target/auscult-ui.aot

. bench/measure.sh

start_ms() { # args: JVM options...
  local t0 t1 out
  t0=$(date +%s%3N)
  out=$("$JAVA" "$@" -Dauscult.home="$HOME_DIR" -Dauscult.exitAfterShown=true -jar target/auscult.jar 2>/dev/null | grep window-shown-epoch-ms)
  t1=${out#*=}
  echo $(( t1 - t0 ))
}

echo "== training the AOT cache ($AOT)"
rm -f "$AOT"
"$JAVA" "${TUNED[@]}" -XX:AOTCacheOutput="$AOT" -Dauscult.home="$HOME_DIR" -Dauscult.exitAfterShown=true -jar target/auscult.jar >/dev/null 2>&1 || true
ls -l "$AOT"

for config in default tuned tuned+aot; do
  case $config in
    default) opts=() ;;
    tuned) opts=("${TUNED[@]}") ;;
    tuned+aot) opts=("${TUNED[@]}" -XX:AOTCache="$AOT") ;;
  esac
  start_ms "${opts[@]}" >/dev/null # warm the page cache
  runs=()
  for i in $(seq 1 "$RUNS"); do runs+=("$(start_ms "${opts[@]}")"); done
  echo "start->window [$config] runs: ${runs[*]} median: $(printf '%s\n' "${runs[@]}" | median) ms"
done

for config in default tuned+aot; do
  case $config in
    default) opts=() ;;
    tuned+aot) opts=("${TUNED[@]}" -XX:AOTCache="$AOT") ;;
  esac
  rss=()
  for i in $(seq 1 "$RUNS"); do
    rss+=("$(idle_rss_mb "$JAVA" "${opts[@]}" -Dauscult.home="$HOME_DIR" -jar target/auscult.jar --start-hidden)")
  done
  echo "idle RSS, tray only [$config] runs: ${rss[*]} median: $(printf '%s\n' "${rss[@]}" | median) MB"
done
rm -rf "$HOME_DIR"

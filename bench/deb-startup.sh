#!/usr/bin/env bash
# The installed package's start-up and footprint (what users get), on an X display:
#  - start -> window shown (ms) through /opt/auscult/bin/Auscult, RUNS runs after one warm-up, median
#  - idle resident memory with only the tray icon (--start-hidden) after 20 s, RUNS runs, median
# Usage: build and install the .deb first (./mvnw -Pdeb -DskipTests package; apt-get install ./target/dist/auscult_*.deb),
#        then DISPLAY=:99 bench/deb-startup.sh. EXTRA_JAVA_OPTIONS tries other JVM options on top of the packaged ones.
set -euo pipefail
APP=/opt/auscult/bin/Auscult
[ -x "$APP" ] || { echo "install the .deb first: $APP is missing" >&2; exit 1; }
: "${DISPLAY:?run on an X display, e.g. Xvfb :99 and DISPLAY=:99}"
RUNS=${RUNS:-5}
HOME_DIR=$(mktemp -d)
trap 'rm -rf "$HOME_DIR"' EXIT
. "$(dirname "$0")/measure.sh"

start_ms() {
  local t0 out
  t0=$(date +%s%3N)
  out=$(JAVA_TOOL_OPTIONS="-Dauscult.home=$HOME_DIR -Dauscult.exitAfterShown=true ${EXTRA_JAVA_OPTIONS:-}" "$APP" 2>/dev/null | grep window-shown-epoch-ms)
  echo $(( ${out#*=} - t0 ))
}

start_ms >/dev/null # warm the page cache
runs=()
for _ in $(seq 1 "$RUNS"); do runs+=("$(start_ms)"); done
echo "start->window runs: ${runs[*]} median: $(printf '%s\n' "${runs[@]}" | median) ms"

rss=()
for _ in $(seq 1 "$RUNS"); do
  rss+=("$(JAVA_TOOL_OPTIONS="-Dauscult.home=$HOME_DIR ${EXTRA_JAVA_OPTIONS:-}" idle_rss_mb "$APP" --start-hidden)")
done
echo "idle RSS, tray only, runs: ${rss[*]} median: $(printf '%s\n' "${rss[@]}" | median) MB"

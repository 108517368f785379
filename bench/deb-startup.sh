#!/usr/bin/env bash
# The installed package's start-up and footprint (what users get), on an X display:
#  - start -> window shown (ms) through /opt/auscult/bin/Auscult, RUNS runs after one warm-up, median
#  - idle resident memory with only the tray icon (--start-hidden) after 20 s, RUNS runs, median
#  - on a StatusNotifierItem desktop (a watcher on the session bus) with xdotool: the window's first opening
#    from the tray of the running agent (a click on the icon = the item's Activate call) until the window is
#    visible, and the resident memory once that window has been closed again for SETTLE seconds (default 40)
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

# The agent as people use it: started at login, its icon clicked, the window read and closed again.
if command -v xdotool >/dev/null && command -v dbus-send >/dev/null && [ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ] \
    && dbus-send --session --print-reply --dest=org.freedesktop.DBus / org.freedesktop.DBus.NameHasOwner string:org.kde.StatusNotifierWatcher 2>/dev/null | grep true >/dev/null; then
  opens=(); after=()
  for _ in $(seq 1 "$RUNS"); do
    JAVA_TOOL_OPTIONS="-Dauscult.home=$HOME_DIR ${EXTRA_JAVA_OPTIONS:-}" "$APP" --start-hidden >/dev/null 2>&1 &
    pid=$!
    sleep 12 # the first scan is shown in the tray
    t0=$(date +%s%3N)
    dbus-send --session --type=method_call --dest="org.kde.StatusNotifierItem-$pid-1" /StatusNotifierItem \
        org.kde.StatusNotifierItem.Activate int32:0 int32:0
    until xdotool search --onlyvisible --pid "$pid" >/dev/null 2>&1; do sleep 0.002; done
    opens+=("$(( $(date +%s%3N) - t0 ))")
    sleep 3
    xdotool windowfocus --sync "$(xdotool search --onlyvisible --pid "$pid" | head -1)"
    xdotool key ctrl+w # closes to the tray, as the title bar's button does
    sleep "${SETTLE:-40}"
    after+=("$(rss_mb $pid)")
    kill $pid; wait $pid 2>/dev/null || true
  done
  echo "first window from the tray of the running agent, runs: ${opens[*]} median: $(printf '%s\n' "${opens[@]}" | median) ms"
  echo "RSS ${SETTLE:-40} s after that window was closed, runs: ${after[*]} median: $(printf '%s\n' "${after[@]}" | median) MB"
else
  echo "(no StatusNotifierWatcher on the session bus or no xdotool: the tray-click measures are skipped)"
fi

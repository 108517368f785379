#!/usr/bin/env bash
# Installs the built .deb, exercises it (CLI, j1-endpoint-agent form, tray app up to its window on the
# X display in $DISPLAY), removes it, and checks the removal. Needs root (or sudo) and apt.
set -euo pipefail
# No "| grep -q" here: grep -q leaves at the first match, the writer then dies of SIGPIPE, and pipefail
# turns a passing check into exit 141 (it did, once, in CI).
cd "$(dirname "$0")/../../.."
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
deb=$(ls target/dist/auscult_*_amd64.deb)
echo "== .deb: $(stat -c %s "$deb") bytes; Installed-Size: $(dpkg-deb -f "$deb" Installed-Size) KiB"
# xdg-desktop-menu needs these on minimal systems (desktops have them)
$SUDO mkdir -p /usr/share/desktop-directories /etc/xdg/menus
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "./$deb" >/dev/null
trap 'DEBIAN_FRONTEND=noninteractive $SUDO apt-get remove -y -qq auscult >/dev/null 2>&1 || true' EXIT

echo "== CLI"
auscult --version
set +e; auscult scan --json > target/deb-scan.json; code=$?; set -e
[ "$code" -le 4 ] || { echo "scan exited with $code"; exit 1; }
grep -q '"format" : "scan-report/1"' target/deb-scan.json
j1-endpoint-agent activate --help | grep -- '--account' >/dev/null
test -f /etc/xdg/autostart/auscult.desktop
test -f /opt/auscult/lib/runtime/lib/libglassgtk3.so    # JavaFX natives ship in the runtime
echo "scan exit code $code, report $(wc -c < target/deb-scan.json) bytes"

echo "== tray app on $DISPLAY"
home=$(mktemp -d)
out=$(HOME="$home" JAVA_TOOL_OPTIONS="-Dauscult.home=$home -Dauscult.exitAfterShown=true" timeout 120 /opt/auscult/bin/Auscult 2>/dev/null)
echo "$out" | grep window-shown-epoch-ms >/dev/null || { echo "the window did not show"; exit 1; }
test ! -e "$home/.openjfx"                                 # nothing extracted into the user's home
echo "window shown"

echo "== package files: menu entry, icon, licences"
desktop=/usr/share/applications/auscult.desktop
test -f /usr/share/icons/hicolor/256x256/apps/auscult.png
grep -q 'OpenJFX' /usr/share/doc/auscult/copyright
grep -q 'graphql-java' /usr/share/doc/auscult/copyright
test -f /usr/share/doc/auscult/changelog.gz
echo "== the fixes' root helper and its polkit actions"
helper=/opt/auscult/lib/fix/auscult-fix-helper
[ "$(stat -c '%U %a' "$helper")" = "root 755" ] || { echo "$helper must be root's, mode 755: $(stat -c '%U %a' "$helper")"; exit 1; }
grep -q "<annotate key=\"org.freedesktop.policykit.exec.path\">$helper</annotate>" /usr/share/polkit-1/actions/dev.auscult.fix.policy
set +e; "$helper" no-such-action 2>/dev/null; code=$?; set -e
[ "$code" = 2 ] || { echo "the helper accepted an unknown action (exit $code)"; exit 1; }
dpkg-deb -f "$deb" Description | grep 'Stethoscope format' >/dev/null
echo "== auscult:// links"
grep -q '^MimeType=x-scheme-handler/auscult;' "$desktop"
grep -q '^Exec=/opt/auscult/bin/Auscult %u' "$desktop"
home=$(mktemp -d)
# A real StatusNotifierItem panel on the display, when there is one to start: the icon must appear in it.
panel=""; shots=$(mktemp -d)
bright() { import -window root "$1" && convert "$1" -crop 320x40+960+0 +repage -colorspace gray -threshold 10% \
    -format "%[fx:round(mean*w*h)]" info:; }
if [ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ] && command -v gtk-sni-tray-standalone >/dev/null && command -v import >/dev/null; then
  gtk-sni-tray-standalone --top --end --size 30 >/dev/null 2>&1 &
  panel=$!
  sleep 2
  before=$(bright "$shots/panel-before.png")
fi
HOME="$home" JAVA_TOOL_OPTIONS="-Dauscult.home=$home" /opt/auscult/bin/Auscult --start-hidden >/dev/null 2>&1 &
app=$!
if [ -f /opt/auscult/lib/app/auscult-login.aot ]; then
  # the login start maps its own AOT cache (no window classes: 10 MB less idle), the menu entry the window's
  sleep 0.5
  tr '\0' ' ' < /proc/$app/cmdline | grep -- '-XX:AOTCache=/opt/auscult/lib/app/auscult-login.aot' >/dev/null \
    || { echo "the start at login does not use the login AOT cache"; kill $app; exit 1; }
  grep -q "^cache='/opt/auscult/lib/app/auscult.aot'" /opt/auscult/bin/Auscult
  echo "login start uses auscult-login.aot, window start auscult.aot"
fi
logged() { grep -rqs "$1" "$home/state/logs"; }
for _ in $(seq 1 120); do logged "started in" && break; sleep 0.5; done
logged "started in" || { echo "the tray app did not start"; kill $app; exit 1; }
if [ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ] && command -v status-notifier-watcher >/dev/null; then
  # on a session bus with a StatusNotifierWatcher (current desktops) the icon is a StatusNotifierItem
  for _ in $(seq 1 40); do logged "registered with the desktop's StatusNotifierWatcher" && break; sleep 0.5; done
  logged "registered with the desktop's StatusNotifierWatcher" || { echo "the tray icon did not register"; kill $app; exit 1; }
  dbus-send --session --print-reply --dest=org.kde.StatusNotifierWatcher /StatusNotifierWatcher \
      org.freedesktop.DBus.Properties.Get string:org.kde.StatusNotifierWatcher string:RegisteredStatusNotifierItems \
      | grep "org.kde.StatusNotifierItem-$app-1" >/dev/null || { echo "the watcher does not list the tray icon"; kill $app; exit 1; }
  echo "tray icon registered as a StatusNotifierItem"
  if [ -n "$panel" ]; then
    sleep 3
    after=$(bright "$shots/panel-after.png")
    kill $panel 2>/dev/null || true
    # the panel's strip gains the icon's pixels (a 30 px shield: several hundred)
    [ $((after - before)) -gt 150 ] || { echo "the panel drew no icon ($before -> $after bright pixels)"; kill $app; exit 1; }
    echo "a StatusNotifierItem panel draws the icon ($before -> $after bright pixels)"
  fi
fi
# what the desktop runs when the user clicks a link: a second launch that hands the link over and exits
HOME="$home" JAVA_TOOL_OPTIONS="-Dauscult.home=$home" timeout 60 /opt/auscult/bin/Auscult 'auscult://open' 2>/dev/null | grep "given the link" >/dev/null
for _ in $(seq 1 40); do logged "following an auscult:// link: Open" && break; sleep 0.5; done
logged "following an auscult:// link: Open" || { echo "the running app did not follow the link"; kill $app; exit 1; }
kill $app; wait $app 2>/dev/null || true
echo "a clicked link reached the running app"

echo "== remove"
DEBIAN_FRONTEND=noninteractive $SUDO apt-get remove -y -qq auscult >/dev/null
trap - EXIT
test ! -e /opt/auscult/bin/Auscult
test ! -e /etc/xdg/autostart/auscult.desktop
test ! -e /usr/bin/auscult
test ! -e "$desktop"
echo "removed cleanly"

echo "== lintian"
# Only what a vendor package in /opt with its own runtime cannot avoid may remain as errors.
command -v lintian >/dev/null || DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq lintian >/dev/null
allowed='^(dir-or-file-in-opt|embedded-library)$'
errors=$(lintian --no-tag-display-limit "$deb" 2>/dev/null | awk '$1 == "E:" {print $3}' | sort | uniq -c || true)
echo "${errors:-no errors}"
unexpected=$(echo "$errors" | awk '{print $2}' | grep -Ev "$allowed" | grep -v '^$' || true)
[ -z "$unexpected" ] || { echo "lintian errors beyond the unavoidable ones: $unexpected"; exit 1; }

#!/usr/bin/env bash
# Builds target/dist/auscult_<version>_amd64.deb: a jlink'd runtime carrying JavaFX's native libraries
# (JavaFX jars converted to jmods, so nothing is extracted into the user's home at start), three
# launchers (Auscult = tray app, auscult = CLI, j1-endpoint-agent = the retired agent's command), tuned
# JVM options and — when a display is available to train it — a JDK 25 AOT cache.
# Run through ./mvnw -Pdeb -DskipTests package (which builds target/auscult.jar and target/lib first).
set -euo pipefail
cd "$(dirname "$0")/../../.."
VERSION="${1:?version}"
source packaging/jpackage/common-runtime.sh '*.so'
# Strip the runtime's native libraries, as Debian packages ship them: their symbols serve the JDK's own
# debugging, not ours (libjvm.so alone goes from 29.8 MB to 24.8 MB). Before the AOT cache is trained.
if command -v strip >/dev/null; then
  find "$W/runtime" -name '*.so' -exec strip --strip-unneeded {} +
fi
# Jars stored, not deflated: xz then compresses the classes much better (.deb 45.5 → ~41 MB).
"$J/bin/java" packaging/jpackage/StoreJars.java "$W"/input/*.jar
OPTS=()
for o in "${JVM_OPTIONS[@]}"; do OPTS+=(--java-options "$o"); done
printf 'java-options=%s -Dauscult.launcher=cli\nlinux-shortcut=false\n' "${CLI_JVM_OPTIONS[*]}" > "$W/cli.properties"
printf 'java-options=%s -Dauscult.launcher=j1-endpoint-agent\nlinux-shortcut=false\n' "${CLI_JVM_OPTIONS[*]}" > "$W/j1.properties"

"$J/bin/jpackage" --type app-image --dest "$W/image" --name Auscult --app-version "$VERSION" --vendor "Auscult" \
  --input "$W/input" --main-jar auscult.jar --main-class dev.auscult.Main --runtime-image "$W/runtime" \
  --icon icons/auscult.png "${OPTS[@]}" \
  --add-launcher auscult="$W/cli.properties" --add-launcher j1-endpoint-agent="$W/j1.properties"

APP="$W/image/Auscult"
# The command-line launchers get their own AOT cache, trained on the commands scripts and people run
# (no display needed). A scan only: the cache's classes are all loaded at start, so training 'status'
# too would add Jackson's object mapper to every scan (+5 MB, docs/performance.md).
train_home=$(mktemp -d)
JAVA_TOOL_OPTIONS="-XX:AOTCacheOutput=$APP/lib/app/auscult-cli.aot -Dauscult.home=$train_home -Dauscult.aotTraining=true" \
  timeout 180 "$APP/bin/auscult" --help ";" --version ";" scan --json ";" scan >/dev/null 2>&1 || true
rm -rf "$train_home"
if [ -f "$APP/lib/app/auscult-cli.aot" ]; then
  for cfg in "$APP/lib/app/auscult.cfg" "$APP/lib/app/j1-endpoint-agent.cfg"; do
    printf 'java-options=-XX:AOTCache=$APPDIR/auscult-cli.aot\n' >> "$cfg"
  done
else
  echo "build-deb.sh: the command-line AOT cache could not be trained; the CLI starts without it" >&2
fi
# Train the tray app's JDK 25 AOT caches on real starts (needs an X display, and a session bus with a
# StatusNotifierWatcher for the icon current desktops show: .ci/run starts both). JDK 25 loads every cached
# class at start, so one cache cannot serve both ways the app starts (docs/performance.md):
#  - auscult.aot: a start that opens the window (the menu entry) — window, tray icon, local API, first scan;
#    its window is shown ~24 % sooner than with the login cache (471 vs 617 ms, interleaved);
#  - auscult-login.aot: the start at login (--start-hidden) — tray icon, local API, first scan, no window
#    classes: 10 MB less idle memory for the whole session (100 vs 110 MB).
# The shell launcher picks the login cache when --start-hidden is given. Without a display the package is
# built without the caches (start-up is then ~1.1 s).
if [ -n "${DISPLAY:-}" ]; then
  for cache in auscult.aot auscult-login.aot; do
    args=(); [ "$cache" = auscult-login.aot ] && args=(--start-hidden)
    train_home=$(mktemp -d)
    JAVA_TOOL_OPTIONS="-XX:AOTCacheOutput=$APP/lib/app/$cache -Dauscult.home=$train_home -Dauscult.aotTraining=true" \
      timeout 180 "$APP/bin/Auscult" "${args[@]}" >/dev/null 2>&1 || true
    rm -rf "$train_home"
    [ -f "$APP/lib/app/$cache" ] || echo "build-deb.sh: the tray app's $cache could not be trained" >&2
  done
  if [ -f "$APP/lib/app/auscult.aot" ]; then
    printf 'java-options=-XX:AOTCache=$APPDIR/auscult.aot\n' >> "$APP/lib/app/Auscult.cfg"
  else
    rm -f "$APP/lib/app/auscult-login.aot" # the launcher uses it only as the alternative to the window's cache
  fi
fi

# After the training (which the native launchers ran): shell launchers, without jpackage's package queries.
packaging/jpackage/linux/shell-launchers.sh "$APP" /opt/auscult

"$J/bin/jpackage" --type deb --dest target/dist --app-image "$APP" --name auscult --app-version "$VERSION" \
  --vendor "Auscult" --description "Endpoint compliance agent: checks this device's security settings" \
  --linux-package-name auscult --linux-deb-maintainer "auscult@example.com" --linux-menu-group Utility \
  --linux-shortcut --linux-app-category utils --resource-dir packaging/jpackage/linux/resources \
  --icon icons/auscult.png
packaging/jpackage/linux/finish-deb.sh
deb=$(ls target/dist/*.deb)
echo "built $deb: $(stat -c %s "$deb") bytes, Installed-Size $(dpkg-deb -f "$deb" Installed-Size) KiB"


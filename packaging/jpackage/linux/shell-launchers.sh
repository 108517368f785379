#!/usr/bin/env bash
# Replaces jpackage's native launchers in an app image with two-line shell launchers generated from their
# .cfg files (the same JVM options, class path and main class). jpackage's Linux launcher asks rpm and dpkg
# which package it belongs to on every start — four processes and ~100 ms before the JVM even starts
# (docs/performance.md). The process keeps the launcher's name: the JVM is started through a symbolic
# link named after it in the runtime's bin/ directory. A launcher whose AOT cache X.aot has a sibling
# X-login.aot uses that one when started with --start-hidden (at login: no window, so no window classes).
# Usage: shell-launchers.sh APP_IMAGE_DIR INSTALL_DIR   (e.g. target/jpackage/image/Auscult /opt/auscult)
set -euo pipefail
image="$1"; install="$2"
for cfg in "$image"/lib/app/*.cfg; do
  name=$(basename "$cfg" .cfg)
  [ -x "$image/bin/$name" ] || continue
  opts=(); cp=(); main=""
  while IFS= read -r line; do
    case "$line" in
      java-options=*) opts+=("${line#java-options=}") ;;
      app.classpath=*) cp+=("${line#app.classpath=}") ;;
      app.mainclass=*) main="${line#app.mainclass=}" ;;
    esac
  done < "$cfg"
  [ -n "$main" ] || { echo "shell-launchers.sh: $cfg names no main class" >&2; exit 1; }
  # the cache and its login sibling, if there is one: the launcher then chooses between them
  cache=""; login=""
  for o in "${opts[@]}"; do
    if [[ "$o" == -XX:AOTCache=*.aot ]]; then
      candidate="${o#-XX:AOTCache=}"
      candidate="${candidate%.aot}-login.aot"
      if [ -f "${candidate//\$APPDIR/$image/lib/app}" ]; then
        cache="${o#-XX:AOTCache=}"; login="$candidate"
      fi
    fi
  done
  ln -sf java "$image/lib/runtime/bin/$name"
  {
    echo '#!/bin/sh'
    echo "# Starts $name (generated from lib/app/$name.cfg by packaging/jpackage/linux/shell-launchers.sh)."
    if [ -n "$login" ]; then
      echo "# At login (--start-hidden) only the tray icon shows: that start's AOT cache holds no window classes."
      echo "cache='${cache//\$APPDIR/$install/lib/app}'"
      echo "for a in \"\$@\"; do [ \"\$a\" = --start-hidden ] && cache='${login//\$APPDIR/$install/lib/app}'; done"
    fi
    printf 'exec %s' "$install/lib/runtime/bin/$name"
    for o in "${opts[@]}"; do
      if [ -n "$login" ] && [[ "$o" == -XX:AOTCache=* ]]; then
        printf ' "-XX:AOTCache=$cache"'
      else
        printf " '%s'" "${o//\$APPDIR/$install/lib/app}"
      fi
    done
    printf " '%s'" "-Djpackage.app-path=$install/bin/$name"
    classpath=$(IFS=:; echo "${cp[*]}")
    printf " -cp '%s' %s \"\$@\"\n" "${classpath//\$APPDIR/$install/lib/app}" "$main"
  } > "$image/bin/$name.sh"
  chmod 0755 "$image/bin/$name.sh"
  mv "$image/bin/$name.sh" "$image/bin/$name"
done

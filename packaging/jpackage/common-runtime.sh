#!/usr/bin/env bash
# Shared by the per-OS installer scripts: stage the app jars, turn JavaFX's platform jars into jmods
# (natives included, so nothing is extracted into the user's home at start), and jlink the runtime.
# Usage: source packaging/jpackage/common-runtime.sh <native-library-glob>   (sets W, J, JVM_OPTIONS)
set -euo pipefail
J="${JAVA_HOME:?JAVA_HOME must point at JDK 25}"
W=target/jpackage
rm -rf "$W" target/dist
mkdir -p "$W/input" "$W/fxjmods" target/dist
cp target/auscult.jar "$W/input/"
for jar in target/lib/*.jar; do
  case "$(basename "$jar")" in javafx-*) ;; *) cp "$jar" "$W/input/" ;; esac
done
# picocli is compiled for Java 5: such classes stay out of the AOT cache and meet the slow verifier.
"$J/bin/java" packaging/jpackage/UpgradeOldClasses.java "$W"/input/*.jar
native_glob="$1"
for jar in target/lib/javafx-*-{linux,mac,mac-aarch64,win}.jar; do
  [ -f "$jar" ] || continue
  # awk reads to the end: "head -1" could leave early and fail the pipe with SIGPIPE under pipefail
  mod=$("$J/bin/jar" --describe-module --file "$jar" | awk 'NR == 1 { sub(/@.*/, ""); sub(/ .*/, ""); print }')
  tmp=$(mktemp -d); libs=$(mktemp -d)
  (cd "$tmp" && unzip -q "$OLDPWD/$jar" && find . -maxdepth 1 -name "$native_glob" -exec mv {} "$libs/" \;)
  rm -f "$tmp/META-INF/MANIFEST.MF"
  "$J/bin/jar" --create --file "$tmp.jar" -C "$tmp" .
  if [ -n "$(ls -A "$libs")" ]; then
    "$J/bin/jmod" create --class-path "$tmp.jar" --libs "$libs" "$W/fxjmods/$mod.jmod"
  else
    "$J/bin/jmod" create --class-path "$tmp.jar" "$W/fxjmods/$mod.jmod"
  fi
  rm -rf "$tmp" "$tmp.jar" "$libs"
done
# The modules the app needs, from jdeps over the staged jars (so a new dependency's modules come along),
# plus those only reached at run time, which jdeps cannot see: jdk.unsupported (libraries' reflective
# Unsafe), java.naming (DNS for the HTTP client), java.management (JVM diagnostics), jdk.crypto.ec (TLS).
sep=":"; case "$(uname -s)" in MINGW*|CYGWIN*|MSYS*) sep=";" ;; esac
fxpath=$(ls target/lib/javafx-*-{linux,mac,mac-aarch64,win}.jar 2>/dev/null | paste -sd "$sep" - || true)
RUNTIME_ONLY=jdk.unsupported,java.naming,java.management,jdk.crypto.ec,java.logging,javafx.base,javafx.graphics
if found=$("$J/bin/jdeps" --ignore-missing-deps --print-module-deps --multi-release 25 --module-path "$fxpath" "$W"/input/*.jar 2>/dev/null) \
   && [ -n "$found" ]; then
  MODULES="$found,$RUNTIME_ONLY"
else
  echo "common-runtime.sh: jdeps could not list the modules; using the known set" >&2
  MODULES=java.base,java.desktop,java.logging,java.net.http,java.sql,java.xml,java.naming,java.management,jdk.unsupported,jdk.httpserver,jdk.crypto.ec,javafx.base,javafx.graphics,javafx.controls,javafx.swing
fi
echo "jlink modules: $MODULES"
"$J/bin/jlink" --module-path "$W/fxjmods" --add-modules "$MODULES" --strip-debug --no-header-files --no-man-pages \
  --compress=zip-0 --output "$W/runtime"
# The tuned options of docs/performance.md; every launcher uses the same ones (the AOT cache requires it).
JVM_OPTIONS=(-XX:+UseSerialGC -Xmx48m -Xmn4m -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -Xss512k -XX:ReservedCodeCacheSize=16m
             -XX:MaxMetaspaceSize=64m -XX:TrimNativeHeapInterval=2000 -XX:+UseCompactObjectHeaders -Dprism.order=sw
             --enable-native-access=ALL-UNNAMED,javafx.graphics)
# A 4 MB young generation: a scan's peak memory is mostly the young generation it fills (8 MB: 66 MB peak
# RSS; 4 MB: 63 MB, no slower), and the idle tray keeps what it once touched (docs/performance.md).
# The command-line launchers use the same options (their own AOT cache is trained with them).
CLI_JVM_OPTIONS=("${JVM_OPTIONS[@]}")

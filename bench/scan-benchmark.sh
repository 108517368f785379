#!/usr/bin/env bash
# The scan's speed as users meet it, with a reference measured in the same run:
#  1. processes one live scan starts, grandchildren included (strace counts every successful execve;
#     jspawnhelper, the JDK's spawn trampoline, execs in the child's own process and is not counted)
#  2. warm in-process scan: JMH SampleTime median over every scan, default JVM and the tray app's C1-only options
#  3. cold command line: hyperfine medians of `java -jar target/auscult.jar scan --json`, of the installed
#     `auscult scan --json` when the .deb is installed, of `auscult --version`, against the bare JVM
#     (`java -version`) and `node -e 0` where Node is present; peak RSS (median of RUNS runs)
# Needs JAVA_HOME (JDK 25), hyperfine and strace (apt-get install hyperfine strace). RUNS (default 11).
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA="${JAVA_HOME:?set JAVA_HOME to a JDK 25}/bin/java"
RUNS=${RUNS:-11}
. bench/measure.sh
command -v hyperfine >/dev/null || { echo "hyperfine is needed: apt-get install hyperfine" >&2; exit 1; }

./mvnw -q -o -B -DskipTests -DskipServer package test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
CP="target/test-classes:target/classes:$(cat target/test-classpath.txt)"
HOME_DIR=$(mktemp -d); trap 'rm -rf "$HOME_DIR"' EXIT

echo "== processes started by one live scan (grandchildren included)"
if command -v strace >/dev/null; then
  trace=$(mktemp)
  strace -f -qq -e trace=execve -e signal=none -o "$trace" "$JAVA" -Dauscult.home="$HOME_DIR" -jar target/auscult.jar scan --json >/dev/null || true
  # successful execs of anything but the JVM itself and the JDK's spawn helper, one line per process
  grep -E 'execve\(' "$trace" | grep -v ' = -1' | grep -vE 'execve\("[^"]*/(java|jspawnhelper)"' \
    | awk '{print $1, $2}' | sed 's/execve(//; s/,$//' | sort -u -k1,1 | awk '{print "  " $2}'
  echo "processes: $(grep -E 'execve\(' "$trace" | grep -v ' = -1' | grep -vE 'execve\("[^"]*/(java|jspawnhelper)"' | awk '{print $1}' | sort -u | wc -l)"
  rm -f "$trace"
else
  "$JAVA" -cp "$CP" dev.auscult.bench.ProcessCount
fi

echo "== warm in-process scan, default JVM (JMH SampleTime; p0.50 is the median)"
"$JAVA" -cp "$CP" org.openjdk.jmh.Main dev.auscult.bench.ScanBenchmark -rf text -rff target/jmh-default.txt >/dev/null
grep -E 'fullLinuxScan(:| )' target/jmh-default.txt | grep -E 'p0.50|p0.90|·p0.99|p0.99 |sample ' || cat target/jmh-default.txt
echo "== warm in-process scan, the tray app's options (SerialGC, C1 only)"
"$JAVA" -cp "$CP" org.openjdk.jmh.Main dev.auscult.bench.ScanBenchmark -rf text -rff target/jmh-tray.txt \
  -jvmArgsAppend "-XX:+UseSerialGC -Xmx48m -Xmn4m -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1" >/dev/null
grep -E 'fullLinuxScan(:| )' target/jmh-tray.txt | grep -E 'p0.50|p0.90|p0.99|sample ' || cat target/jmh-tray.txt

echo "== cold command line (hyperfine, $RUNS runs after 3 warm-ups; medians)"
cmds=("$JAVA -version" "$JAVA -Dauscult.home=$HOME_DIR -jar target/auscult.jar scan --json")
[ -x /opt/auscult/bin/auscult ] && cmds+=("/opt/auscult/bin/auscult scan --json" "/opt/auscult/bin/auscult --version")
command -v node >/dev/null && cmds+=("node -e 0")
hyperfine -N -i -w 3 -r "$RUNS" --export-json target/cold-cli.json "${cmds[@]}" >/dev/null
python3 - target/cold-cli.json <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
ref = results[0]["median"]
for r in results:
    print(f"  {r['median'] * 1000:7.1f} ms  ({r['median'] / ref:4.1f}x java -version)  {r['command']}")
PY

echo "== peak RSS of a cold scan (median of $RUNS runs)"
peak() {
  local f; f=$(mktemp)
  for _ in $(seq 1 "$RUNS"); do /usr/bin/time -o "$f" -f '%M' "$@" >/dev/null 2>&1 || true; tail -1 "$f"; done | median
  rm -f "$f"
}
echo "  java -jar target/auscult.jar scan --json: $(( $(peak "$JAVA" -Dauscult.home="$HOME_DIR" -jar target/auscult.jar scan --json) / 1024 )) MB"
[ -x /opt/auscult/bin/auscult ] && echo "  installed auscult scan --json: $(( $(peak /opt/auscult/bin/auscult scan --json) / 1024 )) MB"
echo "  java -version: $(( $(peak "$JAVA" -version) / 1024 )) MB"

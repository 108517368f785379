#!/usr/bin/env bash
# Installs the server's .deb, checks what it put in place, runs the server the way its systemd unit does (as the
# auscult user, from /etc/auscult-server/config.yaml) with an admin command beside it, removes and purges it, and
# checks the data outlives the purge. Needs root (or sudo) and apt. Works without systemd (CI containers).
set -euo pipefail
cd "$(dirname "$0")/../.."
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
deb=$(ls server/target/dist/auscult-server_*_amd64.deb)
# The package never deletes an organisation's data, so this test makes and removes its own: it needs a machine
# where none is kept yet, and leaves none behind.
if [ -e /var/lib/auscult-server ]; then
  echo "test-deb.sh: /var/lib/auscult-server exists (data of a server, or of an earlier run); not touching it" >&2
  exit 1
fi
echo "== .deb: $(stat -c %s "$deb") bytes; Installed-Size: $(dpkg-deb -f "$deb" Installed-Size) KiB"
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "./$deb" >/dev/null
server=""
cleanup() {
  [ -z "$server" ] || $SUDO pkill -KILL -f "runtime/bin/java.*auscult-server.jar serve" 2>/dev/null || true
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get purge -y -qq auscult-server >/dev/null 2>&1 || true
  $SUDO rm -rf /var/lib/auscult-server
}
trap cleanup EXIT

echo "== files, user, permissions"
auscult-server --version
test -f /lib/systemd/system/auscult-server.service
grep -q '^User=auscult$' /lib/systemd/system/auscult-server.service
dpkg-query -W -f='${Conffiles}\n' auscult-server | grep /etc/auscult-server/config.yaml >/dev/null
getent passwd auscult >/dev/null
[ "$(stat -c '%a %U' /var/lib/auscult-server)" = "700 auscult" ] || { stat /var/lib/auscult-server; exit 1; }
[ "$(stat -c '%a %U %G' /etc/auscult-server/env)" = "640 root auscult" ] || { stat /etc/auscult-server/env; exit 1; }
/opt/auscult-server/runtime/bin/java -version 2>&1 | head -n 1

echo "== the server as its unit runs it"
port=18443
if (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null; then
  echo "test-deb.sh: port $port is taken already (a server left running?); stop it first" >&2
  exit 1
fi
$SUDO runuser -u auscult -- /opt/auscult-server/bin/auscult-server serve --config /etc/auscult-server/config.yaml --port $port \
  > server/target/deb-serve.log 2>&1 &
server=$!
health() { # GET /health over plain bash: no curl needed
  exec 3<>/dev/tcp/127.0.0.1/$port || return 1
  printf 'GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' >&3
  cat <&3; exec 3<&-
}
ok=""
for _ in $(seq 1 120); do
  if out=$(health 2>/dev/null) && grep -q '"status":"ok"' <<<"$out"; then ok=1; break; fi
  sleep 0.5
done
[ -n "$ok" ] || { echo "the server did not become healthy"; cat server/target/deb-serve.log; kill $server; exit 1; }
echo "healthy: $(tail -n 1 <<<"$out")"
$SUDO runuser -u auscult -- auscult-server admin create-account acme --name "Acme" --data /var/lib/auscult-server
$SUDO runuser -u auscult -- auscult-server admin list-policies --account acme --data /var/lib/auscult-server >/dev/null
[ "$(stat -c '%a %U' /var/lib/auscult-server/auscult.db)" = "600 auscult" ] || { stat /var/lib/auscult-server/auscult.db; exit 1; }
# the server's own JVM, as systemd stops it (SIGTERM to the main process) — not runuser, which would answer a
# signal by killing its child outright
$SUDO pkill -TERM -f "runtime/bin/java.*auscult-server.jar serve"
# it stops by itself (requests in flight finished, the database closed) and the data is intact afterwards
for _ in $(seq 1 60); do pgrep -f "runtime/bin/java.*auscult-server.jar serve" >/dev/null || break; sleep 0.5; done
if pgrep -f "runtime/bin/java.*auscult-server.jar serve" >/dev/null; then echo "the server did not stop on SIGTERM"; exit 1; fi
wait $server || true
server=""
grep -q "stopped: requests finished, database closed" server/target/deb-serve.log || { echo "no clean stop in the log"; cat server/target/deb-serve.log; exit 1; }
$SUDO runuser -u auscult -- auscult-server admin list-policies --account acme --data /var/lib/auscult-server >/dev/null

echo "== remove, purge: the data stays"
DEBIAN_FRONTEND=noninteractive $SUDO apt-get remove -y -qq auscult-server >/dev/null
test ! -e /usr/bin/auscult-server
test -f /etc/auscult-server/config.yaml          # removed, not purged: the configuration stays
DEBIAN_FRONTEND=noninteractive $SUDO apt-get purge -y -qq auscult-server >/dev/null 2>&1
test ! -e /etc/auscult-server/config.yaml
test -f /var/lib/auscult-server/auscult.db        # the organisation's data is never deleted by a package
echo "server .deb: installed, served, administered, removed and purged"

#!/usr/bin/env bash
# Builds server/target/dist/auscult-server_<version>_amd64.deb: the server as a server is shipped — its own
# jlink'd Java runtime (the machine's java may be 17), a systemd unit running as the auscult system user, data
# in /var/lib/auscult-server (0700), configuration in /etc/auscult-server (config.yaml is a conffile: an upgrade
# keeps the admin's edits), logs to the journal, `auscult-server` on the PATH.
# Needs the server built (./mvnw -B -ntp verify, or ./mvnw -q -DskipTests install), a JDK 25, dpkg-deb and fakeroot.
set -euo pipefail
cd "$(dirname "$0")/../.."
J="${JAVA_HOME:?JAVA_HOME must point at JDK 25}"
jar=server/target/auscult-server.jar
[ -f "$jar" ] || { echo "build-deb.sh: $jar is missing; build the server first" >&2; exit 1; }
VERSION=$(unzip -p "$jar" META-INF/MANIFEST.MF | sed -n 's/^Implementation-Version: *\([^[:space:]]*\).*/\1/p' | tr -d '\r')
VERSION="${VERSION%-SNAPSHOT}"; VERSION="${VERSION:-0.1.0}"
W=server/target/deb
rm -rf "$W" server/target/dist
mkdir -p "$W" server/target/dist
root="$W/root"
app="$root/opt/auscult-server"
install -d "$app/lib" "$app/bin"
cp "$jar" "$app/lib/"
install -d "$app/lib/lib"
cp server/target/lib/*.jar "$app/lib/lib/"   # the jar's manifest names lib/… beside it
# The modules the server needs, from jdeps over its jars, plus those only reached at run time: java.naming
# (DNS, JNDI lookups of Jetty), jdk.crypto.ec (TLS), java.management (HikariCP's pool MBeans),
# jdk.unsupported (Unsafe in libraries), jdk.zipfs (Flyway scanning its migrations inside the jar).
RUNTIME_ONLY=java.naming,jdk.crypto.ec,java.management,jdk.unsupported,jdk.zipfs,java.security.jgss
if found=$("$J/bin/jdeps" --ignore-missing-deps --print-module-deps --multi-release 25 --class-path "$app/lib/lib/*" "$jar" 2>/dev/null) \
   && [ -n "$found" ]; then
  MODULES="$found,$RUNTIME_ONLY"
else
  echo "build-deb.sh: jdeps could not list the modules; using the known set" >&2
  MODULES=java.base,java.sql,java.net.http,java.logging,java.xml,java.desktop,java.compiler,$RUNTIME_ONLY
fi
echo "jlink modules: $MODULES"
"$J/bin/jlink" --add-modules "$MODULES" --strip-debug --no-header-files --no-man-pages --compress=zip-6 --output "$app/runtime"
if command -v strip >/dev/null; then
  find "$app/runtime" -name '*.so' -exec strip --strip-unneeded {} +
fi
cat > "$app/bin/auscult-server" <<'LAUNCHER'
#!/bin/sh
# Auscult Server on its own runtime. JVM options: AUSCULT_JAVA_OPTS (default: 512 MB of heap at most).
exec /opt/auscult-server/runtime/bin/java ${AUSCULT_JAVA_OPTS:--Xmx512m} --enable-native-access=ALL-UNNAMED \
  -jar /opt/auscult-server/lib/auscult-server.jar "$@"
LAUNCHER
chmod 0755 "$app/bin/auscult-server"
install -D -m 0644 packaging/server/auscult-server.service "$root/lib/systemd/system/auscult-server.service"
install -D -m 0644 packaging/server/config.yaml "$root/etc/auscult-server/config.yaml"
install -d "$root/usr/bin" "$root/usr/share/doc/auscult-server"
ln -s /opt/auscult-server/bin/auscult-server "$root/usr/bin/auscult-server"
cp docs/server.md "$root/usr/share/doc/auscult-server/server.md"
{
  echo "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/"
  echo "Upstream-Name: Auscult Server"
  echo
  echo "Files: *"
  echo "Copyright: Auscult contributors"
  echo "License: Apache-2.0"
  echo " On Debian systems, the complete text of the Apache License 2.0 can be found in"
  echo " /usr/share/common-licenses/Apache-2.0."
  echo
  echo "Files: opt/auscult-server/runtime/*"
  echo "Copyright: Oracle and/or its affiliates; Eclipse Adoptium (Temurin)"
  echo "License: GPL-2 with Classpath exception"
  echo " Each module's notices are in /opt/auscult-server/runtime/legal/. On Debian systems, the complete text of"
  echo " the GNU General Public License version 2 can be found in /usr/share/common-licenses/GPL-2."
  echo
  echo "Files: opt/auscult-server/lib/lib/*.jar"
  echo "Copyright: the respective authors"
  echo "License: various (each jar's META-INF carries its licence and notices)"
  for j in "$app"/lib/lib/*.jar; do echo " $(basename "$j")"; done
} > "$root/usr/share/doc/auscult-server/copyright"
install -d "$root/DEBIAN"
install -m 0755 packaging/server/postinst packaging/server/prerm packaging/server/postrm "$root/DEBIAN/"
echo /etc/auscult-server/config.yaml > "$root/DEBIAN/conffiles"
cat > "$root/DEBIAN/control" <<CONTROL
Package: auscult-server
Version: $VERSION
Section: admin
Priority: optional
Architecture: amd64
Maintainer: Auscult <auscult@example.com>
Depends: adduser, libc6, zlib1g
Installed-Size: $(du -sk --exclude=DEBIAN "$root" | cut -f1)
Description: Auscult Server: device compliance for an organisation
 The organisation's side of Auscult: activation codes by e-mail, the policy the
 agents apply, every device's reports, a web console and SCIM provisioning.
 Runs as a systemd service (auscult-server.service) under its own user, with an
 embedded SQLite database in /var/lib/auscult-server or PostgreSQL, on its own
 Java runtime.
CONTROL
deb="server/target/dist/auscult-server_${VERSION}_amd64.deb"
fakeroot -- dpkg-deb --build -Zxz "$root" "$deb" >/dev/null
echo "built $deb: $(stat -c %s "$deb") bytes, Installed-Size $(dpkg-deb -f "$deb" Installed-Size) KiB"

#!/usr/bin/env bash
# Turns jpackage's .deb into one a distribution's checks accept: the menu entry (with the auscult:// handler)
# and the icon as package files in the standard places (desktop-file-utils' and the icon theme's dpkg
# triggers refresh their caches), the copyright file with every bundled component's licence, a changelog,
# an extended description, and every ELF file stripped. Called by build-deb.sh; needs fakeroot and binutils.
set -euo pipefail
cd "$(dirname "$0")/../../.."
deb=$(ls target/dist/auscult_*_amd64.deb)
notices=target/classes/dev/auscult/legal/THIRD-PARTY.txt
[ -f "$notices" ] || { echo "finish-deb.sh: $notices is missing (build the jar first)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/finish.sh" <<'INNER'
set -euo pipefail
deb="$1"; root="$2/root"; notices="$3"
dpkg-deb -R "$deb" "$root"
install -D -m 0644 packaging/jpackage/linux/auscult.desktop "$root/usr/share/applications/auscult.desktop"
install -D -m 0644 icons/auscult.png "$root/usr/share/icons/hicolor/256x256/apps/auscult.png"
# the one-click fixes' root helper and the polkit actions that name it (fakeroot: both owned by root)
install -D -m 0755 packaging/jpackage/linux/fix/auscult-fix-helper "$root/opt/auscult/lib/fix/auscult-fix-helper"
install -D -m 0644 packaging/jpackage/linux/fix/dev.auscult.fix.policy "$root/usr/share/polkit-1/actions/dev.auscult.fix.policy"
install -d -m 0755 "$root/usr/share/doc/auscult"
{
  echo "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/"
  echo "Upstream-Name: Auscult"
  echo "Source: https://github.com/auscult/auscult"
  echo
  echo "Files: *"
  echo "Copyright: Auscult contributors"
  echo "License: Apache-2.0"
  echo " On Debian systems, the complete text of the Apache License 2.0 can be found in"
  echo " /usr/share/common-licenses/Apache-2.0."
  echo
  echo "Files: opt/auscult/lib/runtime/*"
  echo "Copyright: Oracle and/or its affiliates; Eclipse Adoptium (Temurin); OpenJFX contributors"
  echo "License: GPL-2 with Classpath exception"
  echo " The Java runtime (Eclipse Temurin, OpenJDK) and OpenJFX are licensed under the GNU General Public"
  echo " License version 2 with the Classpath Exception; each module's notices are in"
  echo " /opt/auscult/lib/runtime/legal/. On Debian systems, the complete text of the GNU General Public"
  echo " License version 2 can be found in /usr/share/common-licenses/GPL-2."
  echo
  echo "Files: opt/auscult/lib/app/auscult.jar (dev/auscult/evidence/fonts/*.ttf)"
  echo "Copyright: 2003 Bitstream, Inc.; DejaVu changes are in the public domain"
  echo "License: bitstream-vera"
  sed '1,6d; s/^$/./; s/^/ /' src/main/resources/dev/auscult/evidence/fonts/LICENSE-DejaVu.txt
  echo
  echo "Files: opt/auscult/lib/app/*.jar"
  echo "Copyright: the respective authors, as listed below"
  echo "License: various"
  sed 's/^$/./; s/^/ /' "$notices"
  echo
  echo "License: Apache-2.0"
  echo " On Debian systems, the complete text of the Apache License 2.0 can be found in"
  echo " /usr/share/common-licenses/Apache-2.0."
  echo
  for lic in MIT BSD-2-Clause BSD-3-Clause; do
    echo "License: $lic"
    echo " The text below, with each component's own copyright line (see its home page above); it applies to the"
    echo " components listed with a licence of this kind (FXTrayIcon, AtlantaFX, semver4j, graphql-java: MIT;"
    echo " commonmark: BSD-2-Clause; RE2/J, under the Go licence: BSD-3-Clause)."
    sed 's/^[[:space:]]*$/./; s/^/ /' "packaging/legal/$lic.txt"
    echo
  done
  echo "License: CC0-1.0"
  echo " On Debian systems, the complete text of the CC0 1.0 Universal licence can be found in"
  echo " /usr/share/common-licenses/CC0-1.0."
  # the licence and notice texts the components ship themselves, verbatim
  for jar in target/lib/*.jar; do
    case "$(basename "$jar")" in javafx-*) continue ;; esac
    for entry in $(unzip -Z1 "$jar" 2>/dev/null | grep -iE '^META-INF/(LICENSE|LICENCE|NOTICE)[^/]*$' || true); do
      text=$(unzip -p "$jar" "$entry")
      # the full Apache 2.0 text is in common-licenses (Debian policy: refer to it, do not repeat it)
      if grep -q "Version 2.0, January 2004" <<<"$text"; then continue; fi
      echo
      echo "Comment: $(basename "$jar" .jar): $entry"
      sed 's/^[[:space:]]*$/./; s/^/ /' <<<"$text"
    done
  done
} > "$root/usr/share/doc/auscult/copyright"
gzip -9n < packaging/jpackage/linux/changelog > "$root/usr/share/doc/auscult/changelog.gz"
chmod 0644 "$root/usr/share/doc/auscult/copyright" "$root/usr/share/doc/auscult/changelog.gz"
# an extended description under the one-line summary
awk '/^Description:/ { print "Description: Endpoint compliance agent: checks this device'"'"'s security settings";
  print " Auscult checks disk encryption, the firewall, screen lock and idle timeout, the OS";
  print " version, automatic updates, remote login, antivirus and required or forbidden";
  print " applications against your organisation'"'"'s policy (Stethoscope format), shows";
  print " what passes and how to fix what fails, and, once activated, reports to the";
  print " organisation. It includes a command line (auscult, j1-endpoint-agent) for MDM scripts.";
  next } { print }' "$root/DEBIAN/control" > "$root/DEBIAN/control.new" && mv "$root/DEBIAN/control.new" "$root/DEBIAN/control"
# what makes the device key hardware-held (a TPM through tpm2-tools) and the system fixes possible (polkit's pkexec)
sed -i '/^Depends:/a Recommends: tpm2-tools, pkexec | policykit-1' "$root/DEBIAN/control"
# jpackage writes an empty postrm; an empty maintainer script is noise
if ! grep -qv '^\s*\(#.*\)\?$' "$root/DEBIAN/postrm" 2>/dev/null; then rm -f "$root/DEBIAN/postrm"; fi
# every ELF file: launchers, the launcher library, the runtime's programs and libraries
find "$root/opt" -type f \( -perm -u+x -o -name '*.so' \) -print0 | while IFS= read -r -d '' f; do
  if [ "$(head -c 4 "$f" | od -An -c | tr -d ' ')" = '177ELF' ]; then strip --strip-unneeded "$f"; fi
done
sed -i "s/^Installed-Size:.*/Installed-Size: $(du -sk --exclude=DEBIAN "$root" | cut -f1)/" "$root/DEBIAN/control"
rm -f "$deb"
dpkg-deb --build -Zxz "$root" "$deb" >/dev/null
INNER
fakeroot -- bash "$work/finish.sh" "$deb" "$work" "$notices"
echo "finished $deb: $(stat -c %s "$deb") bytes"

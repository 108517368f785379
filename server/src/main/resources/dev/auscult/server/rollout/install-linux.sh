#!/bin/sh
# Auscult for __ORGANISATION__ on Debian and Ubuntu: installs the agent and the organisation's managed
# configuration. Run as root — by hand, by SaltStack (cmd.script), Ansible (script) or any tool that runs a
# shell script. Idempotent: run it again to update the configuration.
set -eu
DOWNLOAD=__DOWNLOAD__
HERE="$(cd "$(dirname "$0")" && pwd)"
[ "$(id -u)" -eq 0 ] || { echo "install-linux.sh: run as root" >&2; exit 1; }
command -v apt-get >/dev/null || { echo "install-linux.sh: this script is for Debian/Ubuntu (apt)" >&2; exit 1; }
if ! dpkg-query -W -f='${Status}' auscult 2>/dev/null | grep -q "install ok installed"; then
  deb=$(mktemp --suffix=.deb)
  curl -fsSL --proto '=https' -o "$deb" "$DOWNLOAD"
  DEBIAN_FRONTEND=noninteractive apt-get install -y "$deb"
  rm -f "$deb"
fi
# The managed configuration: root-owned and writable by root only, or the agent ignores it (and says why).
if ls "$HERE"/auscult-config-*_all.deb >/dev/null 2>&1; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y "$HERE"/auscult-config-*_all.deb
else
  install -d -o root -g root -m 0755 /etc/auscult
  install -o root -g root -m 0644 "$HERE/config.yaml" /etc/auscult/config.yaml
  if [ -f "$HERE/activation-codes.csv" ]; then
    install -o root -g root -m 0644 "$HERE/activation-codes.csv" /etc/auscult/activation-codes.csv
  fi
fi
echo "Auscult is installed; it activates itself for each person at their next login."

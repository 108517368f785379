#!/bin/sh
# Auscult for __ORGANISATION__ on macOS: installs the agent and the organisation's managed configuration.
# Jamf Pro: add this as a policy script (it runs as root); Kandji/Mosyle: a custom script; by hand: sudo.
# The kit's config.yaml and activation-codes.csv must sit beside it (a Jamf package can deliver them first),
# or set CONFIG_DIR to where they are.
set -eu
DOWNLOAD=__DOWNLOAD__
HERE="${CONFIG_DIR:-$(cd "$(dirname "$0")" && pwd)}"
[ "$(id -u)" -eq 0 ] || { echo "install-macos.sh: run as root" >&2; exit 1; }
if [ ! -d "/Applications/Auscult.app" ]; then
  pkg="$(mktemp -d)/Auscult.pkg"
  curl -fsSL --proto '=https' -o "$pkg" "$DOWNLOAD"
  installer -pkg "$pkg" -target /
  rm -f "$pkg"
fi
MANAGED="/Library/Application Support/Auscult"
install -d -o root -g wheel -m 0755 "$MANAGED"
install -o root -g wheel -m 0644 "$HERE/config.yaml" "$MANAGED/config.yaml"
sed -i '' "s#^activationCsv: .*#activationCsv: \"$MANAGED/activation-codes.csv\"#" "$MANAGED/config.yaml"
if [ -f "$HERE/activation-codes.csv" ]; then
  install -o root -g wheel -m 0644 "$HERE/activation-codes.csv" "$MANAGED/activation-codes.csv"
fi
echo "Auscult is installed; it activates itself for each person at their next login."

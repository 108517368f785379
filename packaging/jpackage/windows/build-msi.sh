#!/usr/bin/env bash
# Windows .msi (run in Git Bash on a Windows runner with WiX; see .github/workflows/installers.yml).
# Per-user launch at login is the app's own HKCU Run entry; signed when WINDOWS_CERTIFICATE_PFX is set.
set -euo pipefail
cd "$(dirname "$0")/../../.."
VERSION="${1:?version}"
./mvnw.cmd -B -ntp -q -DskipTests package
source packaging/jpackage/common-runtime.sh '*.dll'
OPTS=(); for o in "${JVM_OPTIONS[@]}"; do OPTS+=(--java-options "$o"); done
printf 'java-options=%s -Dauscult.launcher=cli\nwin-console=true\n' "${JVM_OPTIONS[*]}" > "$W/cli.properties"
printf 'java-options=%s -Dauscult.launcher=j1-endpoint-agent\nwin-console=true\n' "${JVM_OPTIONS[*]}" > "$W/j1.properties"
"$J/bin/jpackage" --type msi --dest target/dist --name Auscult --app-version "$VERSION" --vendor Auscult \
  --app-content target/classes/dev/auscult/legal/THIRD-PARTY.txt \
  --input "$W/input" --main-jar auscult.jar --main-class dev.auscult.Main --runtime-image "$W/runtime" \
  --win-menu --win-shortcut --win-dir-chooser --win-upgrade-uuid 6f1c2b4e-8a1d-4c57-9a55-3e0b1c7d9f21 \
  "${OPTS[@]}" --add-launcher auscult="$W/cli.properties" --add-launcher j1-endpoint-agent="$W/j1.properties"
if [ -n "${WINDOWS_CERTIFICATE_PFX:-}" ]; then
  echo "$WINDOWS_CERTIFICATE_PFX" | base64 -d > cert.pfx
  signtool sign /f cert.pfx /p "$WINDOWS_CERTIFICATE_PASSWORD" /fd SHA256 /tr http://timestamp.digicert.com /td SHA256 target/dist/*.msi
  rm -f cert.pfx
fi
ls -l target/dist

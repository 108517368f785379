#!/usr/bin/env bash
# macOS .pkg (run on a macOS runner; see .github/workflows/installers.yml). Not runnable on Linux.
# The app hides from the Dock (LSUIElement), registers the auscult:// URL scheme, and is signed and
# notarised when MAC_SIGNING_IDENTITY / MAC_INSTALLER_IDENTITY / MAC_NOTARY_PROFILE are set.
set -euo pipefail
cd "$(dirname "$0")/../../.."
VERSION="${1:?version}"
./mvnw -B -ntp -q -DskipTests package
source packaging/jpackage/common-runtime.sh '*.dylib'
OPTS=(); for o in "${JVM_OPTIONS[@]}"; do OPTS+=(--java-options "$o"); done
printf 'java-options=%s -Dauscult.launcher=cli\n' "${JVM_OPTIONS[*]}" > "$W/cli.properties"
printf 'java-options=%s -Dauscult.launcher=j1-endpoint-agent\n' "${JVM_OPTIONS[*]}" > "$W/j1.properties"
SIGN=(); [ -n "${MAC_SIGNING_IDENTITY:-}" ] && SIGN=(--mac-sign --mac-signing-key-user-name "$MAC_SIGNING_IDENTITY")
"$J/bin/jpackage" --type app-image --dest "$W/image" --name Auscult --app-version "$VERSION" --vendor Auscult \
  --input "$W/input" --main-jar auscult.jar --main-class dev.auscult.Main --runtime-image "$W/runtime" \
  --mac-package-identifier dev.auscult.agent --icon icons/auscult.png "${OPTS[@]}" "${SIGN[@]}" \
  --app-content target/classes/dev/auscult/legal/THIRD-PARTY.txt \
  --add-launcher auscult="$W/cli.properties" --add-launcher j1-endpoint-agent="$W/j1.properties"
# the device key's Secure Enclave helper (CryptoKit), beside the launchers; signed with the app below
swiftc -O packaging/jpackage/macos/se-key/main.swift -o "$W/image/Auscult.app/Contents/MacOS/auscult-se-key"
PLIST="$W/image/Auscult.app/Contents/Info.plist"
/usr/libexec/PlistBuddy -c "Add :LSUIElement bool true" "$PLIST"
/usr/libexec/PlistBuddy -c "Add :CFBundleURLTypes array" -c "Add :CFBundleURLTypes:0 dict" \
  -c "Add :CFBundleURLTypes:0:CFBundleURLName string dev.auscult.agent" \
  -c "Add :CFBundleURLTypes:0:CFBundleURLSchemes array" -c "Add :CFBundleURLTypes:0:CFBundleURLSchemes:0 string auscult" "$PLIST"
[ -n "${MAC_SIGNING_IDENTITY:-}" ] && codesign --force --deep --options runtime --sign "$MAC_SIGNING_IDENTITY" "$W/image/Auscult.app"
PKGSIGN=(); [ -n "${MAC_INSTALLER_IDENTITY:-}" ] && PKGSIGN=(--mac-sign --mac-signing-key-user-name "$MAC_INSTALLER_IDENTITY")
"$J/bin/jpackage" --type pkg --dest target/dist --app-image "$W/image/Auscult.app" --name Auscult --app-version "$VERSION" "${PKGSIGN[@]}"
if [ -n "${MAC_NOTARY_PROFILE:-}" ]; then
  xcrun notarytool submit target/dist/*.pkg --keychain-profile "$MAC_NOTARY_PROFILE" --wait
  xcrun stapler staple target/dist/*.pkg
fi
ls -l target/dist

#!/usr/bin/env bash
# Try lanman without Windows: build lanman and the fake net/reg/secedit/wevtutil/powershell
# programs the tests use
# (the `test-fakes` feature), and print the `export` lines that make every command run against
# recorded outputs. In bash or zsh, from the repository (README: "Try it without Windows"):
#
#   eval "$(bash tools/try-without-windows.sh)"
#   lanman server
#
# The fakes replay `fixtures/` (net config server and workstation of a Windows 10 Pro, a
# `net use` list with three drives, a `net share` list) and keep what `set` and `reset` write in
# a fresh folder (printed as LANMAN_TRY_STATE), so changes read back. Start over by running the
# line again. Build output goes to stderr; stdout is only the export lines.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
cargo build --quiet --features test-fakes \
    --bin lanman --bin fake-net --bin fake-reg --bin fake-secedit --bin fake-wevtutil \
    --bin fake-powershell >&2
BIN=${CARGO_TARGET_DIR:-$ROOT/target}/debug
case "$BIN" in /*) ;; *) BIN=$ROOT/$BIN ;; esac
STATE=$(mktemp -d "${TMPDIR:-/tmp}/lanman-try.XXXXXX")
mkdir -p "$STATE/net" "$STATE/reg" "$STATE/events" "$STATE/profile"
# The event logs `lanman events` reads (wevtutil's log names, `/` as `_`): synthetic events
# made from the documented field names (tests/data/events/README.md).
cp tests/data/events/synthetic-smb-connectivity.xml \
    "$STATE/events/Microsoft-Windows-SMBClient_Connectivity.xml"
cp tests/data/events/synthetic-system-power.xml "$STATE/events/System.xml"
cp tests/data/events/synthetic-network-profile.xml \
    "$STATE/events/Microsoft-Windows-NetworkProfile_Operational.xml"
# The registry fake-reg starts from (HOST|KEY|NAME|TYPE|DATA, this computer when HOST is
# empty): this computer's Windows version, and FS01's autodisconnect of 60 minutes.
VERSION='HKEY_LOCAL_MACHINE\SOFTWARE\MICROSOFT\WINDOWS NT\CURRENTVERSION'
SERVER='HKEY_LOCAL_MACHINE\SYSTEM\CURRENTCONTROLSET\SERVICES\LANMANSERVER\PARAMETERS'
NAMES='HKEY_LOCAL_MACHINE\SYSTEM\CURRENTCONTROLSET\CONTROL\COMPUTERNAME\ACTIVECOMPUTERNAME'
cat > "$STATE/reg/registry.txt" <<REGISTRY
|$NAMES|ComputerName|REG_SZ|DESKTOP-8GB0J2A
|$VERSION|ProductName|REG_SZ|Windows 10 Pro
|$VERSION|CurrentBuildNumber|REG_SZ|19045
|$VERSION|UBR|REG_DWORD|0x1388
|$VERSION|DisplayVersion|REG_SZ|22H2
FS01|$SERVER|autodisconnect|REG_DWORD|0x3c
REGISTRY
q() { printf '%q' "$1"; }
cat <<EXPORTS
export PATH=$(q "$BIN"):"\$PATH"
export LANMAN_NET=$(q "$BIN/fake-net") LANMAN_REG=$(q "$BIN/fake-reg") LANMAN_SECEDIT=$(q "$BIN/fake-secedit")
export LANMAN_WEVTUTIL=$(q "$BIN/fake-wevtutil") FAKE_WEVTUTIL_EVENTS=$(q "$STATE/events")
export LANMAN_POWERSHELL=$(q "$BIN/fake-powershell") LOCALAPPDATA=$(q "$STATE/profile")
export FAKE_NET_SERVER=$(q "$ROOT/fixtures/server-en-win10-pro.txt")
export FAKE_NET_WORKSTATION=$(q "$ROOT/fixtures/workstation-en-win10-pro-domain-localuser.txt")
export FAKE_NET_USE=$(q "$ROOT/tests/data/net-use-three-drives.txt")
export FAKE_NET_SHARE=$(q "$ROOT/fixtures/lists/share-en-4.txt")
export FAKE_NET_STATE=$(q "$STATE/net") FAKE_REG_STATE=$(q "$STATE/reg")
export LANMAN_TRY_STATE=$(q "$STATE")
EXPORTS
echo "lanman: ready; try \`lanman server\`, \`lanman drives\`, \`lanman set autodisconnect 60\`, \`lanman doctor\`, \`lanman events\` (state in $STATE)" >&2

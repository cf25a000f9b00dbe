#!/bin/sh
# The user unit and the D-Bus activation file as meson generated them: the
# unit passes systemd-analyze verify with no unknown key, and the activation
# file names the same bus name and unit. Usage: verify-unit.sh BUILDDIR
set -eu
build=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -m 0700 "$work/runtime"

unit="$build/systemd/limberd.service"
activation="$build/systemd/io.github.limber.Limber1.service"

# verify checks that ExecStart= exists: point it at the built binaries.
sed -e "s|^ExecStart=.*/limberd|ExecStart=$build/daemon/limberd|" \
    -e "s|^ExecReload=.*/limberctl |ExecReload=$build/cli/limberctl |" \
    "$unit" >"$work/limberd.service"

log="$work/verify.log"
if ! XDG_RUNTIME_DIR="$work/runtime" SYSTEMD_LOG_LEVEL=debug \
    systemd-analyze verify --user --man=no "$work/limberd.service" >"$log" 2>&1; then
  cat "$log"
  echo "FAIL: systemd-analyze verify rejected limberd.service"
  exit 1
fi
# Unknown keys are only logged at debug level, and do not fail verify.
if grep -E "limberd.service:[0-9]+: (Unknown|Invalid|Failed)" "$log"; then
  echo "FAIL: limberd.service has keys systemd does not understand"
  exit 1
fi

fail=0
expect() {
  if ! grep -qx -- "$2" "$1"; then
    echo "FAIL: $(basename "$1") lacks the line: $2"
    fail=1
  fi
}
expect "$unit" "Type=dbus"
expect "$unit" "BusName=io.github.limber.Limber1"
expect "$unit" "NotifyAccess=main"
expect "$unit" "PartOf=graphical-session.target"
expect "$unit" "After=graphical-session.target"
expect "$unit" "WantedBy=graphical-session.target"
expect "$unit" "Restart=on-failure"
expect "$activation" "Name=io.github.limber.Limber1"
expect "$activation" "SystemdService=limberd.service"
# No path left unsubstituted.
if grep -n "@" "$unit" "$activation"; then
  echo "FAIL: a template variable was not substituted"
  fail=1
fi
[ "$fail" = 0 ] && echo "ok: limberd.service and its D-Bus activation file"
exit "$fail"

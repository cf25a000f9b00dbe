#!/bin/sh
# The footprint benchmark, one command from a fresh clone (Debian 12, as
# root or with sudo, to install what is missing):
#
#   sudo ./tests/bench/run.sh
#
# Builds limber (release) and the floor program into build-bench/, installs
# the peers Debian has (workrave, safeeyes; skipped with a note if they
# cannot be installed), runs tests/bench/footprint.py and writes the table's
# figures to build-bench/footprint.json. Takes two to three minutes. Not part
# of the test suite: these are figures, not pass/fail.
set -eu

cd "$(dirname "$0")/../.."

BENCH_PACKAGES="dbus dbus-bin python3-dbusmock xvfb dunst mutter strace
pipewire pipewire-bin wireplumber
libnotify4 fonts-dejavu-core kwin-wayland sway"
PEERS="workrave safeeyes"

./systemd/install.sh --deps-only
missing=""
for p in $BENCH_PACKAGES $PEERS; do
  dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q "install ok installed" ||
    missing="$missing $p"
done
if [ -n "$missing" ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "==> installing:$missing"
    export DEBIAN_FRONTEND=noninteractive
    # shellcheck disable=SC2086
    apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends $missing ||
      echo "==> some packages could not be installed; their columns are skipped"
  else
    echo "==> not root: not installing$missing"
  fi
fi

if [ -d build-bench ]; then
  meson setup --reconfigure build-bench --buildtype=release >/dev/null
else
  meson setup build-bench --buildtype=release >/dev/null
fi
meson compile -C build-bench >/dev/null
exec /usr/bin/python3 tests/bench/footprint.py build-bench --json build-bench/footprint.json "$@"

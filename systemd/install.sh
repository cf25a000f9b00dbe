#!/bin/sh
# Installs limber on Debian 12 as a Debian package: the packages it needs
# to build, 'dpkg-buildpackage' (in build-deb/), 'apt-get install' of the
# .deb, and the user service started for the desktop user. Run it as root
# or with sudo:
#
#   sudo ./systemd/install.sh [--user NAME] [--no-start]
#   sudo ./systemd/install.sh --from-source [--prefix DIR] [--user NAME] [--no-start]
#   sudo ./systemd/install.sh --deps-only     # just the packages to build
#
# Uninstall the package with 'sudo apt remove limber'; a --from-source
# install with 'sudo ninja -C build-install uninstall'.
set -eu

cd "$(dirname "$0")/.."

prefix=/usr/local
user=${SUDO_USER:-}
mode=package
start=yes

usage() {
  sed -n '2,12s/^# \{0,1\}//p' "$0"
  exit "$1"
}

while [ $# -gt 0 ]; do
  case $1 in
    --prefix) prefix=${2:?--prefix needs a directory}; shift ;;
    --user) user=${2:?--user needs a user name}; shift ;;
    --deps-only) mode=deps ;;
    --from-source) mode=source ;;
    --no-start) start=no ;;
    -h|--help) usage 0 ;;
    *) echo "install.sh: unknown option '$1'" >&2; usage 2 >&2 ;;
  esac
  shift
done

say() { printf '==> %s\n' "$*"; }

need_root() {
  if [ "$(id -u)" != 0 ]; then
    echo "install.sh: $1; run me as root (sudo)" >&2
    exit 1
  fi
}

# apt-get with the lock waited for; on failure the package lists may be
# stale (a fresh machine): refresh them once and try again.
apt_get() {
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=600 "$@" ||
    { apt-get -o DPkg::Lock::Timeout=600 update && apt-get -o DPkg::Lock::Timeout=600 "$@"; }
}

# Installs the Debian packages named on the command line that are missing.
install_packages() {
  missing=""
  for p in "$@"; do
    dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q "install ok installed" ||
      missing="$missing $p"
  done
  [ -z "$missing" ] && return 0
  need_root "these packages are missing:$missing"
  say "installing Debian packages:$missing"
  # shellcheck disable=SC2086
  apt_get install -y --no-install-recommends $missing
}

# What building limber needs is debian/control's Build-Depends, for the
# package and a source build alike.
install_build_deps() {
  install_packages build-essential dpkg-dev
  if ! dpkg-checkbuilddeps >/dev/null 2>&1; then
    need_root "limber's build dependencies are missing ($(dpkg-checkbuilddeps 2>&1 | sed 's/.*: //'))"
    say "installing limber's build dependencies (debian/control)"
    apt_get build-dep -y --no-install-recommends ./
  fi
}

install_build_deps
[ "$mode" = deps ] && exit 0

# An earlier install from source under /usr/local would shadow the
# package's unit: take it out first.
if [ "$mode" = package ] && [ -f build-install/meson-logs/install-log.txt ]; then
  say "removing the earlier install from source (build-install/)"
  ninja -C build-install uninstall >/dev/null || true
  rm -rf build-install
fi

if [ "$mode" = package ]; then
  need_root "installing a package needs root"
  version=$(dpkg-parsechangelog -S Version)
  deb="build-deb/limber_${version}_$(dpkg --print-architecture).deb"
  say "building the Debian package in build-deb/"
  rm -rf build-deb
  mkdir -p build-deb/limber
  # dpkg-buildpackage writes beside the tree: build a copy in build-deb/.
  tar --exclude='./build*' --exclude='./_build*' --exclude='./obj-*' \
    --exclude='./.git' --exclude='./debian/limber' --exclude='./debian/.debhelper' \
    -cf - . | tar -C build-deb/limber -xf -
  (cd build-deb/limber && DEB_BUILD_OPTIONS=nocheck dpkg-buildpackage -us -uc -b) \
    >build-deb/build.log 2>&1 || {
    tail -30 build-deb/build.log
    echo "install.sh: dpkg-buildpackage failed; build-deb/build.log has it all" >&2
    exit 1
  }
  rm -rf build-deb/limber
  say "installing $deb (apt remove limber takes it out again)"
  apt_get install -y --no-install-recommends "./$deb"
  prefix=/usr
else
  say "building limber (release) in build-install/"
  # Session managers read /etc/xdg/autostart whatever the prefix.
  if [ -d build-install ]; then
    meson setup --reconfigure build-install --prefix="$prefix" --buildtype=release \
      -Dtests=false -Dxdgautostartdir=/etc/xdg/autostart >/dev/null
  else
    meson setup build-install --prefix="$prefix" --buildtype=release -Dtests=false \
      -Dxdgautostartdir=/etc/xdg/autostart >/dev/null
  fi
  meson compile -C build-install
  say "installing under $prefix"
  meson install -C build-install --no-rebuild
  unit_dir=$(pkg-config --define-variable=prefix="$prefix" --variable=systemduserunitdir systemd)
  [ -f "$unit_dir/limberd.service" ] || {
    echo "install.sh: limberd.service is not in $unit_dir" >&2
    exit 1
  }
  # The package's postinst does this for its own install.
  systemctl --global enable limberd.service
fi

if [ -z "$user" ] || [ "$user" = root ]; then
  say "limberd is enabled for every user's graphical session from the next login."
  say "to start it now in your session: limberctl start"
  exit 0
fi

uid=$(id -u "$user")
runtime=/run/user/$uid
as_user() {
  if [ "$(id -u)" = "$uid" ]; then
    env XDG_RUNTIME_DIR="$runtime" DBUS_SESSION_BUS_ADDRESS="unix:path=$runtime/bus" "$@"
  else
    runuser -u "$user" -- env XDG_RUNTIME_DIR="$runtime" \
      DBUS_SESSION_BUS_ADDRESS="unix:path=$runtime/bus" "$@"
  fi
}

if [ -S "$runtime/systemd/private" ] && as_user systemctl --user daemon-reload 2>/dev/null; then
  if [ "$start" = yes ]; then
    as_user systemctl --user restart limberd.service
    say "limberd is enabled and running for $user:"
    as_user "$prefix/bin/limberctl" status || true
  else
    say "limberd is enabled for $user; it starts with the next graphical session."
  fi
else
  # No systemd user manager for this user (a container, a non-systemd
  # session): the XDG autostart entry starts limberd at the next login of
  # a desktop that reads it; window managers need one line (README).
  say "no systemd user manager runs for $user, so limberd was not started."
  say "desktops start it at login (XDG autostart); in a window manager's"
  say "startup file, add: exec limberctl start"
fi

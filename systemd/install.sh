#!/bin/sh
# Installs limber on Debian 12: the packages it needs, a release build,
# 'meson install' under /usr/local, and the user service enabled and started
# for the desktop user. Run it as root or with sudo:
#
#   sudo ./systemd/install.sh [--prefix DIR] [--user NAME] [--no-start]
#   sudo ./systemd/install.sh --deps-only     # just the packages to build
#
# Uninstall: systemctl --user disable --now limberd.service, then
#   sudo ninja -C build-install uninstall
set -eu

cd "$(dirname "$0")/.."

# What building limber needs, and what it needs to run; all from Debian.
BUILD_PACKAGES="build-essential pkg-config meson ninja-build libglib2.0-dev
libnotify-dev libsystemd-dev libjson-glib-dev scdoc bash-completion
libxcb1-dev libxcb-sync-dev libpipewire-0.3-dev"

prefix=/usr/local
user=${SUDO_USER:-}
deps_only=no
start=yes

usage() {
  sed -n '2,12s/^# \{0,1\}//p' "$0"
  exit "$1"
}

while [ $# -gt 0 ]; do
  case $1 in
    --prefix) prefix=${2:?--prefix needs a directory}; shift ;;
    --user) user=${2:?--user needs a user name}; shift ;;
    --deps-only) deps_only=yes ;;
    --no-start) start=no ;;
    -h|--help) usage 0 ;;
    *) echo "install.sh: unknown option '$1'" >&2; usage 2 >&2 ;;
  esac
  shift
done

say() { printf '==> %s\n' "$*"; }

# Installs the Debian packages named on the command line that are missing.
install_packages() {
  missing=""
  for p in "$@"; do
    dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q "install ok installed" ||
      missing="$missing $p"
  done
  [ -z "$missing" ] && return 0
  if [ "$(id -u)" != 0 ]; then
    echo "install.sh: these packages are missing:$missing" >&2
    echo "install.sh: run me as root (sudo) so that I can install them" >&2
    exit 1
  fi
  say "installing Debian packages:$missing"
  export DEBIAN_FRONTEND=noninteractive
  # The package lists may be stale on a fresh machine; refresh once.
  # shellcheck disable=SC2086
  if ! apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends $missing; then
    apt-get -o DPkg::Lock::Timeout=600 update
    # shellcheck disable=SC2086
    apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends $missing
  fi
}

# shellcheck disable=SC2086
install_packages $BUILD_PACKAGES
[ "$deps_only" = yes ] && exit 0

say "building limber (release) in build-install/"
if [ -d build-install ]; then
  meson setup --reconfigure build-install --prefix="$prefix" --buildtype=release \
    -Dtests=false >/dev/null
else
  meson setup build-install --prefix="$prefix" --buildtype=release -Dtests=false >/dev/null
fi
meson compile -C build-install
say "installing under $prefix"
meson install -C build-install --no-rebuild

unit_dir=$(pkg-config --define-variable=prefix="$prefix" --variable=systemduserunitdir systemd)
[ -f "$unit_dir/limberd.service" ] || {
  echo "install.sh: limberd.service is not in $unit_dir" >&2
  exit 1
}

if [ -z "$user" ] || [ "$user" = root ]; then
  # No desktop user named: enable for everyone, from their next login on.
  systemctl --global enable limberd.service
  say "limberd is enabled for every user's graphical session from the next login."
  say "to start it now in your session: systemctl --user start limberd.service"
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
    as_user systemctl --user enable --now limberd.service
    say "limberd is enabled and running for $user:"
    as_user "$prefix/bin/limberctl" status || true
  else
    as_user systemctl --user enable limberd.service
    say "limberd is enabled for $user; it starts with the next graphical session."
  fi
else
  # No systemd user manager for this user (a container, a non-systemd
  # session): enable the unit for when there is one, and say how to run
  # limberd by hand meanwhile.
  systemctl --global enable limberd.service
  say "no systemd user manager runs for $user, so limberd was not started."
  say "it is enabled for graphical sessions managed by systemd; elsewhere start"
  say "it from your session's startup (e.g. ~/.xprofile or your WM's autostart):"
  say "    $prefix/bin/limberd &"
  say "limberctl also starts it on demand through D-Bus activation."
fi

#!/bin/sh
# 'meson install' puts every file where the desktop looks for it, under the
# prefix. Usage: check-install.sh BUILDDIR
set -eu
build=$1
dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT
meson install -C "$build" --destdir "$dest" --no-rebuild >/dev/null
option() {
  meson introspect "$build" --buildoptions |
    /usr/bin/python3 -c 'import json,sys; print(next(o["value"] for o in json.load(sys.stdin) if o["name"] == sys.argv[1]))' "$1"
}
prefix=$(option prefix)
# sysconfdir is relative to the prefix unless absolute (/etc for /usr).
sysconfdir=$(option sysconfdir)
case $sysconfdir in /*) ;; *) sysconfdir=$prefix/$sysconfdir ;; esac
autostart=$(option xdgautostartdir)
[ -n "$autostart" ] || autostart=$sysconfdir/xdg/autostart
root="$dest$prefix"
fail=0
for f in \
  bin/limberd \
  bin/limberctl \
  lib/systemd/user/limberd.service \
  share/dbus-1/services/io.github.limber.Limber1.service \
  share/dbus-1/interfaces/io.github.limber.Limber1.xml \
  share/applications/io.github.limber.Limber.desktop \
  share/man/man1/limberd.1 \
  share/man/man1/limberctl.1 \
  share/man/man5/limber.conf.5 \
  share/icons/hicolor/scalable/apps/limber.svg \
  share/icons/hicolor/symbolic/apps/limber-symbolic.svg \
  share/bash-completion/completions/limberctl \
  share/zsh/site-functions/_limberctl \
  share/fish/vendor_completions.d/limberctl.fish; do
  if [ ! -e "$root/$f" ]; then
    echo "FAIL: $prefix/$f is not installed"
    fail=1
  fi
done
# A catalog for each language of po/LINGUAS, where gettext looks.
localedir=$(option localedir)
# shellcheck disable=SC2013 # LINGUAS holds words, a line may hold several
for lang in $(cat "$(dirname "$0")/../../po/LINGUAS"); do
  if [ ! -e "$root/$localedir/$lang/LC_MESSAGES/limber.mo" ]; then
    echo "FAIL: $prefix/$localedir/$lang/LC_MESSAGES/limber.mo is not installed"
    fail=1
  fi
done
if [ ! -e "$dest$autostart/io.github.limber.Limber.desktop" ]; then
  echo "FAIL: the autostart entry is not in $autostart"
  fail=1
fi
# Each module limberd was built with, where limberd looks for it.
if [ -e "$build/daemon/sources/source-xsync.so" ]; then
  module_dir=$(strings "$build/daemon/limberd" | grep -x "$prefix/.*/limber" | head -1)
  if [ -z "$module_dir" ] || [ ! -e "$dest$module_dir/source-xsync.so" ]; then
    echo "FAIL: source-xsync.so is not installed where limberd looks (${module_dir:-?})"
    fail=1
  fi
fi
# The installed unit and activation file run the installed binary.
grep -qx "ExecStart=$prefix/bin/limberd" "$root/lib/systemd/user/limberd.service" ||
  { echo "FAIL: the unit does not run $prefix/bin/limberd"; fail=1; }
grep -qx "Exec=$prefix/bin/limberd" "$root/share/dbus-1/services/io.github.limber.Limber1.service" ||
  { echo "FAIL: the activation file does not run $prefix/bin/limberd"; fail=1; }
[ "$fail" = 0 ] && echo "ok: $(find "$dest" -type f | wc -l) files installed under $prefix"
exit "$fail"

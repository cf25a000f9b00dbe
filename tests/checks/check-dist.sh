#!/bin/sh
# The release tarball: 'meson dist' makes it from the committed tree; it
# configures, builds and passes its unit suite on its own; and an install
# into a staging directory, uninstalled again, leaves nothing behind.
# Usage: check-dist.sh BUILDDIR SRCDIR
set -eu
build=$1
src=$2
if [ ! -e "$src/.git" ]; then
  # An unpacked tarball is not a git checkout, which meson dist needs.
  echo "SKIP: $src is not a git checkout"
  exit 77
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/limber-dist-XXXXXX")
trap 'rm -rf "$work"' EXIT
# Nothing the tools run may write into the real home.
export HOME="$work/home"
mkdir "$HOME"
fail=0
problem() {
  echo "FAIL: $*"
  fail=1
}

echo "==> meson dist"
# Uncommitted changes are not in the tarball (meson dist archives HEAD);
# --allow-dirty lets a developer run this with some.
if ! meson dist -C "$build" --no-tests --allow-dirty --formats xztar >"$work/dist.log" 2>&1; then
  cat "$work/dist.log"
  echo "FAIL: meson dist failed"
  exit 1
fi
tarball=$(sed -n 's/^Created \(.*\.tar\.xz\)$/\1/p' "$work/dist.log")
[ -f "$tarball" ] || { cat "$work/dist.log"; echo "FAIL: no tarball"; exit 1; }
mkdir "$work/src"
tar -C "$work/src" -xf "$tarball"
tree=$(find "$work/src" -mindepth 1 -maxdepth 1 -type d)
echo "$(basename "$tarball"): $(find "$tree" -type f | wc -l) files"
for f in meson.build README.md debian/control doc/limber.conf.5.scd.in data/icons/limber.svg; do
  [ -f "$tree/$f" ] || problem "the tarball lacks $f"
done

# Its own build, quick: no optimisation, the unit suite only.
echo "==> building the tarball's tree"
if ! meson setup "$work/build" "$tree" -Dbuildtype=debug -Dwerror=true >"$work/setup.log" 2>&1 ||
  ! meson compile -C "$work/build" >"$work/compile.log" 2>&1; then
  tail -30 "$work/setup.log" "$work/compile.log" 2>/dev/null
  echo "FAIL: the tarball's tree does not build"
  exit 1
fi
echo "==> its unit suite"
if ! meson test -C "$work/build" --no-rebuild --suite unit >"$work/test.log" 2>&1; then
  cat "$work/test.log"
  problem "the tarball's unit suite fails"
fi
grep -E '^(Ok|Fail|Skipped):' "$work/test.log" | tr -s ' ' | tr '\n' ' '
echo

echo "==> install into a staging directory, then uninstall"
stage="$work/stage"
meson install -C "$work/build" --no-rebuild --destdir "$stage" >"$work/install.log" 2>&1 ||
  { cat "$work/install.log"; problem "meson install failed"; }
installed=$(find "$stage" ! -type d | wc -l)
[ "$installed" -gt 10 ] || problem "only $installed files installed"
find "$stage" -name limberd -type f | grep -q . || problem "limberd was not installed"
DESTDIR=$stage ninja -C "$work/build" uninstall >"$work/uninstall.log" 2>&1 ||
  { cat "$work/uninstall.log"; problem "ninja uninstall failed"; }
if [ -d "$stage" ]; then
  left=$(find "$stage" ! -type d)
  [ -z "$left" ] || problem "uninstall left files behind: $left"
fi

[ "$fail" = 0 ] && echo "ok: the tarball builds and passes its unit suite; $installed files installed and removed"
exit "$fail"

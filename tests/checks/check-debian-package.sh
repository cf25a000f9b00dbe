#!/bin/sh
# The Debian package: 'dpkg-buildpackage -us -uc -b' builds
# limber_VERSION_ARCH.deb from a copy of the tree; lintian finds no error
# or warning (kept warnings are overridden in debian/, with the reason);
# the package holds each file where Debian's conventions put it, and
# nothing elsewhere; it installs into and purges from a scratch root
# leaving nothing behind.
# Usage: check-debian-package.sh SRCDIR VERSION
set -eu
src=$1
version=$2
work=$(mktemp -d "${TMPDIR:-/tmp}/limber-deb-XXXXXX")
trap 'rm -rf "$work"' EXIT
# Nothing the tools run may write into the real home.
export HOME="$work/home"
mkdir "$HOME"
arch=$(dpkg --print-architecture)
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH)
for tool in dpkg-buildpackage dh lintian; do
  command -v "$tool" >/dev/null ||
    { echo "FAIL: $tool is missing; tests/run.sh installs it"; exit 1; }
done
fail=0
problem() {
  echo "FAIL: $*"
  fail=1
}

# A copy without build trees or git, as a source package would have it;
# dpkg-buildpackage writes its results beside the tree.
mkdir "$work/limber"
tar -C "$src" --exclude='./build*' --exclude='./_build*' --exclude='./obj-*' \
  --exclude='./.git' --exclude='./debian/limber' --exclude='./debian/.debhelper' \
  -cf - . | tar -C "$work/limber" -xf -
echo "==> dpkg-buildpackage -us -uc -b"
if ! (cd "$work/limber" && DEB_BUILD_OPTIONS="nocheck parallel=$(nproc)" \
  dpkg-buildpackage -us -uc -b >"$work/build.log" 2>&1); then
  tail -40 "$work/build.log"
  echo "FAIL: dpkg-buildpackage failed"
  exit 1
fi
deb="$work/limber_${version}_${arch}.deb"
if [ ! -f "$deb" ]; then
  ls "$work"
  echo "FAIL: no $(basename "$deb") (debian/changelog's version is not meson's $version?)"
  exit 1
fi

echo "==> lintian"
# Info and pedantic tags are shown; errors and warnings fail.
lintian --info --pedantic --fail-on error,warning "$deb" 2>&1 |
  grep -v '^running with root privileges' >"$work/lintian.log" || true
cat "$work/lintian.log"
if grep -qE '^[EW]: ' "$work/lintian.log"; then
  problem "lintian reports errors or warnings"
fi

echo "==> files"
dpkg-deb -c "$deb" | awk '{print $6}' | sed -n 's|^\./||; /[^/]$/p' | sort >"$work/files"
for f in \
  usr/bin/limberd \
  usr/bin/limberctl \
  usr/lib/systemd/user/limberd.service \
  usr/share/dbus-1/services/io.github.limber.Limber1.service \
  usr/share/dbus-1/interfaces/io.github.limber.Limber1.xml \
  usr/share/man/man1/limberd.1.gz \
  usr/share/man/man1/limberctl.1.gz \
  usr/share/man/man5/limber.conf.5.gz \
  usr/share/bash-completion/completions/limberctl \
  usr/share/zsh/vendor-completions/_limberctl \
  usr/share/fish/vendor_completions.d/limberctl.fish \
  usr/share/applications/io.github.limber.Limber.desktop \
  usr/share/icons/hicolor/scalable/apps/limber.svg \
  usr/share/icons/hicolor/symbolic/apps/limber-symbolic.svg \
  etc/xdg/autostart/io.github.limber.Limber.desktop \
  "usr/lib/$multiarch/limber/source-xsync.so" \
  "usr/lib/$multiarch/limber/source-wayland.so" \
  usr/share/doc/limber/copyright \
  usr/share/doc/limber/changelog.gz; do
  grep -qx "$f" "$work/files" || problem "the package lacks /$f"
done
# A catalog for each language of po/LINGUAS.
# shellcheck disable=SC2013 # LINGUAS holds words, a line may hold several
for lang in $(cat "$src/po/LINGUAS"); do
  grep -qx "usr/share/locale/$lang/LC_MESSAGES/limber.mo" "$work/files" ||
    problem "the package lacks /usr/share/locale/$lang/LC_MESSAGES/limber.mo"
done
# Nothing outside the places Debian gives each kind of file.
unexpected=$(grep -vE "^(usr/bin/limber(d|ctl)|usr/lib/systemd/user/[^/]+\.service|usr/lib/$multiarch/limber/[^/]+\.so|usr/share/dbus-1/(services|interfaces)/io\.github\.limber\.[^/]+|usr/share/man/man[1-8]/[^/]+\.gz|usr/share/bash-completion/completions/limberctl|usr/share/zsh/vendor-completions/_limberctl|usr/share/fish/vendor_completions\.d/limberctl\.fish|usr/share/applications/io\.github\.limber\.Limber\.desktop|usr/share/icons/hicolor/[^/]+/apps/limber(-symbolic)?\.(svg|png)|etc/xdg/autostart/io\.github\.limber\.Limber\.desktop|usr/share/locale/[^/]+/LC_MESSAGES/limber\.mo|usr/share/doc/limber/[^/]+)$" "$work/files" || true)
[ -z "$unexpected" ] || problem "files where the package should not put them: $unexpected"

# The unit and the activation file run the packaged binary, and the
# maintainer scripts enable the unit for every user.
dpkg-deb -x "$deb" "$work/tree"
dpkg-deb -e "$deb" "$work/control"
grep -qx "ExecStart=/usr/bin/limberd" "$work/tree/usr/lib/systemd/user/limberd.service" ||
  problem "limberd.service does not run /usr/bin/limberd"
grep -qx "Exec=/usr/bin/limberd" "$work/tree/usr/share/dbus-1/services/io.github.limber.Limber1.service" ||
  problem "the D-Bus activation file does not run /usr/bin/limberd"
grep -q "deb-systemd-helper --user enable 'limberd.service'" "$work/control/postinst" ||
  problem "postinst does not enable limberd.service for every user (dh_installsystemduser)"
grep -qx "/etc/xdg/autostart/io.github.limber.Limber.desktop" "$work/control/conffiles" ||
  problem "the autostart entry is not a conffile"

# Installed into an empty root and purged again, dpkg leaves nothing of it
# (maintainer scripts skip systemd under DPKG_ROOT).
echo "==> dpkg --root: install, purge"
root="$work/root"
mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates"
: >"$root/var/lib/dpkg/status"
dpkg_root() {
  dpkg --root="$root" --force-depends --force-script-chrootless \
    --force-not-root --log=/dev/null "$@" >>"$work/dpkg.log" 2>&1
}
if ! dpkg_root -i "$deb"; then
  cat "$work/dpkg.log"
  problem "dpkg could not install the package into a scratch root"
elif [ ! -x "$root/usr/bin/limberd" ]; then
  problem "after dpkg -i, /usr/bin/limberd is not there"
elif ! dpkg_root --purge limber; then
  cat "$work/dpkg.log"
  problem "dpkg could not purge the package"
else
  left=$(cd "$root" && find . -path ./var/lib/dpkg -prune -o ! -type d -print)
  [ -z "$left" ] || problem "purging left files behind: $left"
fi

[ "$fail" = 0 ] && echo "ok: $(basename "$deb"), $(wc -l <"$work/files") files, lintian clean"
exit "$fail"

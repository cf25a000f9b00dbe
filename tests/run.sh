#!/bin/sh
# The whole test suite, the README's second command. On Debian 12, as root
# or with sudo (only to install what is missing):
#
#   sudo ./tests/run.sh
#
# It installs the packages the tests use, builds limber from scratch three
# times (plain with -Werror; with AddressSanitizer + UBSan; with clang and
# libFuzzer), runs every suite in the plain build, the unit, integration
# and e2e suites in the ASan build, the unit and integration suites once
# more under valgrind, each fuzz target for LIMBER_FUZZ_SECONDS (10), and
# ends with one line: "N passed, N failed". A skipped test counts as
# failed. The exit status is non-zero when any test failed.
#
# Budget: under 15 minutes on a fresh 2-core Debian 12 machine, package
# installs included (about 12 now, tests/README.md has the stages); each
# stage prints how long it took.
set -eu

cd "$(dirname "$0")/.."
src=$(pwd)
out=$src/build-tests

# What the tests run besides limber itself; all from Debian. (Building
# limber, and its Debian package, needs debian/control's Build-Depends,
# which install.sh --deps-only installs.) lintian checks the package;
# fish and zsh answer the completion test; i3-wm and sway run the README's
# window-manager lines; locales has the sources from which the German
# test builds a locale of its own (localedef); every notification server
# Debian 12 has is in the e2e suite (notify-osd draws only under a
# compositing manager, xcompmgr; tesseract reads the screenshots); GStreamer's
# PipeWire elements make the call tests' fake camera and screen-cast streams
# (gir1.2-gstreamer-1.0: a producer the test pauses, from Python).
TEST_PACKAGES="dbus dbus-bin python3-dbusmock python3-gi systemd xvfb xdotool
pipewire pipewire-bin wireplumber gstreamer1.0-pipewire gstreamer1.0-tools
gstreamer1.0-plugins-base gir1.2-gstreamer-1.0
dunst mutter imagemagick fonts-dejavu-core valgrind clang-format shellcheck
desktop-file-utils libxml2-utils util-linux clang libclang-rt-14-dev
kwin-wayland sway wtype lintian fish zsh i3-wm locales xfconf
gnome-shell gjs xfce4-notifyd notification-daemon notify-osd xcompmgr
mako-notifier grim tesseract-ocr tesseract-ocr-eng"

began=$(date +%s)
# "==> NAME took 2m05s", from the stage's start (seconds since the epoch).
took() {
  t=$(($(date +%s) - $2))
  printf '==> %s took %dm%02ds\n' "$1" $((t / 60)) $((t % 60))
}

./systemd/install.sh --deps-only
# shellcheck disable=SC2086
missing=$(for p in $TEST_PACKAGES; do
  dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q "install ok installed" ||
    printf ' %s' "$p"
done)
if [ -n "$missing" ]; then
  echo "==> installing test packages:$missing"
  export DEBIAN_FRONTEND=noninteractive
  # shellcheck disable=SC2086
  apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends $missing ||
    { apt-get -o DPkg::Lock::Timeout=600 update &&
      apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends $missing; }
fi
took installs "$began"

rm -rf "$out"
mkdir -p "$out"
failures="$out/build-failures"
: >"$failures"

# Tests never touch a real home: everything from here on runs with HOME at
# a fresh empty directory and no XDG_* dirs (so their defaults land under
# it), and the run fails if anything was written there.
home=$(mktemp -d "${TMPDIR:-/tmp}/limber-home-XXXXXX")
export HOME="$home"
unset XDG_CONFIG_HOME XDG_STATE_HOME XDG_DATA_HOME XDG_CACHE_HOME XDG_RUNTIME_DIR

# Most tests wait on timers (seconds-scale intervals) rather than the CPU:
# run several at once, under valgrind too (its deadlines are stretched).
parallel=$(( $(nproc) * 3 ))

# run NAME SETUP-OPTIONS… -- MESON-TEST-OPTIONS…
run() {
  name=$1
  shift
  setup=""
  while [ "$1" != -- ]; do
    setup="$setup $1"
    shift
  done
  shift
  start=$(date +%s)
  echo "==> $name: building"
  # shellcheck disable=SC2086
  if ! meson setup "$out/$name" $setup >"$out/$name.setup.log" 2>&1 ||
    ! meson compile -C "$out/$name" >"$out/$name.build.log" 2>&1; then
    cat "$out/$name.setup.log" "$out/$name.build.log" 2>/dev/null | tail -40
    echo "build ($name)" >>"$failures"
    return 0
  fi
  echo "==> $name: testing"
  meson test -C "$out/$name" --print-errorlogs "$@" || true
  took "$name" "$start"
}

# Read by the sanitizer build only; LeakSanitizer reports leaks at exit.
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1

run plain -Dwerror=true -- --num-processes "$parallel"
run asan -Dwerror=true -Db_sanitize=address,undefined -Db_lundef=false \
  -Dbuildtype=debug -- --num-processes "$parallel" --suite unit --suite integration --suite e2e
# libFuzzer comes with clang.
export CC=clang
run fuzz -Dwerror=true -Dfuzzing=true -Db_sanitize=address,undefined \
  -Db_lundef=false -Dbuildtype=debug -- --num-processes "$(nproc)" --suite fuzz
unset CC
# memcheck (uninitialised reads, leaks) on the unit and integration
# suites. The e2e suite (real desktops and servers, a minute and a
# half more under valgrind on two cores) ran plain and under ASan + UBSan.
start=$(date +%s)
echo "==> valgrind: testing the plain build under memcheck"
meson test -C "$out/plain" --print-errorlogs --setup valgrind --num-processes "$parallel" \
  --suite unit --suite integration || true
took valgrind "$start"

written=$(find "$home" -mindepth 1 | sort)
if [ -n "$written" ]; then
  echo "==> the tests wrote into HOME ($home):"
  echo "$written" | sed 's/^/    /'
  echo "home: tests wrote into HOME: $(echo "$written" | tr '\n' ' ')" >>"$failures"
else
  rmdir "$home"
fi

took "the whole run" "$began"

# The closing line, from meson's per-test records.
/usr/bin/python3 - "$out" "$failures" <<'EOF'
import glob, json, sys

out, failures = sys.argv[1], sys.argv[2]
passed, failed = 0, []
for log in sorted(glob.glob(f"{out}/*/meson-logs/testlog*.json")):
    run = log.split("/")[-3] + ("/valgrind" if "valgrind" in log else "")
    with open(log, encoding="utf-8") as f:
        for line in f:
            test = json.loads(line)
            if test["result"] in ("OK", "EXPECTEDFAIL"):
                passed += 1
            else:
                failed.append(f"{run}: {test['name']} ({test['result']})")
with open(failures, encoding="utf-8") as f:
    failed += [line.strip() for line in f if line.strip()]
for name in failed:
    print("FAILED:", name)
print(f"{passed} passed, {len(failed)} failed")
sys.exit(1 if failed else 0)
EOF

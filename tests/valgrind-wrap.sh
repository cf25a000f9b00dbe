#!/bin/sh
# meson's exe_wrapper for 'meson test --setup valgrind': runs compiled tests
# under valgrind, and Python test drivers as they are (those run limberd
# under valgrind themselves, through LIMBER_TEST_WRAPPER).
case $(basename "$1") in
  python*) exec "$@" ;;
esac
exec valgrind --quiet --error-exitcode=99 --leak-check=full \
  --errors-for-leak-kinds=definite --show-possibly-lost=no \
  --suppressions=/usr/share/glib-2.0/valgrind/glib.supp \
  --suppressions="$(dirname "$0")/valgrind.supp" "$@"

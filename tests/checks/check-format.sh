#!/bin/sh
# The C sources follow the committed .clang-format. Usage: check-format.sh SRCDIR
set -eu
cd "$1"
list=$(mktemp)
trap 'rm -f "$list"' EXIT
find daemon cli include doc tests -name '*.[ch]' | sort >"$list"
if ! xargs clang-format --dry-run --Werror <"$list"; then
  echo "FAIL: run 'clang-format -i' on the files above"
  exit 1
fi
echo "ok: $(wc -l <"$list") files formatted"

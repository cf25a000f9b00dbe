#!/bin/sh
# limber's icons are SVG that parses, each with an <svg> root of the size
# its theme folder expects: the symbolic one 16×16, the scalable one square.
# Usage: check-icons.sh limber.svg limber-symbolic.svg
set -eu
fail=0
for icon in "$@"; do
  name=$(basename "$icon")
  if ! xmllint --noout "$icon"; then
    echo "FAIL: $name is not well-formed XML"
    fail=1
    continue
  fi
  root=$(xmllint --xpath 'name(/*)' "$icon")
  width=$(xmllint --xpath 'string(/*/@width)' "$icon")
  height=$(xmllint --xpath 'string(/*/@height)' "$icon")
  box=$(xmllint --xpath 'string(/*/@viewBox)' "$icon")
  [ "$root" = svg ] || { echo "FAIL: $name's root is <$root>, not <svg>"; fail=1; }
  if [ -z "$width" ] || [ "$width" != "$height" ]; then
    echo "FAIL: $name is not square (${width}×${height})"
    fail=1
  fi
  [ "$box" = "0 0 $width $height" ] ||
    { echo "FAIL: $name's viewBox '$box' is not 0 0 $width $height"; fail=1; }
  case $name in
    *-symbolic.svg)
      [ "$width" = 16 ] || { echo "FAIL: $name is ${width}px, not 16px"; fail=1; }
      # Themes recolour a symbolic icon's fills; a stroke or a second
      # colour would stay as drawn.
      colours=$(grep -o '\(fill\|stroke\)="[^"]*"' "$icon" | sort -u | tr '\n' ' ')
      [ "$colours" = 'fill="#2e3436" ' ] ||
        { echo "FAIL: $name paints with $colours, not one fill #2e3436"; fail=1; } ;;
  esac
done
[ "$fail" = 0 ] && echo "ok: $# icons"
exit "$fail"

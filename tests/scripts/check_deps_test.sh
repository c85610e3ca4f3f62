#!/usr/bin/env bash
# The dependency check must fail, naming the package and a file, when a package the build uses
# is missing from scripts/lib/packages*.txt; and pass with the lists as they are.
# Usage: check_deps_test.sh SOURCE_DIR BUILD_DIR
set -uo pipefail
src=$1
build=$2
check=$src/scripts/lib/check-deps.sh
fail() { echo "FAIL: $*"; exit 1; }

out=$("$check" "$build" 2>&1)
[[ $? -eq 0 ]] || fail "the check fails on the lists as committed: $out"
echo "$out"

lists=$(mktemp -d)
trap 'rm -rf "$lists"' EXIT
# Each of these packages is used by the build and pulled in by no other listed package.
for pkg in libsodium-dev libqrencode-dev libhpdf-dev; do
  cp "$src"/scripts/lib/packages*.txt "$lists/"
  sed -i "/^$pkg\\b/d" "$lists"/packages.txt
  grep -q "^$pkg\\b" "$lists"/packages*.txt && fail "could not remove $pkg from the copy"
  out=$("$check" --lists "$lists" "$build" 2>&1)
  code=$?
  [[ $code -eq 1 ]] || fail "without $pkg the check exits $code, not 1: $out"
  line=$(grep "missing package $pkg: /" <<<"$out") || fail "without $pkg the report does not name it: $out"
  echo "without $pkg: $line"
done
echo "ok: the check passes as committed and names each removed package"

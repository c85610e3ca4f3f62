#!/usr/bin/env bash
# Installs whatever is missing: Debian packages from packages.txt (and packages-test.txt with
# --test, packages-bench.txt with --bench), Node.js when absent, and the locked npm packages for
# the browser tests.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)

lists=("$here/packages.txt")
[[ "${1:-}" == "--test" ]] && lists+=("$here/packages-test.txt")
[[ "${1:-}" == "--bench" ]] && lists+=("$here/packages-bench.txt")

sudo=""
if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi

missing=()
while read -r pkg; do
  [[ -z "$pkg" ]] && continue
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done < <(sed -e 's/#.*//' "${lists[@]}" | awk 'NF {print $1}')

if [[ "${1:-}" == "--test" ]] && ! command -v node >/dev/null; then
  missing+=(nodejs npm)
fi

if ((${#missing[@]})); then
  echo "Installing ${#missing[@]} Debian packages with apt-get (on a new machine 1 to 3 minutes, most"
  echo "of it downloading; nothing is asked): ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" \
    >/dev/null
fi

if [[ "${1:-}" == "--test" ]]; then
  # npm ci reproduces package-lock.json exactly; skip it when node_modules already matches.
  if [[ ! -f "$root/node_modules/.package-lock.json" ||
        "$root/package-lock.json" -nt "$root/node_modules/.package-lock.json" ]]; then
    echo "Installing the browser tests' npm packages (package-lock.json)"
    (cd "$root" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
  fi
fi

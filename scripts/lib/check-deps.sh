#!/usr/bin/env bash
# Fails when the build used a system file that a fresh Debian 12 machine would not have after
# scripts/lib/ensure-deps.sh: every header (Ninja's dependency log), every library on a link line,
# every CMake package file and every tool in the CMake cache must belong to a Debian package named
# in scripts/lib/packages*.txt, or to one that those pull in through Depends/Pre-Depends (not
# Recommends, which ensure-deps.sh does not install). Names each missing package with a file.
#
# Usage: scripts/lib/check-deps.sh [--lists DIR] BUILD_DIR
#   --lists DIR  read packages*.txt from DIR instead of scripts/lib (the test removes a line)
# Exit: 0 all covered, 1 something missing, 2 cannot check (no build, dpkg or apt-cache answer).
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
lists_dir=$here
if [[ ${1:-} == --lists ]]; then lists_dir=$2; shift 2; fi
build=${1:?usage: check-deps.sh [--lists DIR] BUILD_DIR}
[[ -f $build/build.ninja && -f $build/CMakeCache.txt ]] ||
  { echo "check-deps: $build is not a configured Ninja build" >&2; exit 2; }
command -v dpkg-query >/dev/null && command -v apt-cache >/dev/null ||
  { echo "check-deps: needs dpkg and apt (Debian)" >&2; exit 2; }

shopt -s nullglob
lists=("$lists_dir"/packages*.txt)
((${#lists[@]})) || { echo "check-deps: no packages*.txt in $lists_dir" >&2; exit 2; }
declared=$(sed -e 's/#.*//' "${lists[@]}" | awk 'NF {print $1}' | sort -u)

# What the declared packages bring on a minimal system: the packages themselves and everything
# they depend on, recursively. Alternatives ("a | b") count both, as apt may pick either.
# shellcheck disable=SC2086
# Essential packages are on every Debian system, however minimal.
essential=$(dpkg-query -W -f='${Essential} ${Package}\n' 2>/dev/null | awk '$1 == "yes" {print $2}')
closure=$(apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks \
  --no-replaces --no-enhances $declared $essential 2>/dev/null | grep -v '^ ' | sed 's/:.*//' | sort -u)
[[ -n $closure ]] || { echo "check-deps: apt-cache knows none of the declared packages" >&2; exit 2; }

cxx=$(sed -n 's/^CMAKE_CXX_COMPILER:[A-Z]*=//p' "$build/CMakeCache.txt")
# A -lNAME on a link line is the file the compiler driver would pick.
resolve_lib() {
  local f
  for ext in so a; do
    f=$("${cxx:-c++}" -print-file-name="lib$1.$ext" 2>/dev/null)
    [[ $f == /* ]] && { echo "$f"; return; }
  done
}

# Every system file the build read: headers from Ninja's dependency log; libraries on link
# lines; paths in the CMake cache (package config folders stand for the files in them; tools and
# libraries for themselves).
used=$(
  ninja -C "$build" -t deps 2>/dev/null | awk '$1 ~ /^\/usr\// {print $1}'
  grep -E '^ *LINK_LIBRARIES *=' "$build/build.ninja" | tr ' ' '\n' | grep -E '^/usr/'
  for l in $(grep -E '^ *LINK_LIBRARIES *=' "$build/build.ninja" | tr ' ' '\n' |
      sed -n 's/^-l\([A-Za-z0-9_+.-]*\)$/\1/p' | sort -u); do
    resolve_lib "$l"
  done
  # Package folders, libraries, include folders and the compiler; not the helper tools CMake
  # merely located (uname, node for the browser tests: ensure-deps.sh installs node apart).
  grep -E '^([A-Za-z0-9_]*_(DIR|LIBRARY|LIBRARIES|INCLUDE_DIR|INCLUDE_DIRS)|pkgcfg_lib_[A-Za-z0-9_]*|CMAKE_CXX_COMPILER|CMAKE_MAKE_PROGRAM):' \
    "$build/CMakeCache.txt" | grep -oE '=/usr/[^;]+' | cut -c2-
)
used=$(echo "$used" | sort -u)
# A package folder stands for the files in it; a file for its path as named (a -dev package's
# symlink) and for the file it leads to (the library's).
files=$( {
  for f in $used; do [[ -d $f && $f == */cmake/* ]] && find "$f" -maxdepth 1 -type f; done
  echo "$used" | while read -r f; do [[ -f $f ]] && echo "$f"; done | xargs -r realpath -s
  echo "$used" | while read -r f; do [[ -f $f ]] && echo "$f"; done | xargs -r realpath
} | sort -u)
[[ -n $files ]] || { echo "check-deps: the build in $build read no system files (not built?)" >&2; exit 2; }

# Owner of each file. Debian 12 merged /lib into /usr/lib, but dpkg still records some files
# under /lib: ask for that spelling when the /usr one is unknown.
declare -A owner_of=()
while IFS= read -r line; do
  [[ $line == diversion* || $line != *": /"* ]] && continue
  pkgs=${line%%: /*}
  path=/${line#*: /}
  owner_of[$path]=${pkgs//, / }
done < <(echo "$files" | xargs -r dpkg-query -S 2>/dev/null)
unowned=()
for f in $files; do
  [[ -n ${owner_of[$f]:-} ]] && continue
  alt=${f#/usr}
  if [[ $alt != "$f" ]]; then
    o=$(dpkg-query -S "$alt" 2>/dev/null | grep -v '^diversion' | head -1 | sed 's/: \/.*//')
    [[ -n $o ]] && { owner_of[$f]=${o//, / }; continue; }
  fi
  # Symlinks made by update-alternatives and files made by maintainer scripts have no owner;
  # their real paths are in the list too and are checked on their own.
  [[ -L $f ]] && continue
  unowned+=("$f")
done

declare -A in_closure=()
for p in $closure; do in_closure[$p]=1; done
declare -A missing=()
for f in "${!owner_of[@]}"; do
  covered=0
  for p in ${owner_of[$f]}; do
    p=${p%%:*}
    [[ -n ${in_closure[$p]:-} ]] && { covered=1; break; }
  done
  if ((!covered)); then
    p=${owner_of[$f]%% *}
    p=${p%%:*}
    [[ -z ${missing[$p]:-} || $f < ${missing[$p]} ]] && missing[$p]=$f
  fi
done

status=0
if ((${#missing[@]})); then
  echo "check-deps: the build in $build used files from Debian packages that scripts/lib/packages*.txt"
  echo "does not install (add the package, or one that depends on it):"
  for p in $(printf '%s\n' "${!missing[@]}" | sort); do echo "  missing package $p: ${missing[$p]}"; done
  status=1
fi
if ((${#unowned[@]})); then
  echo "check-deps: the build in $build used files that no Debian package provides:"
  printf '  not from Debian: %s\n' "${unowned[@]}"
  status=1
fi
((status)) && exit $status
echo "check-deps: all $(echo "$files" | wc -l) system files the build in $build used come from" \
  "scripts/lib/packages*.txt or their dependencies"

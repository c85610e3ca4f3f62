#!/usr/bin/env bash
# ctest: the load generator's small scenario against the real server, for correctness only
# (no timing): every socket held, zero errors, every acknowledged ballot stored and counted once,
# tallies equal to the load generator's own count. Usage: small_scenario.sh ASAMBLEA LOADGEN
set -euo pipefail
bin=$1
loadgen=$2
work=$(mktemp -d /tmp/asamblea-loadgen-test.XXXXXX)
server=""
cleanup() {
  [[ -n "$server" ]] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

# 120 voters an assembly: more than one page (100) of a round's list of counted ballots, which
# the check must read whole.
"$bin" bench-seed --data "$work/data" --assemblies 2 --voters 120 --proposals 12 \
  --out "$work/seed.txt"
# As scripts/bench: the load generator's phones share loopback addresses, so no cap per address.
"$bin" serve --data "$work/data" --port 0 --address 127.0.0.1 --threads 2 \
  --max-connections-per-address 0 >"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 100); do grep -q "listening on" "$work/serve.log" && break; sleep 0.1; done
port=$(sed -n 's/.*listening on http:\/\/[0-9.]*:\([0-9]*\).*/\1/p' "$work/serve.log")
[[ -n "$port" ]] || { cat "$work/serve.log"; exit 1; }

status=0
"$loadgen" --target "$port=$work/seed.txt" --server-pid "$server" --steady-seconds 2 \
  --change-percent 50 --procs 2 --threads 2 --work-dir "$work" --report "$work/report.json" \
  --quiet || status=$?
cat "$work/report.json"
[[ $status -eq 0 ]] || { echo "loadgen exit $status"; exit 1; }
# The numbers the scenario promises, read back from the report.
grep -q '"verified": true' "$work/report.json"
grep -q '"errors": 0,' "$work/report.json"
grep -q '"held": 242,' "$work/report.json"
echo "small scenario: 2 assemblies x 120 voters + 2 projectors, all checks passed"

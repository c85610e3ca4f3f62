#!/usr/bin/env bash
# ctest: the load generator's small scenario against the real server, for correctness only
# (no timing): every socket held, zero errors, every acknowledged ballot stored and counted once,
# tallies equal to the load generator's own count. Usage: small_scenario.sh ASAMBLEA LOADGEN
# [--shed]. With --shed the server sheds a clinic's new ballot while another of it is on its way
# to the store (`serve --shed-room-backlog 1`): some ballots are answered busy, the load generator
# sends each again until it is stored, and the checks still hold (ctest loadgen_shed).
set -euo pipefail
bin=$1
loadgen=$2
shed=()
[[ "${3:-}" == --shed ]] && shed=(--shed-room-backlog 1 --shed-writer-queue 0)
work=$(mktemp -d /tmp/asamblea-loadgen-test.XXXXXX)
server=""
cleanup() {
  [[ -n "$server" ]] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

"$bin" bench-seed --data "$work/data" --assemblies 3 --voters 8 --proposals 12 --out "$work/seed.txt"
# As scripts/bench: the load generator's phones share loopback addresses, so no cap per address.
"$bin" serve --data "$work/data" --port 0 --address 127.0.0.1 --threads 2 \
  --max-connections-per-address 0 "${shed[@]}" >"$work/serve.log" 2>&1 &
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
grep -q '"held": 27,' "$work/report.json"
if ((${#shed[@]})); then
  # The busy answers the load generator counted (every phase) are the server's own count.
  counted=$(grep -o '"shed": [0-9]*' "$work/report.json" | awk '{ n += $2 } END { print n + 0 }')
  metrics=$( (exec 3<>"/dev/tcp/127.0.0.1/$port" &&
    printf 'GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' >&3 &&
    cat <&3) | tr -d '\r')
  served=$(awk '$1 == "asamblea_ballots_shed_total{reason=\"room_backlog\"}" { print $2 }' <<<"$metrics")
  echo "shed: the load generator counted $counted busy answers, the server $served"
  ((counted > 0)) || { echo "no ballot was shed with the room's bound at 1"; exit 1; }
  [[ "$counted" == "$served" ]] || { echo "busy answers: loadgen $counted, server $served"; exit 1; }
fi
echo "small scenario: 3 assemblies x 8 voters + 3 projectors, all checks passed"

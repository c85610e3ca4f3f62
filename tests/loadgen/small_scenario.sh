#!/usr/bin/env bash
# ctest: the load generator's small scenario against the real server, for correctness only
# (no timing): every socket held, zero errors, every acknowledged ballot stored and counted once,
# tallies equal to the load generator's own count; the idle phase held every socket and pinged,
# the report has its cost and traffic figures (none missing, no zero byte count), and a log (no
# terminal) gets one line per phase. Usage: small_scenario.sh ASAMBLEA LOADGEN
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

# 120 voters an assembly: more than one page (100) of a round's list of counted ballots, which
# the check must read whole.
"$bin" bench-seed --data "$work/data" --assemblies 2 --voters 120 --proposals 12 \
  --out "$work/seed.txt"
# As scripts/bench: the load generator's phones share loopback addresses, so no cap per address.
"$bin" serve --data "$work/data" --port 0 --address 127.0.0.1 --threads 2 \
  --max-connections-per-address 0 "${shed[@]}" >"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 100); do grep -q "listening on" "$work/serve.log" && break; sleep 0.1; done
port=$(sed -n 's/.*listening on http:\/\/[0-9.]*:\([0-9]*\).*/\1/p' "$work/serve.log")
[[ -n "$port" ]] || { cat "$work/serve.log"; exit 1; }

status=0
# A ping after 1 s with nothing received, so the 3 s idle phase sees some.
"$loadgen" --target "$port=$work/seed.txt" --server-pid "$server" --steady-seconds 2 \
  --idle-seconds 3 --ping-seconds 1 \
  --change-percent 50 --procs 2 --threads 2 --work-dir "$work" --report "$work/report.json" \
  --quiet 2>"$work/loadgen.log" || status=$?
cat "$work/report.json" "$work/loadgen.log"
[[ $status -eq 0 ]] || { echo "loadgen exit $status"; exit 1; }
# A log, not a terminal: no progress bar, one line for connecting and one per phase.
! grep -q $'\r' "$work/loadgen.log" || { echo "a progress bar in the log"; exit 1; }
for phase in connect idle steady burst; do
  [[ $(grep -c "^asamblea_loadgen: scenario $phase: " "$work/loadgen.log") == 1 ]] ||
    { echo "not one log line for the $phase phase"; exit 1; }
done
grep -q "^asamblea_loadgen: scenario idle: 240 phones and 2 projectors held" "$work/loadgen.log"
# The idle phase and the new figures, read back from the report (Node 18, as the fleet tests).
node - "$work/report.json" <<'JS'
const r = JSON.parse(require('fs').readFileSync(process.argv[2], 'utf8'));
const fail = (what) => { console.error(`report: ${what}`); process.exit(1); };
const num = (v, what) => { if (typeof v !== 'number' || !Number.isFinite(v)) fail(`${what} is ${v}`); return v; };
const pos = (v, what) => { if (num(v, what) <= 0) fail(`${what} is ${v}, not above 0`); };
const idle = r.phases.idle || fail('no idle phase');
if (idle.phones_held !== 240 || idle.projectors_held !== 2) fail('idle did not hold every socket');
if (idle.errors !== 0) fail('errors in the idle phase');
pos(idle.seconds, 'phases.idle.seconds');
num(idle.server_cpu_s, 'phases.idle.server_cpu_s');
num(idle.loadgen_cpu_s, 'phases.idle.loadgen_cpu_s');
pos(idle.traffic.phones.pings, 'idle phone pings');
pos(idle.traffic.phones.rx_bytes, 'idle phone bytes received (pongs)');
pos(idle.traffic.phones.per_device_per_min.tx_bytes, 'idle phone bytes sent per minute');
num(idle.traffic.phones.rx_control, 'idle phone control frames received');
const s = r.server.idle || fail('no server.idle');
pos(s.seconds, 'server.idle.seconds');
if (s.connections !== 242) fail(`server.idle.connections ${s.connections}`);
num(s.cpu_s_per_1000_phones_per_s, 'server.idle.cpu_s_per_1000_phones_per_s');
num(s.memory_kib_per_connection, 'server.idle.memory_kib_per_connection');
num(s.loadgen_cpu_s_per_1000_phones_per_s, 'server.idle.loadgen_cpu_s_per_1000_phones_per_s');
for (const name of ['steady', 'burst']) {
  const p = r.phases[name] || fail(`no ${name} phase`);
  num(p.cpu_s_per_1000_ballots, `${name} cpu_s_per_1000_ballots`); // 0 when under a clock tick
  num(p.cpu_s_per_1000_ballots_above_idle, `${name} cpu_s_per_1000_ballots_above_idle`);
  num(p.idle_cpu_s_taken_off, `${name} idle_cpu_s_taken_off`);
  num(p.loadgen_cpu_s, `${name} loadgen_cpu_s`);
  for (const kind of ['phones', 'projectors']) {
    const t = p.traffic[kind];
    pos(t.rx_bytes, `${name} ${kind} rx_bytes`);
    pos(t.rx_msgs, `${name} ${kind} rx_msgs`);
    pos(t.per_device_per_min.rx_bytes, `${name} ${kind} bytes received per minute`);
    pos(t.per_device_per_min.rx_msgs, `${name} ${kind} messages received per minute`);
  }
  pos(p.traffic.phones.tx_bytes, `${name} phone bytes sent (ballots)`);
  pos(p.traffic.phones.per_device_per_min.tx_msgs, `${name} phone messages sent per minute`);
}
pos(r.connections.traffic.phones.per_device.rx_bytes, 'bytes a phone received connecting');
pos(r.connections.traffic.projectors.per_device.rx_bytes, 'bytes a projector received connecting');
console.log('report: idle phase and cost and traffic figures present');
JS
# The numbers the scenario promises, read back from the report.
grep -q '"verified": true' "$work/report.json"
grep -q '"errors": 0,' "$work/report.json"
grep -q '"held": 242,' "$work/report.json"
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
echo "small scenario: 2 assemblies x 120 voters + 2 projectors, all checks passed"

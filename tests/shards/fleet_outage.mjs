// ctest shards_outage (issue 18 items 5 and 7): three `asamblea serve` shards behind a real
// HAProxy on loopback, configured by `asamblea haproxy-config`, with assemblies voting on two
// clinics of each shard and every phone a real voter's WebSocket through the proxy.
//  1. A shard is SIGKILLed while its phones vote: its clinics answer through the proxy with
//     HAProxy's 503 as JSON (`shard_down`, a Spanish message), the other shards' phones go on
//     voting and get their acks meanwhile, and once the shard is started again on the same data its
//     phones reconnect, their ballots in flight are acknowledged and they vote again. Every
//     acknowledged ballot is in the tally and none is counted twice (each phone's last receipt is
//     in the clinic's public ballot list, which has one ballot per phone), and the national figures
//     equal what was voted, asked of every shard and of the proxy (the shards share a fleet key
//     and merge their national answers); while the shard is down they say which states are
//     missing and count only the others.
//  2. The restore path: scripts/deploy/ship-backup copies a shard while its phones vote, the
//     shard is SIGKILLed and treated as lost with its disk, scripts/deploy/standby-takeover restores
//     the newest shipped copy on a new port, verifies it, moves the map entry, regenerates the
//     HAProxy configuration and reloads HAProxy (master-worker, SIGUSR2, as systemd's reload).
//     Through the proxy every ballot acknowledged before the backup began is there, the ballots
//     acknowledged after its snapshot are counted as lost (and they must be: at least those acked
//     after the backup ended), and the phones reconnect and vote.
// Usage: node fleet_outage.mjs ASAMBLEA_BINARY. Fails (never skips) without haproxy.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { coordinatorApi, fleetTest, freePort, Phone, request, runSync, sleep, start,
  until } from './fleet_support.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const deploy = path.resolve(here, '../../scripts/deploy');
const bin = path.resolve(process.argv[2] ?? 'build/dev/src/cli/asamblea');
const { haproxy, work, check, run: runTest } = fleetTest('three shards, an outage and a restore', 'asamblea-outage-');
const PASSWORD = 'clave-de-prueba';
const PHONES_PER_CLINIC = 5;
const RESTORE_PHONES = 12; // the restored clinic's: 4 vote before the backup, 4 during, 4 after

const CLINICS = [
  ['CSIMB000001', 'Centro de Salud Ocosingo', 'Chiapas', 'sur'],
  ['CSIMB000002', 'Centro de Salud Palenque', 'Chiapas', 'sur'],
  ['DFIST000003', 'Clínica Tlalpan', 'Ciudad de México', 'centro'],
  ['DFIST000004', 'Clínica Coyoacán', 'Ciudad de México', 'centro'],
  ['VZIMB000005', 'Centro de Salud Papantla', 'Veracruz', 'oriente'],
  ['VZIMB000006', 'Centro de Salud Tuxpan', 'Veracruz', 'oriente'],
];
const KILLED = 'centro'; // part 1
const RESTORED = 'VZIMB000006'; // part 2: its shard (oriente) is lost and restored

const shards = {}; // name → {name, port, data, process, api}
let proxy = 0;
let haproxyMaster = null;
let shardsConf = '';
let fleetKey = '';
let proxyApi = null; // the coordinator, logged in once at the national address

function serveArgs(s) {
  return ['serve', '--data', s.data, '--address', '127.0.0.1', '--port', String(s.port),
    '--threads', '1', '--shards', shardsConf, '--shard', s.name, '--fleet-key', fleetKey,
    '--trusted-proxy', '127.0.0.1',
    '--public-url', `http://127.0.0.1:${proxy}`];
}

async function startShard(s) {
  s.process = await start(s.name, bin, serveArgs(s), /listening on/);
  s.api = await coordinatorApi(s.port, 'coord', PASSWORD);
}

// An assembly in session with an open budget round and PHONES attendees, set up straight on
// the clinic's shard (staff log in on their own shard until issue 18 item 3).
async function openAssembly(clinic, phones) {
  const { api } = shards[clinic.shard];
  const base = `/api/c/${clinic.clues}`;
  await api('POST', `${base}/assembly`, { edition: 2026, scheduled_at: '2026-02-21T17:00:00.000Z',
    quorum_min: 1 }, 201);
  await api('POST', `${base}/assembly/transition`, { to: 'registro' }, 200);
  clinic.codes = [];
  for (let i = 0; i < phones; ++i) {
    const r = await api('POST', `${base}/attendees`, { nombre: `Persona ${i + 1}`,
      identificador: `${clinic.clues}-${i}`, sexo: i % 2 ? 'hombre' : 'mujer',
      mayor_de_edad: true }, 201);
    clinic.codes.push(r.json.credential.code);
  }
  clinic.proposals = [];
  for (const title of ['Techo del consultorio', 'Rampa de acceso', 'Bancas para la sala']) {
    const p = (await api('POST', `${base}/proposals`, { title, description: 'Descripción',
      category: 'obra', cost_centavos: 100000 * 100, source: 'diagnostico' }, 201)).json;
    if (p.status !== 'aceptada') await api('POST', `${base}/proposals/${p.id}/accept`, undefined, 200);
    clinic.proposals.push(String(p.id));
  }
  await api('POST', `${base}/assembly/transition`, { to: 'en_sesion' }, 200);
  clinic.roundId = (await api('POST', `${base}/rounds`, { kind: 'budget', title: 'Presupuesto',
    max_choices: 1 }, 201)).json.id;
  await api('POST', `${base}/rounds/${clinic.roundId}/open`, undefined, 200);
  clinic.phones = clinic.codes.map((code, i) => new Phone(proxy, clinic.clues, code,
    `${clinic.clues}-p${i}`));
}

const vote = (clinic, phone) => phone.vote(clinic.roundId,
  [clinic.proposals[Math.floor(Math.random() * clinic.proposals.length)]]);
const voteAll = (clinics) => Promise.all(clinics.flatMap((c) => c.phones.map((p) => vote(c, p))));
const allAcked = (outcomes) => outcomes.every((o) => o === 'ack');
const tally = (outcomes) => JSON.stringify(outcomes.reduce((t, o) => ({ ...t, [o]: (t[o] ?? 0) + 1 }), {}));

// The phones that got at least one ack in their clinic's round: each counts once in the tally.
const voters = (clinic) => clinic.phones.filter((p) => p.lastReceipt(clinic.roundId)).length;

// The national figures against what was voted, asked of every running shard directly and of the
// proxy: each merges the whole fleet, so each must give the whole. With `down`, that shard's
// clinics are missing: the answers say so, name its states and count only the others. A shard
// keeps a complete answer 5 s, so a figure from before the last ballots is asked again.
async function checkNational(when, clinics, { down = null, downStates = [] } = {}) {
  const counted = clinics.filter((c) => c.shard !== down);
  const expect = { assemblies: counted.length, attendance: 0, voting: 0, ballots: 0,
    complete: !down, missing: down ? [{ shard: down, states: downStates }] : [] };
  for (const c of counted) {
    expect.attendance += c.phones.length;
    expect.voting += c.closed ? 0 : 1;
    expect.ballots += voters(c);
  }
  const askers = [...Object.values(shards).filter((s) => s.name !== down)
    .map((s) => ({ what: s.name, port: s.port, api: s.api })),
  { what: 'the proxy', port: proxy, api: proxyApi }];
  for (const a of askers) {
    let got = null;
    let perClinic = {};
    for (let i = 0; i < 40; ++i) {
      const dash = (await a.api('GET', '/api/national/dashboard?limit=100', undefined, 200)).json;
      const open = await request(a.port, 'GET', '/api/open/national.json');
      got = { assemblies: dash.totals.assemblies, attendance: dash.totals.attendance,
        voting: dash.totals.voting, ballots: open.json.live.total.ballots,
        complete: dash.complete && open.json.complete,
        missing: (open.json.missing ?? []).map((m) => ({ shard: m.shard, states: m.states })) };
      perClinic = Object.fromEntries(open.json.live.clinics.map((r) => [r.clues, r.ballots]));
      if (JSON.stringify(got) === JSON.stringify(expect)) break;
      await sleep(250);
    }
    check(JSON.stringify(got) === JSON.stringify(expect),
      `${when}: the national figures asked of ${a.what} are the fleet's: ` +
      `${JSON.stringify(got)} (expected ${JSON.stringify(expect)})`);
    const wrong = counted.filter((c) => perClinic[c.clues] !== voters(c));
    check(wrong.length === 0 && Object.keys(perClinic).length === counted.length,
      `${when}: each clinic's national row from ${a.what} counts one ballot per voter` +
      (wrong.length ? `; wrong: ${wrong.map((c) => `${c.clues} ${perClinic[c.clues]}≠${voters(c)}`)}` : ''));
  }
  if (down) return;
  // Through the proxy, each clinic's round counts one ballot per phone that voted.
  for (const c of clinics) {
    const rounds = await request(proxy, 'GET', `/api/c/${c.clues}/rounds`);
    const round = rounds.json?.items?.find((r) => r.id === c.roundId);
    check(round?.ballots === voters(c),
      `${when}: ${c.clues}'s round through the proxy counts ${round?.ballots} (voted: ${voters(c)})`);
  }
}

// Closes the clinic's round on `port` and holds its public ballot list against the phones:
// exactly one counted ballot per phone that voted, each its last acknowledged receipt.
async function closeAndCheckBallots(clinic, port, api) {
  const base = `/api/c/${clinic.clues}/rounds/${clinic.roundId}`;
  await api('POST', `${base}/close`, undefined, [200, 202]);
  clinic.closed = true;
  let list = null;
  for (let i = 0; i < 300 && !list; ++i) {
    const r = await request(port, 'GET', `${base}/ballots?per_page=500`);
    if (r.status === 200) list = r.json;
    else await sleep(100);
  }
  const counted = list.items.map((b) => b.receipt).sort();
  const expected = clinic.phones.map((p) => p.lastReceipt(clinic.roundId)).filter(Boolean).sort();
  check(list.total === expected.length && JSON.stringify(counted) === JSON.stringify(expected),
    `${clinic.clues}: the closed round counts exactly each phone's last acknowledged ballot ` +
    `(${list.total} counted, ${expected.length} phones voted)`);
  return counted;
}

function isShardDown(answer) {
  return answer.status === 503 && answer.json?.error === 'shard_down' &&
    /no está disponible/.test(answer.json?.message ?? '');
}

async function main() {
  const names = ['sur', 'centro', 'oriente'];
  for (const name of names)
    shards[name] = { name, port: await freePort(), data: path.join(work, name) };
  proxy = await freePort();
  shardsConf = path.join(work, 'shards.conf');
  writeFileSync(shardsConf, '# name   address           owners\n' +
    `sur      127.0.0.1:${shards.sur.port}   CS*\n` +
    `centro   127.0.0.1:${shards.centro.port}   DF*\n` +
    `oriente  127.0.0.1:${shards.oriente.port}   VZ*\n`);
  fleetKey = path.join(work, 'fleet.key');
  runSync(bin, ['fleet-key', '--out', fleetKey]);
  const csv = path.join(work, 'clinicas.csv');
  writeFileSync(csv, 'clues,nombre,entidad,municipio,institucion,consultorios,tipo\n' +
    CLINICS.map(([clues, nombre, entidad]) =>
      `${clues},${nombre},${entidad},Centro,IMSS-BIENESTAR,2,Urbano\n`).join(''));
  for (const s of Object.values(shards)) {
    runSync(bin, ['import-clinics', '--data', s.data, '--shards', shardsConf, '--shard', s.name,
      csv]);
    runSync(bin, ['user', 'add', 'coord', '--role', 'coordinator', '--password-stdin', '--data',
      s.data], `${PASSWORD}\n`);
    await startShard(s);
  }

  const haproxyArgs = ['--map-path', path.join(work, 'asamblea-shards.map'), '--bind',
    `127.0.0.1:${proxy}`, '--maxconn', '1000'];
  runSync(bin, ['haproxy-config', '--shards', shardsConf, '--out', work, ...haproxyArgs]);
  const cfg = path.join(work, 'haproxy.cfg');
  runSync(haproxy, ['-c', '-q', '-f', cfg]);
  check(readFileSync(cfg, 'utf8').includes('http-error status 503'),
    'haproxy -c accepts the generated configuration, with JSON answers for 502, 503 and 504');
  // Master-worker, as asamblea-proxy.service runs it: SIGUSR2 reloads the configuration.
  haproxyMaster = await start('haproxy', haproxy, ['-W', '-db', '-f', cfg]);

  const clinics = CLINICS.map(([clues, , , shard]) => ({ clues, shard }));
  for (const c of clinics) await openAssembly(c, c.clues === RESTORED ? RESTORE_PHONES : PHONES_PER_CLINIC);
  await until(proxy, clinics.map((c) => `/api/c/${c.clues}/rounds`), 200, 'HAProxy routes every shard');
  proxyApi = await coordinatorApi(proxy, 'coord', PASSWORD);
  const phones = clinics.flatMap((c) => c.phones);
  for (const p of phones) p.connect();
  await Promise.all(phones.map((p) => p.welcomed()));
  check(true, `${phones.length} phones on ${clinics.length} clinics of 3 shards welcomed through the proxy`);

  await killAndRestart(clinics);
  await loseAndRestore(clinics, haproxyArgs);

  // Every shard stops cleanly and its data passes verify: nothing half-written anywhere.
  for (const p of phones) p.stop();
  for (const s of Object.values(shards)) {
    s.process.kill('SIGTERM');
    await s.process.exited;
    let ok = true;
    try { runSync(bin, ['verify', '--data', s.data]); } catch { ok = false; }
    check(ok, `asamblea verify passes on ${s.name}'s data (${path.basename(s.data)})`);
  }
}

// Part 1: centro is killed while its phones vote, and started again on the same data.
async function killAndRestart(clinics) {
  const voting = clinics.filter((c) => c.clues !== RESTORED);
  const killed = voting.filter((c) => c.shard === KILLED);
  const others = voting.filter((c) => c.shard !== KILLED);
  const first = await voteAll(voting);
  check(allAcked(first), `every phone's first ballot is acknowledged: ${tally(first)}`);

  // Mid-vote: centro's phones re-vote one after another (up to 4 each) while the others vote
  // once; centro dies as soon as 6 of those re-votes were acknowledged, with others in flight.
  const killedPhones = killed.flatMap((c) => c.phones.map((p) => ({ c, p })));
  const acksBefore = killedPhones.reduce((n, { p }) => n + p.acks.length, 0);
  let stopLoops = false;
  const loops = killedPhones.map(async ({ c, p }) => {
    const outcomes = [];
    for (let n = 0; n < 4 && !stopLoops; ++n) outcomes.push(await vote(c, p));
    return outcomes;
  });
  const othersDuring = voteAll(others);
  while (killedPhones.reduce((n, { p }) => n + p.acks.length, 0) - acksBefore < 6) await sleep(2);
  stopLoops = true;
  shards[KILLED].process.kill('SIGKILL');
  await shards[KILLED].process.exited;
  const inFlight = killedPhones.filter(({ p }) => p.pending).length;
  const ackedBeforeKill = killedPhones.map(({ p }) => p.acks.map((a) => a.receipt)).flat();
  console.log(`centro killed with ${ackedBeforeKill.length} acks given and ${inFlight} ballot(s) in flight`);
  check(allAcked(await othersDuring), 'the other shards\' phones are acknowledged around the kill');

  // Its clinics fail clearly through the proxy: JSON with a Spanish message, not HAProxy's page.
  const [down] = await until(proxy, [`/api/c/${killed[0].clues}/rounds`], 503,
    `${KILLED}'s clinic answers 503 through the proxy`);
  check(isShardDown(down) && /application\/json/.test(down.headers['content-type']),
    `a dead shard's clinic through the proxy → ${down.status} ${down.headers['content-type']} ${down.body}`);
  const page = await request(proxy, 'GET', `/c/${killed[1].clues}/votar`);
  check(isShardDown(page), `its voting page → ${page.status} ${page.body.slice(0, 80)}`);

  // The other shards' phones vote during the outage, untouched.
  const during = await voteAll(others);
  check(allAcked(during), `the other shards' phones vote during the outage: ${tally(during)}`);
  await checkNational('during the outage', clinics, { down: KILLED,
    downStates: ['Ciudad de México'] });
  const stillDown = await request(proxy, 'GET', `/api/c/${killed[0].clues}/rounds`);
  check(stillDown.status === 503, `…while ${KILLED} is still down (${stillDown.status})`);
  // centro's phones keep trying, and the proxy refuses their upgrades with the same JSON.
  for (let i = 0; i < 300 && !killedPhones.every(({ p }) => p.refusals.length > 0); ++i) await sleep(100);
  const refused = killedPhones.flatMap(({ p }) => p.refusals);
  check(killedPhones.every(({ p }) => p.refusals.length > 0) &&
    refused.every((r) => r.status === 503 && /"error":"shard_down"/.test(r.body)),
  `every phone of ${KILLED} retries and each WebSocket upgrade gets the JSON 503 ` +
    `(${refused.length} refusals)`);

  // Started again on the same data: the phones reconnect, their ballots in flight get acks.
  await startShard(shards[KILLED]);
  await until(proxy, killed.map((c) => `/api/c/${c.clues}/rounds`), 200,
    `${KILLED} routed again`);
  const resumed = (await Promise.all(loops)).flat();
  check(allAcked(resumed), `${KILLED}'s re-votes, the ones in flight at the kill included, are ` +
    `all acknowledged: ${tally(resumed)}`);
  const after = await voteAll(killed);
  check(allAcked(after), `${KILLED}'s phones vote again after the restart: ${tally(after)}`);
  const ackedNow = new Set(killedPhones.flatMap(({ p }) => p.acks.map((a) => a.receipt)));
  check(ackedBeforeKill.every((r) => ackedNow.has(r)), 'no ack was taken back');
  const otherPhones = others.flatMap((c) => c.phones);
  check(otherPhones.every((p) => p.welcomes.length === 1 && p.refusals.length === 0),
    'the other shards\' phones never lost their connection');

  await checkNational('after the outage', clinics);
  // Closed, each of these clinics counts exactly each phone's last acknowledged ballot: every
  // ballot acknowledged before the kill is counted or was replaced by its voter's later one.
  for (const c of voting) {
    const s = shards[c.shard];
    c.counted = await closeAndCheckBallots(c, s.port, s.api);
  }
}

// Part 2: oriente's disk is lost; its standby restores the last shipped backup.
async function loseAndRestore(clinics, haproxyArgs) {
  const clinic = clinics.find((c) => c.clues === RESTORED);
  const oriente = shards[clinic.shard];
  const before = clinic.phones.slice(0, 4);
  const during = clinic.phones.slice(4, 8);
  const afterwards = clinic.phones.slice(8);
  const first = await Promise.all(before.map((p) => vote(clinic, p)));
  check(allAcked(first), `${RESTORED}: 4 phones vote before the backup: ${tally(first)}`);

  // The backup runs while 4 phones re-vote one after another; it is shipped to the standby's
  // folder (the default: cp -a into a mounted folder).
  const inbox = path.join(work, 'standby-inbox');
  const staging = path.join(work, 'backups-oriente');
  const began = Date.now();
  const shipper = await start('ship-backup', 'bash', [path.join(deploy, 'ship-backup'), '--data',
    oriente.data, '--to', inbox, '--staging', staging, '--keep', '2', '--asamblea', bin]);
  let shipped = false;
  const shipExit = shipper.exited.then((code) => { shipped = true; return code; });
  const loops = during.map(async (p) => {
    for (let n = 0; n < 8 && !shipped; ++n) {
      await vote(clinic, p);
      await sleep(30);
    }
  });
  const code = await shipExit;
  const ended = Date.now();
  await Promise.all(loops);
  check(code === 0, `ship-backup copied oriente while its phones voted (exit ${code})`);
  // After the backup, more acknowledged ballots: all of these are lost with the machine.
  const late = await Promise.all([...during, ...afterwards].map((p) => vote(clinic, p)));
  check(allAcked(late), `8 phones vote after the backup: ${tally(late)}`);

  oriente.process.kill('SIGKILL');
  await oriente.process.exited;
  const welcomesAtLoss = new Map(clinics.filter((c) => c.shard === clinic.shard)
    .flatMap((c) => c.phones).map((p) => [p, p.welcomes.length]));

  // The standby takes over: newest shipped copy, verify, map entry, HAProxy regenerated and reloaded.
  const standby = { name: oriente.name, port: await freePort(), data: path.join(work, 'oriente-standby') };
  let said = '';
  try {
    said = runSync('bash', [path.join(deploy, 'standby-takeover'), '--shard', oriente.name,
      '--address', `127.0.0.1:${standby.port}`, '--backups', inbox, '--data', standby.data,
      '--shards', shardsConf, '--haproxy-out', work, '--haproxy-args', haproxyArgs.join(' '),
      '--reload', `kill -USR2 ${haproxyMaster.pid}`, '--asamblea', bin, '--haproxy', haproxy]);
  } catch (e) {
    said = `${e.stdout}${e.stderr}`;
    check(false, `standby-takeover failed: ${said}`);
    throw e;
  }
  check(readFileSync(shardsConf, 'utf8').includes(`127.0.0.1:${standby.port}`),
    'standby-takeover moved oriente\'s map entry to the standby');
  let verified = true;
  try { runSync(bin, ['verify', '--data', standby.data]); } catch { verified = false; }
  check(verified, 'asamblea verify passes on the restored data');
  Object.assign(oriente, standby);
  await startShard(oriente);
  // The other shards read the map when they start, and they ask oriente for their national
  // answers: restarted one at a time, they ask the standby.
  for (const other of Object.values(shards).filter((x) => x.name !== oriente.name)) {
    other.process.kill('SIGTERM');
    await other.process.exited;
    await startShard(other);
  }
  proxyApi = await coordinatorApi(proxy, 'coord', PASSWORD);
  await until(proxy, clinics.filter((c) => c.shard === oriente.name)
    .map((c) => `/api/c/${c.clues}/rounds`), 200, 'HAProxy routes oriente\'s clinics to the standby');
  const orientePhones = [...welcomesAtLoss.keys()];
  for (let i = 0; i < 300 && orientePhones.some((p) => p.welcomes.length === welcomesAtLoss.get(p)); ++i)
    await sleep(100);
  check(orientePhones.every((p) => p.welcomes.length > welcomesAtLoss.get(p)),
    `all ${orientePhones.length} phones of oriente reconnected to the standby through the proxy`);

  // What the restored copy holds, phone by phone (its welcome's my_ballots: the counted ballot).
  // Acks come in order per phone, so the ballots lost must be each phone's last ones: those
  // acknowledged after the snapshot, which lies between `began` and `ended`.
  const afterEnd = clinic.phones.reduce((n, p) => n + p.acks.filter((a) => a.at > ended).length, 0);
  let lost = 0;
  let ackedAfterBegan = 0;
  let honest = true;
  for (const p of clinic.phones) {
    const kept = p.welcomes[p.welcomes.length - 1].my_ballots?.[String(clinic.roundId)]?.ballot_id;
    const acks = p.acks.filter((a) => a.round_id === clinic.roundId);
    const keptAt = kept ? acks.findIndex((a) => a.ballot_id === kept) : -1;
    if (kept && keptAt < 0) honest = false; // the copy holds a ballot never acknowledged
    const gone = acks.slice(keptAt + 1);
    lost += gone.length;
    // What the phone holds from now on is what the standby holds.
    p.acks = p.acks.filter((a) => !gone.includes(a));
    ackedAfterBegan += acks.filter((a) => a.at >= began).length;
    if (acks.some((a) => a.at < began) && keptAt < acks.findLastIndex((a) => a.at < began))
      honest = false; // a ballot acknowledged before the backup began is missing
    if (gone.some((a) => a.at < began) || acks.slice(0, keptAt + 1).some((a) => a.at > ended))
      honest = false;
  }
  console.log(`restore: ${lost} acknowledged ballot(s) lost, of ${ackedAfterBegan} acknowledged ` +
    `after the backup began (${afterEnd} after it ended)`);
  check(honest && afterEnd >= 8 && lost >= afterEnd && lost <= ackedAfterBegan,
    `every ballot acknowledged before the backup is in the restored copy and the lost ones are ` +
    `exactly those acknowledged after its snapshot: ${lost} lost`);
  // Every phone votes again on the standby (those that lost a ballot too) and counts once.
  const again = await Promise.all(clinic.phones.map((p) => vote(clinic, p)));
  check(allAcked(again), `${RESTORED}'s phones vote on the standby: ${tally(again)}`);

  await checkNational('after the restore', clinics);
  await closeAndCheckBallots(clinic, oriente.port, oriente.api);
  // The other clinic of oriente was closed before the backup: the same ballots on the standby.
  const sibling = clinics.find((c) => c.shard === oriente.name && c.clues !== RESTORED);
  const list = await request(proxy, 'GET', `/api/c/${sibling.clues}/rounds/${sibling.roundId}/ballots?per_page=500`);
  check(JSON.stringify(list.json?.items?.map((b) => b.receipt).sort()) === JSON.stringify(sibling.counted),
    `${sibling.clues}'s closed round has the same ${sibling.counted.length} ballots on the standby`);
}

await runTest(main);

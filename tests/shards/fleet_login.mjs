// ctest shards_login: one login for the fleet through a real HAProxy (issue 18 item 3). Two
// `asamblea serve` shards with one map and fleet key behind the proxy that `asamblea
// haproxy-config` configures: a national coordinator (account on sur, the default shard) logs in
// once at the proxy and acts on a clinic of each shard; a moderator whose account lives on
// centro logs in at the proxy (which sends logins to sur), runs her clinic through it (REST,
// page, WebSocket) and is refused another shard's clinic; a logout at the proxy is refused on
// the other shard too, within the revocation interval (polled up to 10 s, nothing timed).
// Usage: node fleet_login.mjs ASAMBLEA_BINARY. Fails (never skips) without haproxy.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { openWebSocket } from '../../scripts/lib/raw-websocket.mjs';
import { fleetTest, freePort, request as send, runSync, sleep, start,
  until } from './fleet_support.mjs';

const bin = path.resolve(process.argv[2] ?? 'build/dev/src/cli/asamblea');
const { haproxy, work, check, run: runTest } = fleetTest('one login for the fleet', 'asamblea-login-');
const password = 'clave-de-prueba';
const run = (args, input) => runSync(bin, args, input);

// A request with a staff member's bearer token.
const request = (port, method, target, { body, token } = {}) => send(port, method, target,
  { body, headers: token ? { Authorization: `Bearer ${token}` } : {} });

// A staff hello on the clinic's WebSocket through the proxy: the first message back.
function staffHello(port, clues, token) {
  return new Promise((resolve) => {
    const ws = openWebSocket({ port, path: `/ws/c/${clues}`, on: {
      open: () => ws.send({ type: 'hello', token }),
      message: (m) => { ws.close(); resolve(m); },
      refused: (r) => resolve({ refused: r.status, body: r.body }),
      close: (reason) => resolve({ closed: reason }),
    } });
  });
}

// Polls until `target` answers 401 with the token, for at most 10 s; the last status.
async function refusedWithin(port, target, token) {
  const deadline = Date.now() + 10_000;
  let status = 0;
  while (Date.now() < deadline) {
    status = (await request(port, 'GET', target, { token })).status;
    if (status === 401) break;
    await sleep(100);
  }
  return status;
}

async function main() {
  const [sur, centro, proxy] = [await freePort(), await freePort(), await freePort()];
  const shardsConf = path.join(work, 'shards.conf');
  writeFileSync(shardsConf, `sur 127.0.0.1:${sur} CS*\ncentro 127.0.0.1:${centro} DF*\n`);
  const csv = path.join(work, 'clinicas.csv');
  writeFileSync(csv, 'clues,nombre,entidad,municipio,institucion,consultorios,tipo\n' +
    'CSIMB000001,Centro de Salud Ocosingo,Chiapas,Ocosingo,IMSS-BIENESTAR,1,Rural\n' +
    'DFIST000003,Clínica Tlalpan,Ciudad de México,Tlalpan,ISSSTE,8,UMF\n');
  const key = path.join(work, 'fleet.key');
  run(['fleet-key', '--out', key]);

  // Each account on one shard only: ana (national) on sur, luz (Tlalpan) on centro.
  const accounts = { sur: [['ana', 'coordinator']], centro: [['luz', 'moderator', 'DFIST000003']] };
  for (const [name, port] of [['sur', sur], ['centro', centro]]) {
    const data = path.join(work, name);
    run(['import-clinics', '--data', data, '--shards', shardsConf, '--shard', name, csv]);
    for (const [user, role, clinic] of accounts[name])
      run(['user', 'add', user, '--role', role, ...(clinic ? ['--clinic', clinic] : []),
        '--password-stdin', '--data', data], `${password}\n`);
    await start(name, bin, ['serve', '--data', data, '--address', '127.0.0.1', '--port',
      String(port), '--threads', '1', '--shards', shardsConf, '--shard', name,
      '--fleet-key', key, '--revocation-interval-ms', '200', '--trusted-proxy', '127.0.0.1'],
    /listening on/);
  }
  run(['haproxy-config', '--shards', shardsConf, '--out', work, '--map-path',
    path.join(work, 'asamblea-shards.map'), '--bind', `127.0.0.1:${proxy}`, '--maxconn', '1000']);
  const cfg = path.join(work, 'haproxy.cfg');
  runSync(haproxy, ['-c', '-q', '-f', cfg]);
  await start('haproxy', haproxy, ['-db', '-f', cfg]);
  await until(proxy, ['/api/c/CSIMB000001/rounds', '/api/c/DFIST000003/rounds'], 200,
    'HAProxy routes both shards');

  // The peer routes stay inside: the proxy refuses them.
  const peer = await request(proxy, 'GET', '/api/fleet/revocations?since=0');
  check(peer.status === 404, `GET /api/fleet/revocations through the proxy → ${peer.status}`);

  // The coordinator logs in once and works on both shards' clinics.
  const anaLogin = await request(proxy, 'POST', '/api/auth/login',
    { body: { username: 'ana', password } });
  check(anaLogin.status === 200 && anaLogin.json?.token?.startsWith('f1.'),
    `ana logs in at the proxy → ${anaLogin.status}`);
  const ana = anaLogin.json?.token;
  for (const [clues, by] of [['CSIMB000001', 'ana'], ['DFIST000003', 'ana@sur']]) {
    const base = `/api/c/${clues}`;
    const made = await request(proxy, 'POST', `${base}/assembly`, { token: ana,
      body: { edition: 2026, scheduled_at: '2026-02-21T17:00:00.000Z' } });
    check(made.status === 201, `ana creates ${clues}'s assembly → ${made.status} ${made.body}`);
    const opened = await request(proxy, 'POST', `${base}/assembly/transition`,
      { token: ana, body: { to: 'registro' } });
    check(opened.status === 200, `ana opens ${clues}'s registration → ${opened.status}`);
    const noted = await request(proxy, 'POST', `${base}/incidents`,
      { token: ana, body: { text: 'La coordinación pasó lista.' } });
    check(noted.status === 201 && noted.json?.by === by,
      `ana's incident on ${clues} is recorded as ${by} → ${noted.status} ${noted.body}`);
  }

  // The moderator of centro's clinic logs in at the proxy (sur answers, asking centro).
  const luzLogin = await request(proxy, 'POST', '/api/auth/login',
    { body: { username: 'luz', password } });
  check(luzLogin.status === 200 && JSON.stringify(luzLogin.json?.user?.clinics) ===
    '["DFIST000003"]', `luz logs in at the proxy → ${luzLogin.status} ${luzLogin.body}`);
  const luz = luzLogin.json?.token;
  const me = await request(proxy, 'GET', '/api/auth/me', { token: luz });
  check(me.status === 200 && me.json?.username === 'luz', `/api/auth/me → ${me.status} ${me.body}`);
  const page = await request(proxy, 'GET', '/c/DFIST000003/moderar');
  check(page.status === 200, `her moderation page → ${page.status}`);
  const incidents = await request(proxy, 'GET', '/api/c/DFIST000003/incidents', { token: luz });
  check(incidents.status === 200, `her clinic's incidents → ${incidents.status} ${incidents.body}`);
  const regist = await request(proxy, 'POST', '/api/c/DFIST000003/attendees', { token: luz,
    body: { nombre: 'Persona Uno', identificador: 'login-1', sexo: 'mujer',
      mayor_de_edad: true } });
  check(regist.status === 201,
    `she registers an attendee → ${regist.status}${regist.status === 201 ? '' : ` ${regist.body}`}`);
  const welcome = await staffHello(proxy, 'DFIST000003', luz);
  check(welcome.type === 'welcome', `her WebSocket hello → ${JSON.stringify(welcome).slice(0, 80)}`);
  const notHers = await request(proxy, 'GET', '/api/c/CSIMB000001/incidents', { token: luz });
  check(notHers.status === 403, `sur's clinic is not hers → ${notHers.status}`);
  const wrong = await request(proxy, 'POST', '/api/auth/login',
    { body: { username: 'luz', password: 'no-es-su-clave' } });
  check(wrong.status === 401, `a wrong password for her → ${wrong.status}`);

  // Logouts at the proxy reach the other shard.
  const out = await request(proxy, 'POST', '/api/auth/logout', { token: ana });
  check(out.status === 200, `ana logs out → ${out.status}`);
  check(await refusedWithin(proxy, '/api/c/DFIST000003/incidents', ana) === 401,
    `ana's token is refused on centro after her logout on sur`);
  const luzOut = await request(proxy, 'POST', '/api/auth/logout', { token: luz });
  check(luzOut.status === 200, `luz logs out at the proxy (sur, not her home) → ${luzOut.status}`);
  check(await refusedWithin(proxy, '/api/c/DFIST000003/incidents', luz) === 401,
    `luz's token is refused on her home shard after the logout`);
}

await runTest(main);

// ctest: two `asamblea serve` shards behind a real HAProxy on loopback, configured by
// `asamblea haproxy-config` from one shard map (issue 18). Through the proxy each shard's clinic
// page and round list answer 200 (the other shard would answer 421), a WebSocket hello gets its
// welcome, a request sent straight to the wrong shard gets 421 naming the right one, and the
// login budget counts the client's address from X-Forwarded-For, not the proxy's.
// Usage: node haproxy_fleet.mjs ASAMBLEA_BINARY. Fails (never skips) without haproxy: the test
// package list (scripts/lib/packages-test.txt) installs it.
import { writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { openWebSocket } from '../../scripts/lib/raw-websocket.mjs';
import { fleetTest, freePort, request, runSync, start, until } from './fleet_support.mjs';

const bin = path.resolve(process.argv[2] ?? 'build/dev/src/cli/asamblea');
const { haproxy, work, check, run: runTest } = fleetTest('shards behind HAProxy', 'asamblea-shards-');
const run = (args, input) => runSync(bin, args, input);
const PER_CLIENT = 6; // haproxy-config --per-client: connections one client address may hold

function hello(port, clues) {
  return new Promise((resolve) => {
    const ws = openWebSocket({ port, path: `/ws/c/${clues}`, on: {
      open: () => ws.send({ type: 'hello' }),
      message: (m) => { ws.close(); resolve(m); },
      refused: (r) => resolve({ refused: r.status, body: r.body }),
      close: (reason) => resolve({ closed: reason }),
    } });
  });
}

async function main() {
  const [sur, centro, proxy] = [await freePort(), await freePort(), await freePort()];
  const shardsConf = path.join(work, 'shards.conf');
  writeFileSync(shardsConf, '# name   address           owners\n' +
    `sur      127.0.0.1:${sur}   CS*\n` +
    `centro   127.0.0.1:${centro}   DF* MCIMB000009\n`);
  const csv = path.join(work, 'clinicas.csv');
  writeFileSync(csv, 'clues,nombre,entidad,municipio,institucion,consultorios,tipo\n' +
    'CSIMB000001,Centro de Salud Ocosingo,Chiapas,Ocosingo,IMSS-BIENESTAR,1,Rural\n' +
    'CSIMB000002,Centro de Salud Palenque,Chiapas,Palenque,IMSS-BIENESTAR,3,Urbano\n' +
    'DFIST000003,Clínica Tlalpan,Ciudad de México,Tlalpan,ISSSTE,8,UMF\n' +
    'MCIMB000009,Centro de Salud Toluca,México,Toluca,IMSS-BIENESTAR,2,Urbano\n');

  const publicUrl = `http://127.0.0.1:${proxy}`;
  for (const [name, port] of [['sur', sur], ['centro', centro]]) {
    const data = path.join(work, name);
    const said = run(['import-clinics', '--data', data, '--shards', shardsConf, '--shard', name,
      csv]);
    check(said.includes('Importadas 2 unidades') && said.includes('2 unidad(es) de otros shards'),
      `import-clinics --shard ${name} keeps its 2 clinics: ${said.trim()}`);
    run(['user', 'add', 'mod', '--role', 'moderator', '--clinic',
      name === 'sur' ? 'CSIMB000001' : 'DFIST000003', '--password-stdin', '--data', data],
    'clave-de-prueba\n');
    run(['user', 'add', 'coord', '--role', 'coordinator', '--password-stdin', '--data', data],
      'clave-de-prueba\n');
    await start(name, bin, ['serve', '--data', data, '--address', '127.0.0.1', '--port',
      String(port), '--threads', '1', '--shards', shardsConf, '--shard', name,
      '--trusted-proxy', '127.0.0.1', '--public-url', publicUrl,
      // Three failed logins an hour per address: refused the fourth, deterministically.
      '--login-address-budget', '3'], /listening on/);
  }

  const plain = await freePort();
  run(['haproxy-config', '--shards', shardsConf, '--out', work, '--map-path',
    path.join(work, 'asamblea-shards.map'), '--bind', `127.0.0.1:${proxy}`, '--maxconn', '1000',
    '--per-client', String(PER_CLIENT), '--redirect-http', `127.0.0.1:${plain}`]);
  const cfg = path.join(work, 'haproxy.cfg');
  runSync(haproxy, ['-c', '-q', '-f', cfg]);
  check(true, 'haproxy -c accepts the generated configuration');
  await start('haproxy', haproxy, ['-db', '-f', cfg]);
  await until(proxy, ['/api/c/CSIMB000001/rounds', '/api/c/DFIST000003/rounds'], 200,
    'HAProxy routes both shards');

  // Each shard's clinics through the proxy: pages, REST (any case) and WebSocket.
  for (const clues of ['CSIMB000001', 'csimb000002', 'DFIST000003', 'MCIMB000009']) {
    const page = await request(proxy, 'GET', `/c/${clues}`);
    check(page.status === 200 && page.body.includes('<html'), `page /c/${clues} → ${page.status}`);
    const rounds = await request(proxy, 'GET', `/api/c/${clues}/rounds`);
    check(rounds.status === 200, `GET /api/c/${clues}/rounds → ${rounds.status} ${rounds.body}`);
    const welcome = await hello(proxy, clues.toUpperCase());
    check(welcome.type === 'welcome', `WebSocket hello on ${clues} → ${JSON.stringify(welcome)}`);
  }
  // One clinic's open-data file names it in the query: the proxy sends it to that shard.
  for (const clues of ['DFIST000003', 'csimb000001']) {
    const open = await request(proxy, 'GET', `/api/open/followup.json?clues=${clues}`);
    check(open.status === 200, `/api/open/followup.json?clues=${clues} → ${open.status} ${open.body.slice(0, 80)}`);
  }
  const vote = await request(proxy, 'GET', '/c/DFIST000003/votar');
  check(vote.status === 200, `voting page of centro's clinic → ${vote.status}`);
  // Paths of no clinic go to the default shard.
  check((await request(proxy, 'GET', '/')).status === 200, 'the landing page');
  check((await request(proxy, 'GET', '/healthz')).status === 200, '/healthz');

  // Straight to the wrong shard: 421 naming the right one.
  const wrong = await request(sur, 'GET', '/api/c/DFIST000003/rounds');
  check(wrong.status === 421 && wrong.json?.error === 'wrong_shard' &&
    wrong.json?.shard === 'centro', `sur asked for centro's clinic → ${wrong.status} ${wrong.body}`);
  const wrongWs = await hello(sur, 'MCIMB000009');
  check(wrongWs.refused === 421 && wrongWs.body.includes('"shard":"centro"'),
    `sur asked for centro's WebSocket → ${JSON.stringify(wrongWs)}`);

  // The login budget counts the client behind the proxy. Logins go to the default shard (sur).
  const login = (password, localAddress, headers) => request(proxy, 'POST', '/api/auth/login',
    { body: { username: 'mod', password }, localAddress, headers });
  const statuses = [];
  for (let i = 0; i < 4; ++i) statuses.push((await login(`adivina-${i}`, '127.0.0.2')).status);
  check(statuses.join() === '401,401,401,429', `a guesser at 127.0.0.2 → ${statuses.join()}`);
  const forged = await login('clave-de-prueba', '127.0.0.2', { 'X-Forwarded-For': '127.0.0.9' });
  check(forged.status === 429, `the guesser forging X-Forwarded-For → ${forged.status}`);
  const tablet = await login('clave-de-prueba', '127.0.0.3');
  check(tablet.status === 200, `the moderator's tablet at 127.0.0.3 → ${tablet.status}`);

  await voteThroughProxy(proxy, centro);

  // Plain HTTP on the redirect frontend is sent to https:// (where --bind ends TLS).
  const redirected = await request(plain, 'GET', '/c/CSIMB000001/votar');
  check(redirected.status === 308 &&
    redirected.headers.location === `https://127.0.0.1:${plain}/c/CSIMB000001/votar`,
  `plain HTTP → ${redirected.status} ${redirected.headers.location}`);
  await capPerClient(proxy);
}

// One client address holds at most PER_CLIENT connections through the proxy (the shards see
// only the proxy's address); one more is answered like a shard's own cap, as JSON.
async function capPerClient(proxy) {
  const held = [];
  for (let i = 0; i < PER_CLIENT; ++i) {
    const socket = net.connect({ host: '127.0.0.1', port: proxy, localAddress: '127.0.0.7' });
    await new Promise((resolve, reject) => {
      socket.once('error', reject);
      socket.write('GET /healthz HTTP/1.1\r\nHost: asamblea\r\n\r\n');
      socket.once('data', resolve); // answered, and kept open (keep-alive)
    });
    held.push(socket);
  }
  const over = await request(proxy, 'GET', '/healthz', { localAddress: '127.0.0.7' });
  check(over.status === 503 && over.json?.error === 'too_many_connections' &&
    /demasiadas conexiones/.test(over.json?.message ?? ''),
  `connection ${PER_CLIENT + 1} from one address → ${over.status} ${over.body}`);
  const other = await request(proxy, 'GET', '/healthz', { localAddress: '127.0.0.8' });
  check(other.status === 200, `another address meanwhile → ${other.status}`);
  for (const socket of held) socket.destroy();
}

// A voter of centro's clinic votes through the proxy and the ballot is acknowledged. The
// assembly is set up straight on centro (these shards have no fleet key: fleet_login.mjs tests
// staff logins through the proxy).
async function voteThroughProxy(proxy, centro) {
  const api = async (method, target, token, body, expect) => {
    const r = await request(centro, method, target, { body,
      headers: token ? { Authorization: `Bearer ${token}` } : {} });
    if (r.status !== expect) throw new Error(`${method} ${target} → ${r.status} ${r.body}`);
    return r.json;
  };
  const { token } = await api('POST', '/api/auth/login', undefined,
    { username: 'coord', password: 'clave-de-prueba' }, 200);
  const base = '/api/c/DFIST000003';
  await api('POST', `${base}/assembly`, token,
    { edition: 2026, scheduled_at: '2026-02-21T17:00:00.000Z', quorum_min: 1 }, 201);
  await api('POST', `${base}/assembly/transition`, token, { to: 'registro' }, 200);
  const voter = await api('POST', `${base}/attendees`, token, { nombre: 'Persona Uno',
    identificador: 'fleet-1', sexo: 'mujer', mayor_de_edad: true }, 201);
  const proposal = await api('POST', `${base}/proposals`, token, { title: 'Techo del consultorio',
    description: 'Descripción', category: 'obra', cost_centavos: 100000 * 100,
    source: 'diagnostico' }, 201);
  if (proposal.status !== 'aceptada')
    await api('POST', `${base}/proposals/${proposal.id}/accept`, token, undefined, 200);
  await api('POST', `${base}/assembly/transition`, token, { to: 'en_sesion' }, 200);
  const round = await api('POST', `${base}/rounds`, token,
    { kind: 'budget', title: 'Presupuesto', max_choices: 1 }, 201);
  await api('POST', `${base}/rounds/${round.id}/open`, token, undefined, 200);

  const answer = await new Promise((resolve) => {
    const ws = openWebSocket({ port: proxy, path: '/ws/c/DFIST000003', on: {
      open: () => ws.send({ type: 'hello', credential: voter.credential.code }),
      message: (m) => {
        if (m.type === 'welcome')
          ws.send({ type: 'ballot', round_id: round.id, ballot_id: 'fleet-ballot-1',
            choices: [String(proposal.id)] });
        else if (m.type === 'ack' || m.type === 'error') { ws.close(); resolve(m); }
      },
      refused: (r) => resolve({ refused: r.status }),
      close: (reason) => resolve({ closed: reason }),
    } });
  });
  check(answer.type === 'ack' && answer.ballot_id === 'fleet-ballot-1',
    `a ballot through the proxy → ${JSON.stringify(answer)}`);
}

await runTest(main);

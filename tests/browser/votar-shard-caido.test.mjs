// The voter's phone (/c/{clues}/votar) behind a real HAProxy (issue 18 item 5) when its shard
// dies: every reconnect gets the proxy's JSON 503 (`shard_down`) instead of a 101, and the phone
// says «Sin conexión. Reintentando…» all along (never a bare «Conectando…» between attempts),
// keeps trying, and is «Conectado» again once the shard is back on the same data, with its
// receipt still shown. Then the shard is lost and restored from a backup taken before the vote:
// the phone stops showing the receipt the server no longer has, says why, and votes again.
// Needs haproxy (scripts/lib/packages-test.txt); fails without it.
// Run: ASAMBLEA_BINARY=build/dev/src/cli/asamblea node --test tests/browser/votar-shard-caido.test.mjs
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BINARY, launchBrowser, openPage, screenshot } from './lib/harness.mjs';
import { coordinatorApi, freePort, runSync, start, stopAll, until } from '../shards/fleet_support.mjs';

const CLUES = 'CSIMB000001';
const PASSWORD = 'clave-de-prueba';
const work = mkdtempSync(path.join(os.tmpdir(), 'asamblea-votar-caido-'));

let browser = null;
after(async () => {
  // A failed step leaves the browser open, and it would keep this process alive.
  await browser?.close().catch(() => {});
  stopAll();
  rmSync(work, { recursive: true, force: true });
});

test('the phone behind HAProxy while its shard is down', { timeout: 240_000 }, async () => {
  const haproxy = ['/usr/sbin/haproxy', '/usr/bin/haproxy'].find((p) => existsSync(p));
  assert.ok(haproxy, 'haproxy is installed (scripts/lib/packages-test.txt)');
  const [port, proxy] = [await freePort(), await freePort()];
  const data = path.join(work, 'sur');
  const conf = path.join(work, 'shards.conf');
  writeFileSync(conf, `sur 127.0.0.1:${port} CS*\n`);
  const csv = path.join(work, 'clinicas.csv');
  writeFileSync(csv, 'clues,nombre,entidad,municipio,institucion,consultorios,tipo\n' +
    `${CLUES},Centro de Salud Ocosingo,Chiapas,Ocosingo,IMSS-BIENESTAR,1,Rural\n`);
  runSync(BINARY, ['import-clinics', '--data', data, '--shards', conf, '--shard', 'sur', csv]);
  runSync(BINARY, ['user', 'add', 'coord', '--role', 'coordinator', '--password-stdin', '--data',
    data], `${PASSWORD}\n`);
  const serve = ['serve', '--data', data, '--address', '127.0.0.1', '--port', String(port),
    '--threads', '1', '--shards', conf, '--shard', 'sur', '--trusted-proxy', '127.0.0.1',
    '--public-url', `http://127.0.0.1:${proxy}`];
  let shard = await start('sur', BINARY, serve, /listening on/);
  runSync(BINARY, ['haproxy-config', '--shards', conf, '--out', work, '--map-path',
    path.join(work, 'asamblea-shards.map'), '--bind', `127.0.0.1:${proxy}`, '--maxconn', '100']);
  await start('haproxy', haproxy, ['-db', '-f', path.join(work, 'haproxy.cfg')]);

  // An assembly in session with an open round and one voter.
  const api = await coordinatorApi(port, 'coord', PASSWORD);
  const base = `/api/c/${CLUES}`;
  await api('POST', `${base}/assembly`, { edition: 2026, scheduled_at: '2026-02-21T17:00:00.000Z',
    quorum_min: 1 }, 201);
  await api('POST', `${base}/assembly/transition`, { to: 'registro' }, 200);
  const voter = (await api('POST', `${base}/attendees`, { nombre: 'Persona Uno',
    identificador: 'caido-1', sexo: 'mujer', mayor_de_edad: true }, 201)).json;
  const proposal = (await api('POST', `${base}/proposals`, { title: 'Rampa de acceso',
    description: 'Descripción', category: 'obra', cost_centavos: 100000 * 100,
    source: 'diagnostico' }, 201)).json;
  if (proposal.status !== 'aceptada') await api('POST', `${base}/proposals/${proposal.id}/accept`, undefined, 200);
  await api('POST', `${base}/assembly/transition`, { to: 'en_sesion' }, 200);
  const round = (await api('POST', `${base}/rounds`, { kind: 'budget', title: 'Presupuesto',
    max_choices: 1 }, 201)).json;
  await api('POST', `${base}/rounds/${round.id}/open`, undefined, 200);
  await until(proxy, [`${base}/rounds`], 200, 'HAProxy routes the clinic');
  // A backup from before anyone voted, for the restore below.
  const copy = path.join(work, 'copia');
  runSync(BINARY, ['backup', '--data', data, '--out', copy]);

  browser = await launchBrowser();
  const { page } = await openPage(browser, `http://127.0.0.1:${proxy}`, 'phone');
  const sockets = [];
  page.on('websocket', (ws) => sockets.push(ws));
  await page.goto(`/c/${CLUES}/votar#${voter.credential.code}`);
  const status = page.locator('#conexion');
  await status.getByText('Conectado').waitFor();
  await page.locator('.opcion', { hasText: 'Rampa de acceso' }).locator('input').check();
  await page.getByRole('button', { name: 'Enviar mi voto' }).click();
  await page.getByRole('button', { name: 'Confirmar y enviar' }).click();
  await page.getByText(/Comprobante:/).first().waitFor();

  // The shard dies: the phone's reconnects reach HAProxy, which answers 503 JSON.
  shard.kill('SIGKILL');
  await shard.exited;
  const down = await until(proxy, [`${base}/rounds`], 503, 'the clinic answers 503');
  assert.equal(down[0].json?.error, 'shard_down', down[0].body);
  await status.getByText('Sin conexión. Reintentando…').waitFor();
  const before = sockets.length;
  const seen = new Set();
  // Three more attempts, each refused, with the same words on screen after each.
  while (sockets.length < before + 3) {
    seen.add((await status.textContent()).trim());
    await page.waitForTimeout(200);
  }
  seen.add((await status.textContent()).trim());
  assert.deepEqual([...seen], ['Sin conexión. Reintentando…'],
    `what the phone said while its shard was down: ${[...seen].join(' | ')}`);
  await screenshot(page, 'votar-shard-caido-phone');

  // Back on the same data: the phone reconnects by itself and still shows its receipt.
  shard = await start('sur', BINARY, serve, /listening on/);
  await status.getByText('Conectado').waitFor({ timeout: 90_000 });
  await page.getByText(/Comprobante:/).first().waitFor();

  // The machine is lost: the shard comes back on the same address from the backup, which has no
  // ballot of this voter. The phone must not keep showing the lost receipt.
  shard.kill('SIGKILL');
  await shard.exited;
  await status.getByText('Sin conexión. Reintentando…').waitFor();
  const restored = path.join(work, 'restaurada');
  runSync('cp', ['-a', copy, restored]);
  runSync(BINARY, ['verify', '--data', restored]);
  shard = await start('sur', BINARY, serve.map((a) => (a === data ? restored : a)), /listening on/);
  await status.getByText('Conectado').waitFor({ timeout: 90_000 });
  await page.getByText('El servidor ya no tiene su voto.').waitFor();
  assert.equal(await page.getByText(/Comprobante:/).count(), 0, 'the lost receipt is gone');
  await screenshot(page, 'votar-shard-restaurado-phone');
  await page.locator('.opcion', { hasText: 'Rampa de acceso' }).locator('input').check();
  await page.getByRole('button', { name: 'Enviar mi voto' }).click();
  await page.getByRole('button', { name: 'Confirmar y enviar' }).click();
  await page.getByText(/Comprobante:/).first().waitFor();
  const rounds = await api('GET', `${base}/rounds`);
  assert.equal(rounds.json.items.find((r) => r.id === round.id).ballots, 1, 'counted once');
  await browser.close();
});

// A busy server (issue 19 item 4), on a 360-px phone against the REAL server: the phone's first
// two sends of a ballot are answered «busy» (the server's shape, docs/api.md «Busy, retry»; the
// link answers them so the test does not depend on this machine's speed). The phone keeps the
// vote, says so (role=status, «se reenviará en N s»), sends the same ballot again by itself after
// retry_after_ms and then at least twice as long, and shows the receipt when the server stores it.
// Counted once. axe and layout on the busy note, screenshots (votar-ocupado-*.png).
// Run: ASAMBLEA_BINARY=build/src/cli/asamblea node --test tests/browser/votar-ocupado.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  apiCaller, apiJson, assertNoProblems, checkA11y, checkLayout, pageSet, startAll,
} from './lib/harness.mjs';

const CLUES = 'CSIMB001234';
const base = `/api/c/${CLUES}`;
const RAMPA = 'Rampa de acceso'; // a demo proposal
const RECEIPT = /Su voto quedó registrado\. Comprobante:/;
const BUSY = 'Hay mucha actividad en el servidor.';
const RETRY_MS = 1500;

let env;
let token;
const people = [];
const pages = pageSet(() => env, 'votar-ocupado');
const { open, shot } = pages;

const call = apiCaller(() => env, () => token);

before(async () => {
  env = await startAll();
  const login = await apiJson(env.url, '/api/auth/login', { method: 'POST', body: { username: 'moderador', password: 'demo-moderador' } });
  assert.equal(login.status, 200);
  token = login.data.token;
  await call('PATCH', `${base}/assembly`, { quorum_min: 1 });
  await call('POST', `${base}/assembly/transition`, { to: 'registro' });
  const r = await call('POST', `${base}/attendees`, {
    nombre: 'Persona Ocupada', identificador: 'OCUPADO-1', sexo: 'mujer', mayor_de_edad: true,
  });
  people.push(r.credential);
  await call('POST', `${base}/assembly/transition`, { to: 'en_sesion' });
});

after(async () => {
  await pages.closeAll();
  if (env) await env.teardown();
});

/**
 * The phone's WebSocket through a link that answers the first `busyFor` ballots with the server's
 * busy error instead of passing them on; the rest reach the server. Every ballot is recorded with
 * when it was sent.
 */
async function routeBusy(context, busyFor) {
  const net = { ballots: [] };
  await context.routeWebSocket(/\/ws\/c\//, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((msg) => {
      let j = null;
      try { j = JSON.parse(msg); } catch { /* the server will say so */ }
      if (j && j.type === 'ballot') {
        net.ballots.push({ ...j, sent: Date.now() });
        if (net.ballots.length <= busyFor) {
          ws.send(JSON.stringify({
            type: 'error', error: 'busy', ballot_id: j.ballot_id, retry_after_ms: RETRY_MS,
            message: 'Hay mucha actividad en el servidor. Su voto no se registró todavía; su teléfono lo enviará de nuevo en un momento.',
          }));
          return;
        }
      }
      server.send(msg);
    });
    server.onMessage((msg) => ws.send(msg));
  });
  return net;
}

test('a busy answer: the phone keeps the vote, says so, sends it again by itself with backoff, then shows the receipt', async () => {
  const title = 'Votación con el servidor ocupado';
  const r = await call('POST', `${base}/rounds`, { kind: 'budget', title, max_choices: 2 });
  await call('POST', `${base}/rounds/${r.id}/open`, {});
  const p = await open('phone');
  const net = await routeBusy(p.context, 2);
  const v = p.page;
  await v.goto(people[0].url);
  await v.waitForFunction((t) => document.getElementById('titulo').textContent === t, title);
  await v.locator('#conexion', { hasText: 'Conectado' }).waitFor();

  await v.locator('.opcion', { hasText: RAMPA }).locator('input').check();
  await v.getByRole('button', { name: 'Enviar mi voto' }).click();
  await v.getByRole('button', { name: 'Confirmar y enviar' }).click();

  const note = v.getByRole('status').filter({ hasText: BUSY });
  await note.waitFor({ timeout: 10_000 });
  await v.getByText('Su voto está guardado en este teléfono y se reenviará').waitFor();
  assert.match(await note.textContent(), /se reenviará (en \d+ s|ahora)\./);
  assert.equal(await v.getByText(RECEIPT).count(), 0, 'no receipt without the ack');
  const key = `asamblea.outbox.${CLUES}.${people[0].code.replace('-', '')}`;
  assert.ok(await v.evaluate((k) => localStorage.getItem(k), key), 'the ballot stays in the outbox');
  await checkA11y(v, 'servidor ocupado: su voto se reenviará');
  await checkLayout(v);
  await shot(v, '1-ocupado');

  await v.getByText(RECEIPT).waitFor({ timeout: 30_000 });
  assert.equal(await v.getByText(BUSY).count(), 0, 'the note is gone with the ack');
  assert.equal(await v.evaluate((k) => localStorage.getItem(k), key), null, 'the outbox is empty after the ack');
  assert.equal(net.ballots.length, 3, 'two busy answers, then the one the server stored');
  assert.ok(net.ballots.every((b) => b.ballot_id === net.ballots[0].ballot_id), 'every resend is the same ballot');
  // The phone waits at least what the server asked, then at least twice as long.
  const gap1 = net.ballots[1].sent - net.ballots[0].sent;
  const gap2 = net.ballots[2].sent - net.ballots[1].sent;
  console.log(`# busy: resent after ${gap1} ms and ${gap2} ms`);
  assert.ok(gap1 >= RETRY_MS, `first resend after ${gap1} ms`);
  assert.ok(gap2 >= 2 * RETRY_MS, `second resend after ${gap2} ms`);
  await shot(v, '2-confirmado');

  const listed = (await call('GET', `${base}/rounds`)).items.find((x) => x.id === r.id);
  assert.equal(listed.ballots, 1, 'counted once');
  assertNoProblems(p);
});

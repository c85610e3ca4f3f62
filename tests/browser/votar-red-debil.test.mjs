// The vote's promise on a weak network (issue 16 item 1), against the REAL server, on 360-px phones:
// (a) a stalled link (socket open, nothing comes back): the phone says «Su voto aún no llega al
//     servidor» within a few seconds and never shows a receipt it did not get; when the link comes
//     back the vote is acknowledged, and counted once;
// (b) offline through the moderator's close: back online the phone says «Su voto no llegó a
//     tiempo», drops the ballot and nothing was counted;
// (c) an unacknowledged vote in the last seconds of a countdown gets a warning;
// (d) the moderator's close shows the phones with a vote in flight, waits for them (202, the
//     server's grace), and the ballot arriving in the grace is counted before the round closes.
// axe and layout on each state, screenshots (votar-red-debil-*.png).
// Run: ASAMBLEA_BINARY=build/src/cli/asamblea node --test tests/browser/votar-red-debil.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  apiCaller, apiJson, assertNoProblems, checkA11y, checkLayout, moderatorLogin, pageSet, startAll,
} from './lib/harness.mjs';

const CLUES = 'CSIMB001234';
const base = `/api/c/${CLUES}`;
const RAMPA = 'Rampa de acceso'; // a demo proposal
const RECEIPT = /Su voto quedó registrado\. Comprobante:/;
const SLOW = 'Su voto aún no llega al servidor.';
const TOO_LATE = 'Su voto no llegó a tiempo.';
// A long grace, so that (d) does not depend on this machine's speed (the default is 5 s).
const GRACE_S = 30;

let env;
let token;
const people = [];
const pages = pageSet(() => env, 'votar-red-debil');
const { open, shot } = pages;

const call = apiCaller(() => env, () => token);

before(async () => {
  env = await startAll({ extraArgs: ['--close-grace', String(GRACE_S)] });
  const login = await apiJson(env.url, '/api/auth/login', { method: 'POST', body: { username: 'moderador', password: 'demo-moderador' } });
  assert.equal(login.status, 200);
  token = login.data.token;
  await call('PATCH', `${base}/assembly`, { quorum_min: 1 });
  await call('POST', `${base}/assembly/transition`, { to: 'registro' });
  for (let i = 0; i < 4; i += 1) {
    const r = await call('POST', `${base}/attendees`, {
      nombre: `Persona ${i + 1} Red Débil`, identificador: `RED-${i + 1}`, sexo: i % 2 ? 'hombre' : 'mujer', mayor_de_edad: true,
    });
    people.push(r.credential);
  }
  await call('POST', `${base}/assembly/transition`, { to: 'en_sesion' });
});

after(async () => {
  await pages.closeAll();
  if (env) await env.teardown();
});

/** A round prepared and opened over the API (with a countdown when `seconds`). */
async function openRound(title, seconds) {
  const r = await call('POST', `${base}/rounds`, { kind: 'budget', title, max_choices: 2 });
  await call('POST', `${base}/rounds/${r.id}/open`, seconds ? { duration_seconds: seconds } : {});
  return r.id;
}

async function roundOf(id) {
  return (await call('GET', `${base}/rounds`)).items.find((r) => r.id === id);
}

/**
 * The phone's WebSocket through a controllable link. Playwright's setOffline does not stop
 * WebSockets, so: `offline` refuses new sockets; `mute` swallows everything the server sends (a
 * stalled link: the socket stays open, nothing arrives); `holdUp` keeps the phone's ballots from
 * reaching the server until `release()`. Every hello and ballot the phone sends is recorded.
 */
async function routePhone(context) {
  const net = {
    offline: false, mute: false, holdUp: false, held: [], hellos: [], ballots: [],
    release() {
      net.holdUp = false;
      for (const { server, msg } of net.held.splice(0)) {
        try { server.send(msg); } catch { /* that socket is gone: its resend went through another */ }
      }
    },
  };
  await context.routeWebSocket(/\/ws\/c\//, (ws) => {
    if (net.offline) {
      ws.close({ code: 4000, reason: 'test: offline' }).catch(() => {});
      return;
    }
    const server = ws.connectToServer();
    ws.onMessage((msg) => {
      let j = null;
      try { j = JSON.parse(msg); } catch { /* the server will say so */ }
      if (j && j.type === 'hello') net.hellos.push(j);
      if (j && j.type === 'ballot') {
        net.ballots.push(j);
        if (net.holdUp) {
          net.held.push({ server, msg });
          return;
        }
      }
      server.send(msg);
    });
    server.onMessage((msg) => { if (!net.mute) ws.send(msg); });
  });
  return net;
}

async function phone(person, title) {
  const s = await open('phone');
  const net = await routePhone(s.context);
  await s.page.goto(person.url);
  await s.page.waitForFunction((t) => document.getElementById('titulo').textContent === t, title);
  await s.page.locator('#conexion', { hasText: 'Conectado' }).waitFor();
  return { ...s, net, v: s.page };
}

async function vote(v, label = RAMPA) {
  await v.locator('.opcion', { hasText: label }).locator('input').check();
  await v.getByRole('button', { name: 'Enviar mi voto' }).click();
  await v.getByRole('button', { name: 'Confirmar y enviar' }).click();
}

const outboxOf = (v, person) => v.evaluate((k) => localStorage.getItem(k), `asamblea.outbox.${CLUES}.${person.code.replace('-', '')}`);

test('(a) a stalled link: the phone says the vote has not arrived, never shows a receipt it did not get, and is counted once', async () => {
  const title = 'Votación con la red detenida';
  const id = await openRound(title);
  const p = await phone(people[0], title);
  p.net.mute = true; // the socket stays open; nothing comes back from the server
  const started = Date.now();
  await vote(p.v);
  await p.v.getByText(SLOW).waitFor({ timeout: 15_000 });
  console.log(`# stalled: «${SLOW}» shown after ${Date.now() - started} ms`);
  await p.v.getByText('Seguimos intentando; no cierre esta página.').waitFor();
  assert.equal(await p.v.getByText(RECEIPT).count(), 0, 'no receipt without the ack');
  assert.ok(await outboxOf(p.v, people[0]), 'the ballot still waits in the outbox');
  await checkA11y(p.v, 'red detenida: su voto aún no llega');
  await checkLayout(p.v);
  await shot(p.v, 'a1-aun-no-llega');
  // The server did store it (only the answers were lost).
  assert.equal((await roundOf(id)).ballots, 1);

  p.net.mute = false; // the link comes back
  await p.v.getByText(RECEIPT).waitFor({ timeout: 45_000 });
  console.log(`# stalled: acknowledged ${Date.now() - started} ms after the vote`);
  assert.equal(await p.v.getByText(SLOW).count(), 0, 'the warning is gone with the ack');
  assert.equal(await outboxOf(p.v, people[0]), null, 'the outbox is empty after the ack');
  assert.ok(p.net.ballots.length >= 1);
  assert.ok(p.net.ballots.every((b) => b.ballot_id === p.net.ballots[0].ballot_id), 'every resend is the same ballot');
  await shot(p.v, 'a2-confirmado');

  // Counted once: one ballot in the round, and one receipt in the public list after the close.
  assert.equal((await roundOf(id)).ballots, 1);
  const closed = await call('POST', `${base}/rounds/${id}/close`, undefined, 200);
  assert.equal(closed.status, 'cerrada');
  const listed = await call('GET', `${base}/rounds/${id}/ballots`);
  assert.equal(listed.total, 1);
  const shown = (await p.v.locator('.comprobante').first().textContent()).trim();
  assert.equal(listed.items[0].receipt, shown);
  assertNoProblems(p);
});

test('(b) offline through the close: back online the phone says «Su voto no llegó a tiempo» and nothing was counted', async () => {
  const title = 'Votación que cierra sin señal';
  const id = await openRound(title);
  const p = await phone(people[1], title);
  p.net.offline = true;
  await p.context.setOffline(true);
  await p.v.locator('#conexion', { hasText: 'Sin conexión' }).waitFor();
  await vote(p.v);
  await p.v.getByText('Sin conexión: su voto se enviará al reconectar.').waitFor();
  await p.v.getByText(SLOW).waitFor({ timeout: 15_000 });
  await shot(p.v, 'b1-sin-conexion');

  // Nobody connected has a vote in flight: the close does not wait.
  const closed = await call('POST', `${base}/rounds/${id}/close`, undefined, 200);
  assert.equal(closed.status, 'cerrada');

  p.net.offline = false;
  await p.context.setOffline(false);
  await p.v.getByText(TOO_LATE).waitFor({ timeout: 45_000 });
  await p.v.getByText('La votación se cerró antes de que su voto llegara al servidor, y no se contó.').waitFor();
  assert.equal(await p.v.getByText(RECEIPT).count(), 0);
  assert.equal(await outboxOf(p.v, people[1]), null, 'the late ballot is dropped, never sent into a later round');
  assert.equal(p.net.hellos.at(-1).pending_round_id, id, 'the hello said a vote was still on its way');
  assert.equal((await roundOf(id)).ballots, 0, 'not counted');
  await checkA11y(p.v, 'no llegó a tiempo');
  await checkLayout(p.v);
  await shot(p.v, 'b2-no-llego-a-tiempo');

  // A reload still says so, and the next round does not get the old ballot.
  await p.v.reload();
  await p.v.getByText(TOO_LATE).waitFor();
  const next = await openRound('La votación siguiente');
  await p.v.waitForFunction(() => document.getElementById('titulo').textContent === 'La votación siguiente');
  assert.equal((await roundOf(next)).ballots, 0);
  assert.ok(p.net.ballots.every((b) => b.round_id === id), 'no ballot went to the later round');
  await call('POST', `${base}/rounds/${next}/close`, undefined, 200);
  assertNoProblems(p);
});

test('(c) an unacknowledged vote near the end of the countdown gets a warning', async () => {
  const title = 'Votación con cuenta regresiva';
  const id = await openRound(title, 25);
  const p = await phone(people[2], title);
  p.net.offline = true;
  await p.context.setOffline(true);
  await p.v.locator('#conexion', { hasText: 'Sin conexión' }).waitFor();
  await vote(p.v);
  await p.v.getByText('Sin conexión: su voto se enviará al reconectar.').waitFor();
  await p.v.getByText('La votación está por cerrar y su voto todavía no llega al servidor.').waitFor({ timeout: 30_000 });
  const left = await p.v.locator('#cuenta').textContent();
  console.log(`# countdown warning shown with «${left}»`);
  await checkA11y(p.v, 'por cerrar sin acuse');
  await checkLayout(p.v);
  await shot(p.v, 'c1-por-cerrar');

  // The countdown closes it (nothing connected in flight); back online it was too late.
  for (let i = 0; i < 60 && (await roundOf(id)).status !== 'cerrada'; i += 1) await new Promise((r) => { setTimeout(r, 500); });
  assert.equal((await roundOf(id)).status, 'cerrada');
  p.net.offline = false;
  await p.context.setOffline(false);
  await p.v.getByText(TOO_LATE).waitFor({ timeout: 45_000 });
  assert.equal((await roundOf(id)).ballots, 0);
  assertNoProblems(p);
});

test('(d) the moderator sees the vote in flight, the close waits for it, and it is counted', async () => {
  const title = 'Votación con un voto en camino';
  const id = await openRound(title);
  const mod = await open('desktop');
  const m = mod.page;
  await moderatorLogin(m, CLUES, { tab: 'votaciones' });
  await m.getByRole('tab', { name: /^Votaciones/ }).click();
  await m.locator('#vot-actual').getByRole('heading', { name: title }).waitFor();

  const p = await phone(people[3], title);
  p.net.holdUp = true; // the phone's ballots do not get through; its hellos do
  await vote(p.v);
  await p.v.getByText(SLOW).waitFor({ timeout: 15_000 });
  // After the ack's deadline the phone reconnects; its hello says a vote is on its way.
  await m.locator('#ronda-en-camino', { hasText: '1 teléfono conectado tiene un voto en camino.' }).waitFor({ timeout: 20_000 });
  assert.ok(p.net.hellos.some((h) => h.pending_round_id === id));
  await shot(m, 'd1-moderador-voto-en-camino');

  await m.locator('#ronda-cerrar').click();
  const dialog = m.locator('#dialogo');
  await dialog.locator('#cerrar-en-camino', { hasText: '1 teléfono conectado tiene un voto en camino.' }).waitFor();
  await checkA11y(m, 'cerrar con un voto en camino');
  await shot(m, 'd2-moderador-confirmar');
  await dialog.getByRole('button', { name: 'Cerrar votación' }).click();
  await m.getByText(`Cerrando «${title}»: 1 teléfono conectado tiene un voto en camino.`).waitFor();
  assert.equal((await roundOf(id)).status, 'abierta', 'still open while it waits');
  await shot(m, 'd3-moderador-esperando');

  p.net.release(); // the ballot arrives inside the grace
  await p.v.getByText(RECEIPT).waitFor({ timeout: 30_000 });
  await m.getByText(`Se cerró la votación «${title}».`).waitFor({ timeout: 20_000 });
  const round = await roundOf(id);
  assert.equal(round.status, 'cerrada');
  assert.equal(round.ballots, 1, 'the vote in flight was counted');
  await shot(m, 'd4-moderador-cerrada');
  await shot(p.v, 'd5-telefono-contado');
  assertNoProblems(p);
  assertNoProblems(mod);
});

// Phones get what changed, not everything (issue 19 item 2), against the REAL server with
// `--voter-progress-ms 300`: while a round is open, another person's vote reaches the voter's phone
// as a small `progress` message (no snapshot) and the participation count moves; the page says
// when it is hidden (visibility API, emulated) and gets nothing while hidden; shown again it says
// so and catches up at once. A screenshot of the phone after the catch-up. The projector gets every
// ballot at once, also as a progress message, and its count moves without a snapshot.
// Run: ASAMBLEA_BINARY=build/src/cli/asamblea node tests/browser/votar-progreso.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { apiJson, assertNoProblems, pageSet, startAll } from './lib/harness.mjs';

const CLUES = 'CSIMB001234';
const base = `/api/c/${CLUES}`;
const PEOPLE = ['Ana', 'Beto', 'Carmen'].map((n, i) => (
  { nombre: `${n} Progreso Ruiz`, identificador: `PRO-${4001 + i}`, sexo: i % 2 ? 'hombre' : 'mujer', mayor_de_edad: true }));
const CISTERNA = 'Cisterna y bomba de agua';

let env;
let token;
const codes = [];
const pages = pageSet(() => env, 'votar-progreso');

const api = async (pathname, method = 'GET', body = undefined, expect = 200) => {
  const res = await apiJson(env.url, base + pathname, { method, body, token });
  assert.equal(res.status, expect, `${method} ${pathname}: ${JSON.stringify(res.data)}`);
  return res.data;
};

before(async () => {
  env = await startAll({ extraArgs: ['--voter-progress-ms', '300'] });
  const login = await apiJson(env.url, '/api/auth/login', { method: 'POST', body: { username: 'moderador', password: 'demo-moderador' } });
  assert.equal(login.status, 200);
  token = login.data.token;
  await api('/assembly', 'PATCH', { quorum_min: 3 });
  await api('/assembly/transition', 'POST', { to: 'registro' });
  for (const p of PEOPLE) codes.push((await api('/attendees', 'POST', p, 201)).credential.code);
  await api('/assembly/transition', 'POST', { to: 'en_sesion' });
  const round = await api('/rounds', 'POST', { kind: 'budget', title: 'Presupuesto 2026', max_choices: 1 }, 201);
  await api(`/rounds/${round.id}/open`, 'POST', {});
});

after(async () => {
  await pages.closeAll();
  if (env) await env.teardown();
});

/** A phone page whose WebSocket frames, both ways, are kept as parsed JSON. */
async function phone() {
  const s = await pages.open('phone');
  s.got = [];
  s.said = [];
  s.page.on('websocket', (ws) => {
    ws.on('framereceived', (f) => s.got.push(JSON.parse(f.payload)));
    ws.on('framesent', (f) => s.said.push(JSON.parse(f.payload)));
  });
  return s;
}

/** Another person votes from their own phone and sees the receipt. */
async function voteFrom(code) {
  const s = await phone();
  await s.page.goto(`/c/${CLUES}/votar#${code}`);
  await s.page.getByLabel(CISTERNA).check();
  await s.page.getByRole('button', { name: 'Enviar mi voto' }).click();
  await s.page.getByRole('button', { name: 'Confirmar y enviar' }).click();
  await s.page.getByText('Su voto quedó registrado.').waitFor();
  return s;
}

/** Emulates the browser hiding or showing the page (the visibility API's two fields + event). */
function setHidden(page, hidden) {
  return page.evaluate((h) => {
    Object.defineProperty(document, 'visibilityState', { value: h ? 'hidden' : 'visible', configurable: true });
    Object.defineProperty(document, 'hidden', { value: h, configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  }, hidden);
}

const part = (page) => page.locator('#part');

/** Waits (up to 10 s) for `ok()` to hold, polling; fails naming `what`. */
async function until(ok, what) {
  for (const end = Date.now() + 10_000; !ok();) {
    assert.ok(Date.now() < end, `waited 10 s for ${what}`);
    await new Promise((r) => { setTimeout(r, 50); });
  }
}
const progressWith = (s, n) => s.got.find((m) => m.type === 'progress' && m.ballots === n);

test('the participation count moves by progress messages; nothing while hidden, caught up when shown', async () => {
  const a = await phone();
  await a.page.goto(`/c/${CLUES}/votar#${codes[0]}`);
  await a.page.getByRole('heading', { name: 'Presupuesto 2026' }).waitFor();
  await part(a.page).getByText('0 de 3 han votado.').waitFor();
  const snapshots = () => a.got.filter((m) => m.type === 'snapshot').length;
  const before = snapshots();
  assert.ok(before >= 1, 'the phone got the snapshot at its hello');

  // Beto votes: Ana's count moves by a progress message, not a snapshot.
  const b = await voteFrom(codes[1]);
  await part(a.page).getByText('1 de 3 ha votado.').waitFor();
  assert.ok(progressWith(a, 1), `a progress message with 1 ballot: ${JSON.stringify(a.got)}`);
  assert.equal(snapshots(), before, 'no snapshot for a ballot-only change');

  // Ana's page is hidden: it says so, and gets nothing while Carmen votes.
  await setHidden(a.page, true);
  await until(() => a.said.some((m) => m.type === 'visibility' && m.hidden === true), 'visibility hidden');
  const heard = a.got.length;
  const c = await voteFrom(codes[2]);
  // Beto's phone, visible, got the push with 2 ballots: Ana's would have come with it.
  await until(() => progressWith(b, 2), "Beto's progress with 2 ballots");
  assert.deepEqual(a.got.slice(heard).filter((m) => m.type !== 'pong'), [], 'nothing while hidden');
  assert.equal(await part(a.page).textContent(), '1 de 3 ha votado.');

  // Shown again: it says so and catches up at once, with a progress message (only ballots moved).
  await setHidden(a.page, false);
  await part(a.page).getByText('2 de 3 han votado.').waitFor();
  assert.ok(a.said.some((m) => m.type === 'visibility' && m.hidden === false), JSON.stringify(a.said));
  assert.ok(progressWith(a, 2), JSON.stringify(a.got.slice(heard)));
  assert.equal(snapshots(), before, 'still no snapshot');
  await pages.shot(a.page, 'visible-otra-vez');

  // A state change still reaches the phone as a snapshot at once: the round closes.
  const rounds = await api('/rounds');
  await api(`/rounds/${rounds.items[0].id}/close`, 'POST');
  await a.page.getByText('La votación se cerró.', { exact: false }).first().waitFor();
  assert.ok(snapshots() > before, 'the close came as a snapshot');

  for (const s of [a, b, c]) assertNoProblems(s);
});

test('the projector shows each ballot from a progress message, at once', async () => {
  // The first test closed its round: a second one, opened now.
  const round = await api('/rounds', 'POST', { kind: 'budget', title: 'Presupuesto pantalla', max_choices: 1 }, 201);
  await api(`/rounds/${round.id}/open`, 'POST', {});
  const p = await phone();
  await p.page.setViewportSize({ width: 1920, height: 1080 });
  await p.page.goto(`/c/${CLUES}/pantalla`);
  await p.page.locator('#p-ronda', { hasText: 'Presupuesto pantalla' }).waitFor();
  await p.page.locator('#p-part-num', { hasText: '0 de 3 han votado' }).waitFor();
  const snapshots = () => p.got.filter((m) => m.type === 'snapshot').length;
  const before = snapshots();

  const v = await voteFrom(codes[0]);
  await p.page.locator('#p-part-num', { hasText: '1 de 3 ha votado' }).waitFor();
  assert.ok(progressWith(p, 1), `a progress message with 1 ballot: ${JSON.stringify(p.got)}`);
  assert.equal(snapshots(), before, 'no snapshot for a ballot-only change');
  // The rest of the snapshot still holds: the round and its proposals are on the screen.
  assert.match(await p.page.locator('#p-tipo').textContent(), /Votación abierta/);
  assert.ok(await p.page.locator('#p-opciones li').count() > 0);
  await pages.shot(p.page, 'pantalla-tras-progreso');
  for (const s of [p, v]) assertNoProblems(s);
});

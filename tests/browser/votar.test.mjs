// Voter's phone (/c/{clues}/votar) against a mock of the live-voting contract (lib/live-mock.mjs):
// join by code and by QR, budget vote with the limit counter, confirm, receipt, re-vote, the
// offline outbox, a motion, revealed results, the floor queue; axe, layout, page weight, screenshots.
// Run: ASAMBLEA_BINARY=build/src/cli/asamblea node tests/browser/votar.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import path from 'node:path';
import {
  SCREENSHOT_DIR, apiJson, assertNoProblems, checkA11y, checkLayout, openPage, screenshot, startAll,
} from './lib/harness.mjs';
import { budgetResults, budgetRound, mockLive, motionRound } from './lib/live-mock.mjs';

const CODE = 'K7P4M2Q9';
const ANA = { id: 5, nombre: 'Ana López' };
const CREDENTIALS = { [CODE]: ANA };
// HTML + CSS + JS of the voter's page, uncompressed (UI.md: under 50 KB).
const WEIGHT_LIMIT = 50_000;

let env;
let clinic;

before(async () => {
  env = await startAll();
  const list = await apiJson(env.url, '/api/clinics?per_page=1');
  assert.equal(list.status, 200);
  clinic = list.data.items[0];
});

after(async () => {
  if (env) await env.teardown();
});

async function voter(options = {}) {
  const s = await openPage(env.browser, env.url, 'phone', options.context);
  const room = await mockLive(s.context, { clues: clinic.clues, credentials: CREDENTIALS, ...options.mock });
  return { ...s, room, page: s.page };
}

const votarUrl = () => `/c/${clinic.clues}/votar`;

async function joinByCode(page, typed = 'k7p4 m2q9') {
  await page.getByLabel('Código de su credencial').fill(typed);
  await page.getByRole('button', { name: 'Entrar' }).click();
}

const heading = (page) => page.locator('#titulo');

/** Bytes on the wire for one URL fetched with Accept-Encoding: gzip (body as sent, not inflated). */
function transferredBytes(url) {
  return new Promise((resolve, reject) => {
    http.get(url, { headers: { 'Accept-Encoding': 'gzip' } }, (res) => {
      let n = 0;
      res.on('data', (chunk) => { n += chunk.length; });
      res.on('end', () => resolve(n));
    }).on('error', reject);
  });
}

async function waitHeading(page, text) {
  await page.waitForFunction((t) => document.getElementById('titulo').textContent === t, text);
}

/** Runs `body` with a voter's phone, checks the page logged no problems, and always closes it. */
async function withVoter(options, body) {
  const s = await voter(options);
  try {
    await body(s);
    assertNoProblems(s);
  } finally {
    await s.close();
  }
}

/** The mock's current round becomes `round`; the phone joins by the QR link and shows its title. */
async function joinRound(page, room, round) {
  room.update((snap) => { snap.round = round; });
  await page.goto(`${votarUrl()}#${CODE}`);
  await waitHeading(page, round.title);
}

async function choose(page, ...labels) {
  for (const label of labels) await page.getByText(label).click();
}

async function sendAndConfirm(page) {
  await page.getByRole('button', { name: 'Enviar mi voto' }).click();
  await page.getByRole('button', { name: 'Confirmar y enviar' }).click();
}

const waitConnection = (page, text, options) => page.locator('#conexion', { hasText: text }).waitFor(options);
const waitConfirmedAt = (page) => page.getByText(/Confirmado a las \d{1,2}:\d\d h\./).waitFor();

test('the voter page weighs under 50 KB transferred (HTML + CSS + JS, as the server sends them)', () => withVoter({}, async ({ page }) => {
  const sizes = [];
  page.on('response', async (res) => {
    const type = res.request().resourceType();
    if (['document', 'script', 'stylesheet'].includes(type)) {
      sizes.push({ url: new URL(res.url()).pathname, bytes: (await res.body()).length });
    }
  });
  await page.goto(votarUrl());
  await page.waitForLoadState('networkidle');
  const raw = sizes.reduce((t, x) => t + x.bytes, 0);
  // What a phone downloads: ask the real server for each file as a browser would (gzip).
  let total = 0;
  for (const x of sizes) {
    x.sent = await transferredBytes(new URL(x.url, env.url).href);
    total += x.sent;
  }
  console.log(`voter page weight: ${total} bytes transferred (${raw} uncompressed)\n${sizes.map((x) => `  ${x.sent}\t${x.bytes}\t${x.url}`).join('\n')}`);
  // Under its content-hashed name (/js/votar.3f2a9c1d.js) or the plain one.
  assert.ok(sizes.some((x) => /\/js\/votar(\.[0-9a-f]{8})?\.js$/.test(x.url)), 'votar.js was loaded');
  assert.ok(!sizes.some((x) => /\/js\/common(\.[0-9a-f]{8})?\.js$/.test(x.url)), 'common.js is not needed on this page');
  assert.ok(total < WEIGHT_LIMIT, `voter page is ${total} bytes, limit ${WEIGHT_LIMIT}`);
}));

test('join by code, budget vote with the limit counter, confirm, receipt, change the vote', () => withVoter({}, async ({ page, room }) => {
  await page.goto(votarUrl());
  await waitHeading(page, 'Entrar a la votación');
  await page.locator('#unidad', { hasText: clinic.nombre }).waitFor();
  await checkA11y(page, 'votar: entrar');
  await checkLayout(page);
  await screenshot(page, 'votar-1-entrar-phone');

  // A mistyped code stays in the field, and the message says what is wrong with it: a letter
  // that cannot appear, a missing or extra character, a sign that is not a letter or number.
  const field = page.getByLabel('Código de su credencial');
  await joinByCode(page, 'K7P4-M2Q0');
  await page.locator('#codigo-error', { hasText: 'El código no lleva 0, 1, O ni I, y usted escribió «0».' }).waitFor();
  assert.equal(await field.getAttribute('aria-invalid'), 'true');
  assert.equal(await field.inputValue(), 'K7P4-M2Q0', 'the typed code is kept');
  await joinByCode(page, 'K7P4');
  await page.locator('#codigo-error', { hasText: 'Escribió 4 caracteres, y el código tiene 8 (como K7P4-M2Q9). Revise si falta alguno.' }).waitFor();
  assert.equal(await field.inputValue(), 'K7P4');
  await joinByCode(page, 'K7P4M2Q9X');
  await page.locator('#codigo-error', { hasText: 'Escribió 9 caracteres' }).waitFor();
  assert.equal(await field.inputValue(), 'K7P4-M2Q9X', 'the extra character is kept');
  await field.fill('');
  await field.pressSequentially('k7p4m2q9x');
  assert.equal(await field.inputValue(), 'K7P4-M2Q9X', 'an extra character is not dropped while typing');
  await joinByCode(page, 'K7P4-M2#9');
  await page.locator('#codigo-error', { hasText: 'El código solo tiene letras y números; quite «#».' }).waitFor();
  await checkA11y(page, 'votar: código mal escrito');
  await screenshot(page, 'votar-codigo-mal-escrito-phone');
  await joinByCode(page, '');
  await page.locator('#codigo-error', { hasText: 'Escriba el código de su credencial.' }).waitFor();

  // Typed leniently, shown as XXXX-XXXX.
  const input = page.getByLabel('Código de su credencial');
  await input.fill('');
  await input.pressSequentially('k7p4m2q9');
  assert.equal(await input.inputValue(), 'K7P4-M2Q9');
  await page.getByRole('button', { name: 'Entrar' }).click();

  await waitHeading(page, 'Espere: la votación aún no empieza');
  await page.getByText('Votando como Ana López.').waitFor();
  await page.locator('#voto', { hasText: 'En sesión' }).waitFor();
  const hello = room.messages('hello')[0];
  assert.deepEqual(hello, { type: 'hello', credential: CODE });
  await waitConnection(page, 'Conectado');
  await checkA11y(page, 'votar: espera');
  await screenshot(page, 'votar-2-espera-phone');

  // The moderator opens a budget round: it appears without a reload.
  room.update((snap) => { snap.round = budgetRound(); });
  await waitHeading(page, 'Presupuesto 2026');
  const cards = page.locator('.opcion');
  assert.equal(await cards.count(), 5);
  const first = await cards.first().textContent();
  for (const part of ['Rampa de acceso', 'Obra', '$120,000.00', 'Rampa con barandal']) {
    assert.ok(first.includes(part), `card shows ${part}: ${first}`);
  }
  assert.ok((await cards.nth(2).textContent()).includes('Equipamiento'));
  await page.getByText('Elija hasta 3 opciones.').waitFor();
  const counter = page.locator('#cuantas');
  await page.waitForFunction(() => document.getElementById('cuantas').textContent.startsWith('Ha elegido 0 de 3.'));
  await page.locator('#cuenta', { hasText: /^Cierra en [45]:\d\d\.$/ }).waitFor();
  assert.match(await page.locator('#part').textContent(), /0 de 52 han votado/);

  await choose(page, 'Rampa de acceso', 'Electrocardiógrafo');
  assert.match(await counter.textContent(), /^Ha elegido 2 de 3\. Total: \$218,000\.00\./);
  await choose(page, 'Techumbre del patio');
  assert.match(await counter.textContent(), /^Ha elegido 3 de 3\./);
  // A fourth one is refused, with a word on what to do.
  await choose(page, 'Sillas para la sala de espera');
  assert.match(await counter.textContent(), /Ha elegido 3 de 3\..*quite primero una/);
  assert.equal(await page.getByRole('checkbox', { name: /Sillas/ }).isChecked(), false);
  assert.equal(await page.locator('.opcion.sel').count(), 3);
  await checkA11y(page, 'votar: boleta');
  await checkLayout(page);
  await screenshot(page, 'votar-3-boleta-phone');
  // What the phone shows (a full-page capture draws the sticky bar mid-page)
  await page.evaluate(() => window.scrollTo(0, 400));
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'votar-3b-boleta-viewport-phone.png') });

  await page.getByRole('button', { name: 'Enviar mi voto' }).click();
  await waitHeading(page, 'Revise su voto');
  const review = await page.locator('#voto').textContent();
  for (const t of ['Rampa de acceso', 'Electrocardiógrafo', 'Techumbre del patio', 'Total: $368,000.00']) {
    assert.ok(review.includes(t), `review shows ${t}`);
  }
  assert.equal(await page.evaluate(() => document.activeElement.id), 'titulo', 'focus moves to the new step');
  await screenshot(page, 'votar-4-confirmar-phone');
  await page.getByRole('button', { name: 'Confirmar y enviar' }).click();

  await page.getByText(/Su voto quedó registrado\. Comprobante: [2-9A-Z]{4}-[2-9A-Z]{4}/).waitFor();
  const ballots = room.messages('ballot');
  assert.equal(ballots.length, 1);
  assert.equal(ballots[0].round_id, 7);
  assert.deepEqual(ballots[0].choices, ['12', '18', '24']);
  assert.match(ballots[0].ballot_id, /^[A-Za-z0-9_-]{8,64}$/);
  const receipt1 = room.ballots.get(ballots[0].ballot_id).receipt;
  assert.equal(await page.locator('.comprobante').textContent(), receipt1);
  await waitConfirmedAt(page);
  await page.locator('#part', { hasText: '1 de 52 ha votado' }).waitFor();
  await checkA11y(page, 'votar: recibo');
  await screenshot(page, 'votar-5-recibo-phone');

  // Change the vote: the earlier choices come back checked.
  await page.getByRole('button', { name: 'Cambiar mi voto' }).click();
  await waitHeading(page, 'Presupuesto 2026');
  assert.equal(await page.locator('.opcion.sel').count(), 3);
  await choose(page, 'Techumbre del patio', 'Sillas para la sala de espera');
  await sendAndConfirm(page);
  await page.waitForFunction((r1) => {
    const c = document.querySelector('.comprobante');
    return c && c.textContent !== r1;
  }, receipt1);
  const second = room.messages('ballot')[1];
  assert.deepEqual(second.choices, ['12', '18', '21']);
  assert.notEqual(second.ballot_id, ballots[0].ballot_id);
  assert.equal(room.counted.get(`7:${CODE}`), second.ballot_id, 'the new ballot replaces the first');
  assert.equal(room.snap.round.ballots, 1, 'one voter, one counted ballot');

  // A reload stays joined and shows the receipt (from welcome.my_ballots).
  await page.reload();
  await page.locator('.comprobante', { hasText: room.ballots.get(second.ballot_id).receipt }).waitFor();
  assert.ok(room.messages('hello').at(-1).version >= 40, 'hello carries the last version after a reload');
}));

test('join by the QR link: the code leaves the address bar; Salir forgets it', () => withVoter({}, async ({ page, room }) => {
  await joinRound(page, room, budgetRound());
  assert.equal(new URL(page.url()).hash, '', 'the code is removed from the URL');
  assert.equal(room.messages('hello')[0].credential, CODE);

  await page.getByRole('button', { name: 'Salir' }).click();
  await waitHeading(page, 'Entrar a la votación');
  assert.ok(await page.getByLabel('Código de su credencial').isVisible());
  await page.reload();
  await waitHeading(page, 'Entrar a la votación');
  const saved = await page.evaluate((k) => localStorage.getItem(k), `asamblea.votar.${clinic.clues}`);
  assert.ok(!saved.includes(CODE), 'the code is no longer stored');
}));

test('a code the server refuses brings the form back with the reason', () => withVoter({}, async ({ page }) => {
  await page.goto(votarUrl());
  await joinByCode(page, 'ABCD-EFGH');
  await page.locator('#codigo-error', { hasText: 'No encontramos ninguna credencial con el código «ABCD-EFGH» en esta asamblea. Compare cada carácter con su papel o pida ayuda en la mesa de registro.' }).waitFor();
  await waitHeading(page, 'Entrar a la votación');
  assert.ok(await page.getByLabel('Código de su credencial').isVisible());
  assert.equal(await page.getByLabel('Código de su credencial').inputValue(), 'ABCD-EFGH', 'the refused code stays in the field');
  await checkA11y(page, 'votar: código rechazado');
  await screenshot(page, 'votar-codigo-rechazado-phone');

  // A stored code revoked since: the reload brings the form back, with the server's words only.
  CREDENTIALS.REVK2345 = { id: 9, nombre: 'Pedro Ruiz', revoked: true };
  await page.goto(`${votarUrl()}#REVK2345`);
  await page.locator('#codigo-error', { hasText: /^Esta credencial fue revocada\. Pida una nueva en la mesa de registro\.$/ }).waitFor();
}));

test('offline: the ballot waits in the outbox, survives a reload, and is sent once on reconnect', () => withVoter({}, async ({ page, room }) => {
  await joinRound(page, room, budgetRound());
  await waitConnection(page, 'Conectado');

  room.goDown();
  await waitConnection(page, 'Sin conexión');
  await choose(page, 'Pintura de la sala de espera', 'Sillas para la sala de espera');
  await sendAndConfirm(page);
  await page.getByText('Sin conexión: su voto se enviará al reconectar.').waitFor();
  assert.equal(room.messages('ballot').length, 0);
  const queued = await page.evaluate((k) => JSON.parse(localStorage.getItem(k)), `asamblea.outbox.${clinic.clues}.${CODE}`);
  assert.equal(queued.length, 1);
  assert.deepEqual(queued[0].choices, ['15', '21']);
  await checkA11y(page, 'votar: sin conexión');
  await screenshot(page, 'votar-6-sin-conexion-phone');

  // Still offline after a reload: the ballot is still waiting.
  await page.reload();
  await page.getByText('Sin conexión: su voto se enviará al reconectar.').waitFor();

  room.goUp();
  await page.getByText(/Su voto quedó registrado\. Comprobante:/).waitFor({ timeout: 45_000 });
  const sent = room.messages('ballot');
  assert.equal(sent.length, 1, 'sent exactly once');
  assert.equal(sent[0].ballot_id, queued[0].ballot_id, 'with the same ballot_id');
  await waitConfirmedAt(page);
  const left = await page.evaluate((k) => localStorage.getItem(k), `asamblea.outbox.${clinic.clues}.${CODE}`);
  assert.equal(left, null, 'the outbox is empty after the ack');
  await waitConnection(page, 'Conectado');
  await screenshot(page, 'votar-7-reconectado-phone');

  // Another drop and reconnect: nothing is sent again.
  room.goDown();
  await waitConnection(page, 'Sin conexión');
  room.goUp();
  await waitConnection(page, 'Conectado', { timeout: 45_000 });
  assert.equal(room.messages('ballot').length, 1);
}));

test('an unacknowledged ballot is resent once with the same ballot_id after a drop', () => withVoter({}, async ({ page, room }) => {
  await joinRound(page, room, budgetRound());
  await waitConnection(page, 'Conectado');
  room.holdAcks = true; // received and committed, but the ack is lost with the connection
  await choose(page, 'Rampa de acceso');
  await sendAndConfirm(page);
  await page.getByText('Enviando su voto…').waitFor();
  assert.equal(room.messages('ballot').length, 1);
  room.holdAcks = false;
  room.goDown();
  room.goUp();
  await page.getByText(/Su voto quedó registrado\. Comprobante:/).waitFor({ timeout: 45_000 });
  const sent = room.messages('ballot');
  // The server already had it: welcome.my_ballots carries the same ballot_id, so no resend is needed.
  assert.ok(sent.length <= 2);
  assert.ok(sent.every((b) => b.ballot_id === sent[0].ballot_id), 'same ballot_id');
  await waitConfirmedAt(page);
  assert.equal(room.snap.round.ballots, 1);
}));

test('motion: three big buttons, confirm, receipt; then revealed results', () => withVoter({}, async ({ page, room }) => {
  await joinRound(page, room, motionRound());
  for (const name of ['Sí', 'No', 'Me abstengo']) {
    const button = page.getByRole('button', { name, exact: true });
    await button.waitFor(); // the heading can be drawn a moment before the buttons
    const box = await button.boundingBox();
    assert.ok(box.height >= 64 && box.width >= 300, `${name} is big: ${box.width}x${box.height}`);
  }
  await checkA11y(page, 'votar: moción');
  await checkLayout(page);
  await screenshot(page, 'votar-8-mocion-phone');
  await page.getByRole('button', { name: 'Me abstengo' }).click();
  await waitHeading(page, 'Revise su voto');
  await page.locator('.elegidas', { hasText: 'Me abstengo' }).waitFor();
  await page.getByRole('button', { name: 'Confirmar y enviar' }).click();
  await page.getByText(/Su voto quedó registrado/).waitFor();
  assert.deepEqual(room.messages('ballot')[0].choices, ['abstencion']);

  // Closed, then revealed.
  room.update((snap) => { snap.round.status = 'cerrada'; snap.round.closed_at = new Date().toISOString(); });
  await page.getByText('La votación se cerró. Espere los resultados.').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Cambiar mi voto' }).count(), 0);
  room.update((snap) => {
    snap.round.revealed = true;
    snap.round.ballots = 40;
    snap.round.results = {
      lines: [
        { id: 'si', label: 'Sí', votes: 31, selected: true, explanation: 'Más votos a favor que en contra.' },
        { id: 'no', label: 'No', votes: 6, selected: false, explanation: '' },
        { id: 'abstencion', label: 'Abstención', votes: 3, selected: false, explanation: 'Las abstenciones no cuentan como votos válidos.' },
      ],
      summary: 'Aprobada: 31 a favor, 6 en contra, 3 abstenciones.',
    };
  });
  const res = page.locator('#res');
  await res.getByRole('heading', { name: 'Resultados: ¿Aprueba el informe de la tesorería?' }).waitFor();
  assert.equal(await page.locator('#res-body').getAttribute('aria-live'), 'polite');
  await res.getByText('Aprobada: 31 a favor, 6 en contra, 3 abstenciones.').waitFor();
  const win = res.locator('.res-win');
  assert.equal(await win.count(), 1);
  assert.match(await win.textContent(), /Sí.*31 votos.*Mayoría/);
  await checkA11y(page, 'votar: resultados moción');
  await screenshot(page, 'votar-9-resultados-mocion-phone');

  // A revealed budget round: winners marked with an icon and a word.
  room.update((snap) => {
    snap.round = budgetRound({ id: 9, status: 'cerrada', revealed: true, ballots: 40, results: budgetResults() });
  });
  await res.getByRole('heading', { name: 'Resultados: Presupuesto 2026' }).waitFor();
  assert.equal(await res.locator('.res-win .badge', { hasText: 'Seleccionada' }).count(), 4);
  await page.getByText('No hay un voto suyo registrado en esta votación.').waitFor();
  await checkA11y(page, 'votar: resultados presupuesto');
  await checkLayout(page);
  await screenshot(page, 'votar-10-resultados-presupuesto-phone');
}));

test('election: one seat as a radio list, several seats as checkboxes up to the seats', () => withVoter({}, async ({ page, room }) => {
  const people = [{ id: 'c1', label: 'María Hernández' }, { id: 'c2', label: 'José Martínez' }, { id: 'c3', label: 'Lucía Torres' }];
  await joinRound(page, room, budgetRound({ id: 11, kind: 'election', title: 'Presidencia del COSABI', max_choices: 0, seats: 1, options: people }));
  await page.getByText('Elija una opción.').waitFor();
  assert.equal(await page.getByRole('radio').count(), 3);
  await choose(page, 'José Martínez', 'Lucía Torres');
  assert.match(await page.locator('#cuantas').textContent(), /^Ha elegido 1 de 1\./);
  await checkA11y(page, 'votar: elección');
  await screenshot(page, 'votar-13-eleccion-phone');
  await page.getByRole('button', { name: 'Enviar mi voto' }).click();
  await page.locator('.elegidas', { hasText: 'Lucía Torres' }).waitFor();
  await page.getByRole('button', { name: 'Confirmar y enviar' }).click();
  await page.getByText(/Su voto quedó registrado/).waitFor();
  assert.deepEqual(room.messages('ballot')[0].choices, ['c3']);

  // Vocalías: two seats, checkboxes, at most two.
  room.update((snap) => {
    snap.round = budgetRound({
      id: 12, kind: 'election', title: 'Vocalías', max_choices: 0, seats: 2, options: people,
    });
  });
  await waitHeading(page, 'Vocalías');
  await page.getByText('Elija hasta 2 opciones.').waitFor();
  assert.equal(await page.getByRole('checkbox').count(), 3);
  await choose(page, ...people.map((p) => p.label));
  assert.match(await page.locator('#cuantas').textContent(), /Ha elegido 2 de 2\..*quite primero una/);
}));

test('ask for the floor and withdraw, with the place in the queue', () => withVoter({}, async ({ page, room }) => {
  room.update((snap) => {
    snap.floor.current = { id: 90, attendee_id: 1, nombre: 'Rosa Pérez', started_at: new Date().toISOString() };
    snap.floor.waiting = [
      { id: 91, attendee_id: 2, nombre: 'Luis Gómez', requested_at: new Date().toISOString() },
      { id: 92, attendee_id: 3, nombre: 'Marta Ruiz', requested_at: new Date().toISOString() },
    ];
  });
  await page.goto(`${votarUrl()}#${CODE}`);
  const txt = page.locator('#palabra-txt');
  await txt.getByText('2 personas esperan turno.').waitFor();
  await page.getByRole('button', { name: 'Pedir la palabra' }).click();
  await txt.getByText('Usted está en la fila: lugar 3 de 3.').waitFor();
  assert.deepEqual(room.floorCalls[0], { method: 'POST', auth: `Credential ${CODE}` });
  await checkA11y(page, 'votar: palabra');
  await screenshot(page, 'votar-11-palabra-phone');

  room.update((snap) => { snap.floor.waiting.shift(); });
  await txt.getByText('Usted está en la fila: lugar 2 de 2.').waitFor();
  await page.getByRole('button', { name: 'Retirar mi turno' }).click();
  await page.getByRole('button', { name: 'Pedir la palabra' }).waitFor();
  await txt.getByText('1 persona espera turno.').waitFor();
  assert.equal(room.floorCalls[1].method, 'DELETE');

  // The moderator gives the floor: the page says so.
  await page.getByRole('button', { name: 'Pedir la palabra' }).click();
  room.update((snap) => {
    snap.floor.current = { id: 93, attendee_id: ANA.id, nombre: ANA.nombre, started_at: new Date().toISOString() };
    snap.floor.waiting = snap.floor.waiting.filter((w) => w.attendee_id !== ANA.id);
  });
  await txt.getByText('Usted tiene la palabra.').waitFor();
}));

test('a ballot refused by the server is explained, and the voter can try again', () => withVoter({}, async ({ page, room }) => {
  await joinRound(page, room, budgetRound());
  await choose(page, 'Rampa de acceso');
  // The round closes on the server before the phone hears about it.
  room.snap.round.status = 'cerrada';
  await sendAndConfirm(page);
  await page.getByText('La votación ya está cerrada.').waitFor();
  await page.getByText('Si ya había votado antes, ese voto sigue contando.').waitFor();
  await checkA11y(page, 'votar: error');
  await screenshot(page, 'votar-12-error-phone');
}));

test('a ballot past the per-person cap is explained, and the counted vote stays on screen', () => withVoter({ mock: { maxBallots: 1 } }, async ({ page, room }) => {
  await joinRound(page, room, budgetRound());
  await choose(page, 'Rampa de acceso');
  await sendAndConfirm(page);
  await page.getByText(/Su voto quedó registrado\. Comprobante: [2-9A-Z]{4}-[2-9A-Z]{4}/).waitFor();
  const receipt = await page.locator('.comprobante').textContent();
  await page.getByRole('button', { name: 'Cambiar mi voto' }).click();
  await choose(page, 'Techumbre del patio');
  await sendAndConfirm(page);
  await page.getByText(/Ya envió el máximo de votos por persona en esta votación \(1\)/).waitFor();
  await page.getByText('Abajo está su comprobante.', { exact: false }).waitFor();
  assert.equal(await page.locator('.comprobante').textContent(), receipt, 'the counted vote is shown');
  assert.equal(await page.getByRole('button', { name: 'Cambiar mi voto' }).count(), 0, 'no re-vote to be refused again');
  assert.equal(room.messages('ballot').length, 2);
  await checkA11y(page, 'votar: tope de votos');
  await screenshot(page, 'votar-12b-tope-phone');
}));

test('reflow: the ballot fits 320 px (200% zoom on a 640 px screen)', () => withVoter({ context: { viewport: { width: 320, height: 640 } } }, async ({ page, room }) => {
  await joinRound(page, room, budgetRound({ cost_cap_centavos: 30000000 }));
  await page.getByText('El total no puede pasar de $300,000.00.').waitFor();
  await choose(page, 'Rampa de acceso', 'Techumbre del patio', 'Electrocardiógrafo');
  assert.match(await page.locator('#cuantas').textContent(), /pasaría de \$300,000\.00/);
  await checkLayout(page);
}));

test('the phone takes its words and formats from words.js, like every page: no second copy', () => withVoter({}, async ({ page }) => {
  await page.goto(votarUrl());
  const out = await page.evaluate(async () => {
    const view = await import('/js/live-view.js');
    const words = await import('/js/words.js');
    return { copies: Object.keys(words).filter((name) => name in view), pesos: words.fmtPesos(123456789) };
  });
  assert.deepEqual(out.copies, []);
  assert.equal(out.pesos, '$1,234,567.89');
}));

// End to end against the REAL server (issue 4): one moderator tablet, three phones and the
// projector, each in its own browser context, run a full budget vote to revealed results.
//
// 1. The moderator logs in, opens registration, checks in three people (the codes are read from
//    the screen), starts the session, prepares a budget round (at most 3 choices) and opens it.
// 2. The projector shows attendance 3 and "0 de 3 han votado".
// 3. Phone 1 types its code, phone 2 opens the QR link (votar#CODE), phone 3 types its code in
//    lower case with a dash. Phone 2 loses the network before sending: its ballot waits and is
//    sent exactly once on reconnect. Phone 3 changes its vote once.
// 4. The projector follows participation live up to "3 de 3".
// 5. The moderator closes and reveals; projector, phones and tablet show the same winners, which
//    are the ones the greedy rule gives for these ballots and the demo costs; the public list of
//    ballots has 3 receipts, with phone 3's latest receipt and not its first.
// axe on every page at the key moments, layout checks, screenshots (votacion-completa-*.png).
// Run: ASAMBLEA_BINARY=build/src/cli/asamblea node --test tests/browser/votacion-completa.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  SCREENSHOT_DIR, apiJson, assertNoProblems, checkA11y, checkLayout, moderatorLogin, pageSet, screenshot, startAll,
} from './lib/harness.mjs';

const CLUES = 'CSIMB001234';
const PROJECTOR = { viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 1 };
const TITLE = 'Presupuesto 2026';
const RECEIPT = /^[0-9A-Z]{4}-[0-9A-Z]{4}$/;

// The demo's accepted proposals (cmd_seed_demo.cpp) this test votes for.
const CISTERNA = 'Cisterna y bomba de agua'; //        $150,000.00
const RAMPA = 'Rampa de acceso'; //                     $120,000.00
const IMPERMEABILIZAR = 'Impermeabilizar el techo'; // $85,000.00
const REFRIGERADOR = 'Refrigerador para vacunas'; //    $65,000.00
const BANCAS = 'Bancas para la sala de espera'; //      $30,000.00
const PINTURA = 'Pintura y señalización'; //            $40,000.00
const BAUMANOMETROS = 'Baumanómetros y glucómetros'; // $25,000.00

const PEOPLE = [
  { nombre: 'María López Hernández', identificador: 'E2E-2001', sexo: 'Mujer' },
  { nombre: 'Juan Pérez Gómez', identificador: 'E2E-2002', sexo: 'Hombre' },
  { nombre: 'Rosa Díaz Ruiz', identificador: 'E2E-2003', sexo: 'Mujer' },
];
// What each phone finally votes (phone 3 first votes BANCAS + PINTURA, then changes to this).
const CHOICES = [
  [CISTERNA, RAMPA, IMPERMEABILIZAR],
  [CISTERNA, RAMPA, REFRIGERADOR],
  [CISTERNA, REFRIGERADOR, BAUMANOMETROS],
];
const FIRST_CHOICE_3 = [BANCAS, PINTURA];

let env;
const pages = pageSet(() => env, 'votacion-completa');
const { open, shot } = pages;

before(async () => {
  // Phones get the count now and then (every 15-30 s by default); 1 s here, so that the step
  // «3 de 3 everywhere» need not wait half a minute for it.
  env = await startAll({ extraArgs: ['--voter-progress-ms', '1000'] });
  const probe = await apiJson(env.url, `/api/c/${CLUES}/assembly`);
  assert.equal(probe.status, 200, `the seeded demo assembly: ${JSON.stringify(probe.data)}`);
  assert.equal(probe.data.state, 'convocada');
  // Three people make the quorum here, so the round opens without a confirmation and its result
  // is valid (votacion-sin-quorum.test.mjs covers the other case).
  const login = await apiJson(env.url, '/api/auth/login', { method: 'POST', body: { username: 'moderador', password: 'demo-moderador' } });
  assert.equal(login.status, 200);
  const quorum = await apiJson(env.url, `/api/c/${CLUES}/assembly`, { method: 'PATCH', body: { quorum_min: 3 }, token: login.data.token });
  assert.equal(quorum.status, 200, JSON.stringify(quorum.data));
});

after(async () => {
  await pages.closeAll();
  if (env) await env.teardown();
});



/** What the phone's screen shows (its sticky bar included), with `locator` at the top. */
async function phoneView(page, name, locator) {
  await locator.evaluate((n) => n.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `votacion-completa-${name}.png`), animations: 'disabled' });
}

/** The projector cannot scroll: everything must fit its screen. */
async function fitsScreen(page, label) {
  const { scroll, inner } = await page.evaluate(() => ({ scroll: document.documentElement.scrollHeight, inner: innerHeight }));
  assert.ok(scroll <= inner + 1, `projector ${label}: page is ${scroll}px tall on a ${inner}px screen`);
}

const numericId = (a, b) => {
  const x = Number(a);
  const y = Number(b);
  return Number.isFinite(x) && Number.isFinite(y) ? x - y : String(a).localeCompare(String(b));
};

/**
 * The greedy rule of docs/api.md and src/domain/tally: most approvals first (ties: lower cost,
 * then smaller id), each one funded when it fits in what is left of the budget.
 */
function expectedGreedy(round, ballots) {
  const votes = new Map(round.options.map((o) => [String(o.id), 0]));
  for (const choices of ballots) for (const id of choices) votes.set(id, votes.get(id) + 1);
  const order = round.options.filter((o) => votes.get(String(o.id)) > 0).sort((a, b) => (
    votes.get(String(b.id)) - votes.get(String(a.id)) || a.cost_centavos - b.cost_centavos || numericId(a.id, b.id)));
  let left = round.budget_centavos;
  const winners = [];
  for (const o of order) {
    if (o.cost_centavos <= left) {
      left -= o.cost_centavos;
      winners.push(o.label);
    }
  }
  return { winners: winners.sort(), votes, spent: round.budget_centavos - left };
}

// ---------- Moderator ----------

async function openTab(page, name) {
  await page.getByRole('tab', { name: new RegExp(`^${name}`) }).click();
  await page.locator(`#panel-${name.toLowerCase()}`).waitFor({ state: 'visible' });
}

/** Checks a person in on the Registro tab; returns the code on screen and the server's QR link. */
async function checkIn(page, person) {
  const form = page.locator('#form-registro');
  await form.getByLabel('Nombre completo').fill(person.nombre);
  await form.getByLabel('Identificador').fill(person.identificador);
  await form.getByLabel(person.sexo, { exact: true }).check();
  await form.getByLabel('Confirmo que es mayor de edad').check();
  const answer = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === `/api/c/${CLUES}/attendees`);
  await form.getByRole('button', { name: 'Registrar' }).click();
  const res = await answer;
  assert.equal(res.status(), 201);
  const { credential } = await res.json();
  await page.locator('#reg-estado').getByText(`Quedó registrada: ${person.nombre}.`).waitFor();
  await page.locator('.cred-name').getByText(person.nombre).waitFor();
  const shown = (await page.locator('#cred-codigo').textContent()).trim();
  assert.match(shown, /^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/, `a readable code on screen: ${shown}`);
  assert.equal(shown.replace('-', ''), credential.code, 'the screen shows the code the server issued');
  assert.ok(await page.locator('#cred-qr').evaluate((img) => img.complete && img.naturalWidth > 0), 'the QR is drawn');
  assert.equal(credential.url, `/c/${CLUES}/votar#${credential.code}`, 'the QR link');
  return { shown, url: credential.url };
}

// ---------- Phones ----------

async function waitHeading(page, text) {
  await page.waitForFunction((t) => document.getElementById('titulo').textContent === t, text);
}

async function typeCode(page, typed) {
  const input = page.getByLabel('Código de su credencial');
  await input.pressSequentially(typed);
  return input.inputValue();
}

async function choose(page, labels) {
  for (const label of labels) await page.locator('.opcion label', { hasText: label }).click();
  await page.waitForFunction((n) => document.querySelectorAll('.opcion.sel').length === n, labels.length);
  const picked = await page.locator('.opcion.sel .op-title').allTextContents();
  assert.deepEqual([...picked].sort(), [...labels].sort());
}

async function sendAndConfirm(page, labels) {
  await page.getByRole('button', { name: 'Enviar mi voto' }).click();
  await waitHeading(page, 'Revise su voto');
  const review = await page.locator('.elegidas').textContent();
  for (const l of labels) assert.ok(review.includes(l), `the review lists ${l}`);
  await page.getByRole('button', { name: 'Confirmar y enviar' }).click();
}

/** Waits for the receipt (different from `not`, when given) and returns it. */
async function receiptOf(page, not = null, timeout = 10_000) {
  await page.waitForFunction((old) => {
    const c = document.querySelector('.comprobante');
    return c && c.textContent && c.textContent !== old;
  }, not, { timeout });
  await page.getByText(/Su voto quedó registrado\. Comprobante:/).waitFor();
  const receipt = (await page.locator('.comprobante').textContent()).trim();
  assert.match(receipt, RECEIPT);
  return receipt;
}

test('a full budget vote: tablet, three phones and the projector, to revealed results', async () => {
  const started = Date.now();
  const mod = await open('desktop');
  const m = mod.page;

  // ---------- 1. The moderator: registration, three check-ins, session, a budget round ----------
  await moderatorLogin(m, CLUES);
  const bar = m.locator('.mod-bar');
  await bar.getByText('Convocada').waitFor();
  await m.locator('#conexion').getByText('En vivo', { exact: true }).waitFor();

  await m.getByRole('button', { name: 'Abrir el registro' }).click();
  const dialog = m.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Abrir el registro' }).click();
  await bar.getByText('Registro abierto').waitFor();

  const creds = [];
  for (const [i, person] of PEOPLE.entries()) {
    creds.push(await checkIn(m, person));
    await m.locator('#asistencia').getByText(`${i + 1} ${i ? 'asistentes' : 'asistente'}`).waitFor();
  }
  assert.equal(new Set(creds.map((c) => c.shown)).size, 3, 'three different codes');
  await m.waitForFunction(() => document.querySelectorAll('#lista > li').length === 3);
  await checkA11y(m, 'moderador: registro con credencial');
  await checkLayout(m, { minFontPx: 16 });
  await shot(m, '1-moderador-registro');

  await openTab(m, 'Cierre');
  await m.locator('#panel-cierre').getByRole('button', { name: 'Iniciar la sesión', exact: true }).click();
  await dialog.getByRole('button', { name: 'Iniciar la sesión' }).click();
  await bar.getByText('En sesión').waitFor();

  await openTab(m, 'Votaciones');
  const form = m.locator('#form-ronda');
  await form.getByLabel('Título').fill(TITLE);
  await form.getByLabel('Máximo de propuestas por persona').fill('3');
  await form.getByRole('button', { name: 'Preparar votación' }).click();
  await m.locator('#ronda-form-estado').getByText(`Votación preparada: «${TITLE}».`).waitFor();
  const current = m.locator('#vot-actual');
  await current.getByRole('heading', { name: TITLE }).waitFor();
  assert.match(await current.textContent(), /Máximo por persona3 propuestas/);
  assert.match(await current.textContent(), /Opciones8/, 'the 8 accepted demo proposals');
  await current.getByRole('button', { name: 'Abrir votación' }).click();
  await m.locator('#vot-estado').getByText(`Se abrió la votación «${TITLE}».`).waitFor();
  await current.locator('#participacion').getByText('0 de 3').waitFor();

  const listed = await apiJson(env.url, `/api/c/${CLUES}/rounds`);
  assert.equal(listed.status, 200);
  const round = listed.data.items.find((r) => r.title === TITLE);
  assert.ok(round, 'the round is listed');
  assert.equal(round.status, 'abierta');
  assert.equal(round.kind, 'budget');
  assert.equal(round.max_choices, 3);
  assert.equal(round.budget_centavos, 40_000_000, '$400,000.00');
  assert.equal(round.options.length, 8);
  const idOf = new Map(round.options.map((o) => [o.label, String(o.id)]));
  for (const l of [...CHOICES.flat(), ...FIRST_CHOICE_3]) assert.ok(idOf.has(l), `option ${l} is in the round`);
  await checkA11y(m, 'moderador: votación abierta');
  await shot(m, '2-moderador-abierta');

  // ---------- 2. The projector ----------
  const proj = await open('desktop', PROJECTOR);
  const p = proj.page;
  await p.goto(`/c/${CLUES}/pantalla`);
  await p.locator('#p-ronda', { hasText: TITLE }).waitFor();
  await p.locator('#p-asistentes', { hasText: /^3$/ }).waitFor();
  await p.locator('#p-part-num', { hasText: /^0 de 3 han votado$/ }).waitFor();
  await p.locator('#p-estado', { hasText: 'En sesión' }).waitFor();
  assert.match(await p.locator('#p-tipo').textContent(), /Presupuesto.*Votación abierta/);
  assert.equal(await p.locator('#p-opciones li').count(), 8);
  await p.locator('#p-qr').waitFor({ state: 'visible' }); // the server's join QR
  await checkA11y(p, 'pantalla: votación abierta');
  await checkLayout(p, { minFontPx: 24 });
  await fitsScreen(p, 'abierta');
  await shot(p, '3-pantalla-abierta');
  const part = (text) => p.locator('#p-part-num', { hasText: new RegExp(`^${text}$`) }).waitFor();

  // ---------- 3. Phone 1 types its code ----------
  const phone1 = await open('phone');
  const v1 = phone1.page;
  await v1.goto(`/c/${CLUES}/votar`);
  await waitHeading(v1, 'Entrar a la votación');
  await checkA11y(v1, 'teléfono 1: entrar');
  assert.equal(await typeCode(v1, creds[0].shown.replace('-', '')), creds[0].shown, 'shown as XXXX-XXXX while typing');
  await v1.getByRole('button', { name: 'Entrar' }).click();
  await waitHeading(v1, TITLE);
  await v1.getByText(`Votando como ${PEOPLE[0].nombre}.`).waitFor();
  await v1.locator('#conexion', { hasText: 'Conectado' }).waitFor();
  await v1.getByText('Elija hasta 3 opciones.').waitFor();
  assert.equal(await v1.locator('.opcion').count(), 8);
  await choose(v1, CHOICES[0]);
  assert.match(await v1.locator('#cuantas').textContent(), /^Ha elegido 3 de 3\. Total: \$355,000\.00\./);
  // A fourth is refused with a word on what to do.
  await v1.locator('.opcion label', { hasText: BANCAS }).click();
  assert.match(await v1.locator('#cuantas').textContent(), /quite primero una/);
  assert.equal(await v1.locator('.opcion.sel').count(), 3);
  await checkA11y(v1, 'teléfono 1: boleta');
  await checkLayout(v1);
  await shot(v1, '4-telefono1-boleta');
  await phoneView(v1, '4b-telefono1-boleta-pantalla', v1.locator('.opcion').nth(3));
  await sendAndConfirm(v1, CHOICES[0]);
  const receipt1 = await receiptOf(v1);
  await v1.locator('#part', { hasText: '1 de 3 ha votado' }).waitFor();
  await part('1 de 3 ha votado');

  // ---------- Phone 2 opens the QR link, then loses the network before sending ----------
  const phone2 = await open('phone');
  const v2 = phone2.page;
  // Playwright's setOffline does not stop WebSockets: route them, refuse new ones while offline,
  // and record every ballot frame that reaches the server.
  const net = { offline: false, ballots: [] };
  await phone2.context.routeWebSocket(/\/ws\/c\//, (ws) => {
    if (net.offline) {
      ws.close({ code: 4000, reason: 'test: offline' }).catch(() => {});
      return;
    }
    const server = ws.connectToServer();
    ws.onMessage((msg) => {
      try {
        const j = JSON.parse(msg);
        if (j.type === 'ballot') net.ballots.push(j);
      } catch { /* not JSON: the server will say so */ }
      server.send(msg);
    });
    server.onMessage((msg) => ws.send(msg));
  });
  await v2.goto(creds[1].url);
  await waitHeading(v2, TITLE);
  assert.equal(new URL(v2.url()).hash, '', 'the code leaves the address bar');
  await v2.getByText(`Votando como ${PEOPLE[1].nombre}.`).waitFor();
  await v2.locator('#conexion', { hasText: 'Conectado' }).waitFor();
  await choose(v2, CHOICES[1]);

  net.offline = true;
  await phone2.context.setOffline(true);
  await v2.locator('#conexion', { hasText: 'Sin conexión' }).waitFor();
  await sendAndConfirm(v2, CHOICES[1]);
  await v2.getByText('Sin conexión: su voto se enviará al reconectar.').waitFor();
  const queued = await v2.evaluate((k) => JSON.parse(localStorage.getItem(k)), `asamblea.outbox.${CLUES}.${creds[1].shown.replace('-', '')}`);
  assert.equal(queued.length, 1, 'one ballot waits in the outbox');
  assert.deepEqual([...queued[0].choices].sort(), CHOICES[1].map((l) => idOf.get(l)).sort());
  assert.equal(net.ballots.length, 0, 'nothing reached the server while offline');
  await checkA11y(v2, 'teléfono 2: sin conexión');
  await shot(v2, '5-telefono2-sin-conexion');
  // The server still counts one ballot.
  assert.equal(await p.locator('#p-part-num').textContent(), '1 de 3 ha votado');

  net.offline = false;
  await phone2.context.setOffline(false);
  // Back online: the 'online' event reconnects at once, unless a retry was already under way
  // (then its backoff, a few seconds at most).
  const receipt2 = await receiptOf(v2, null, 30_000);
  await v2.locator('#conexion', { hasText: 'Conectado' }).waitFor();
  assert.equal(net.ballots.length, 1, `sent exactly once on reconnect (${net.ballots.length})`);
  assert.equal(net.ballots[0].ballot_id, queued[0].ballot_id, 'with the ballot_id it was queued with');
  assert.equal(await v2.evaluate((k) => localStorage.getItem(k), `asamblea.outbox.${CLUES}.${creds[1].shown.replace('-', '')}`), null,
    'the outbox is empty after the ack');
  await part('2 de 3 han votado');
  await shot(v2, '6-telefono2-reconectado');

  // ---------- Phone 3 types its code in lower case with a dash, votes, then changes its vote ----------
  const phone3 = await open('phone');
  const v3 = phone3.page;
  await v3.goto(`/c/${CLUES}/votar`);
  await waitHeading(v3, 'Entrar a la votación');
  assert.equal(await typeCode(v3, creds[2].shown.toLowerCase()), creds[2].shown);
  await v3.getByRole('button', { name: 'Entrar' }).click();
  await waitHeading(v3, TITLE);
  await v3.getByText(`Votando como ${PEOPLE[2].nombre}.`).waitFor();
  await choose(v3, FIRST_CHOICE_3);
  await sendAndConfirm(v3, FIRST_CHOICE_3);
  const receipt3a = await receiptOf(v3);
  await part('3 de 3 han votado');
  await checkA11y(v3, 'teléfono 3: comprobante');
  await shot(v3, '7-telefono3-comprobante');

  await v3.getByRole('button', { name: 'Cambiar mi voto' }).click();
  await waitHeading(v3, TITLE);
  assert.equal(await v3.locator('.opcion.sel').count(), 2, 'the earlier choices come back checked');
  for (const l of FIRST_CHOICE_3) await v3.locator('.opcion label', { hasText: l }).click(); // unchoose
  await choose(v3, CHOICES[2]);
  await sendAndConfirm(v3, CHOICES[2]);
  const receipt3b = await receiptOf(v3, receipt3a);
  assert.notEqual(receipt3b, receipt3a, 'a new receipt for the new vote');

  // ---------- 4. Participation: 3 de 3 everywhere, still 3 after the change ----------
  await part('3 de 3 han votado');
  assert.equal(parseFloat(await p.locator('#p-part .bar > span').evaluate((n) => n.style.width)), 100);
  await current.locator('#participacion').getByText('3 de 3').waitFor();
  await checkA11y(p, 'pantalla: 3 de 3');
  await fitsScreen(p, '3 de 3');
  await shot(p, '8-pantalla-3-de-3');
  for (const v of [v1, v2, v3]) await v.locator('#part', { hasText: '3 de 3 han votado' }).waitFor();

  // The list of ballots is published only once the round is closed.
  const early = await apiJson(env.url, `/api/c/${CLUES}/rounds/${round.id}/ballots`);
  assert.equal(early.status, 409, `ballots while open: ${JSON.stringify(early.data)}`);

  // ---------- 5. Close, reveal, and the same winners everywhere ----------
  await current.getByRole('button', { name: 'Cerrar votación' }).click();
  await dialog.getByText('Han votado 3 de 3 personas.').waitFor();
  await dialog.getByRole('button', { name: 'Cerrar votación' }).click();
  await m.locator('#vot-estado').getByText(`Se cerró la votación «${TITLE}».`).waitFor();
  await p.locator('#p-aviso', { hasText: 'Los resultados se mostrarán en un momento.' }).waitFor();
  for (const v of [v1, v2, v3]) {
    await v.getByText('La votación se cerró. Espere los resultados.').waitFor();
    assert.equal(await v.getByRole('button', { name: 'Cambiar mi voto' }).count(), 0, 'no changing after close');
  }
  await checkA11y(v2, 'teléfono 2: cerrada');

  await current.getByRole('button', { name: 'Mostrar resultados' }).click();
  await m.locator('#vot-estado').getByText(`Resultados de «${TITLE}» publicados.`).waitFor();

  const expected = expectedGreedy(round, CHOICES.map((ls) => ls.map((l) => idOf.get(l))));
  // The ballots were chosen so that the greedy rule has something to do: a tie on 2 votes broken
  // by cost, and a 1-vote proposal that no longer fits.
  assert.deepEqual(expected.winners, [BAUMANOMETROS, CISTERNA, RAMPA, REFRIGERADOR].sort());
  assert.equal(expected.spent, 36_000_000);

  const revealed = (await apiJson(env.url, `/api/c/${CLUES}/rounds`)).data.items.find((r) => r.id === round.id);
  assert.equal(revealed.status, 'cerrada');
  assert.equal(revealed.revealed, true);
  assert.equal(revealed.ballots, 3);
  const lines = revealed.results.lines;
  assert.deepEqual(lines.filter((l) => l.selected).map((l) => l.label).sort(), expected.winners, 'the server agrees');
  for (const l of lines) assert.equal(l.votes, expected.votes.get(String(l.id)), `votes for ${l.label}`);
  assert.match(revealed.results.summary, /\$360,000\.00 de \$400,000\.00/);

  // The projector: bars, the winners marked with an icon and a word, the explanations.
  await p.locator('#p-res h3', { hasText: /^Resultados$/ }).waitFor();
  const projWinners = await p.locator('#p-res .res-win .res-head > span:first-child').allTextContents();
  assert.deepEqual(projWinners.sort(), expected.winners, 'projector winners');
  for (const w of await p.locator('#p-res .res-win').all()) {
    assert.match(await w.textContent(), /Seleccionada/);
    assert.equal(await w.locator('.badge .icon-ok').count(), 1);
  }
  const projLines = p.locator('#p-res .res');
  assert.equal(await projLines.count(), lines.length);
  // Winners first, then by votes, so the room reads the outcome from the top.
  const shown = [...lines].sort((a, b) => (b.selected - a.selected) || (b.votes - a.votes));
  for (const [i, l] of shown.entries()) {
    const row = projLines.nth(i);
    assert.equal(await row.locator('.res-head > span:first-child').textContent(), l.label);
    assert.match(await row.locator('.res-head').textContent(), new RegExp(`${l.votes} votos?$`));
    const why = await row.locator('.res-why').textContent();
    const plainCount = `${l.votes} ${l.votes === 1 ? 'voto' : 'votos'}`;
    // The badge says "Seleccionada"; the explanation beside it drops that repeated first word.
    const explained = l.selected ? l.explanation.replace(/^Seleccionada:\s*/, '') : l.explanation;
    if (l.explanation && l.explanation !== plainCount) assert.ok(why.includes(explained), `explanation of ${l.label}: ${why}`);
    const width = parseFloat(await row.locator('.bar > span').evaluate((n) => n.style.width));
    assert.ok(Math.abs(width - (100 * l.votes) / 3) < 0.1, `${l.label}: bar ${width}% for ${l.votes} of 3`);
  }
  await p.getByText(revealed.results.summary).waitFor();
  await checkA11y(p, 'pantalla: resultados');
  await checkLayout(p, { minFontPx: 24 });
  await fitsScreen(p, 'resultados');
  await shot(p, '9-pantalla-resultados');

  // The phones.
  for (const [i, v] of [v1, v2, v3].entries()) {
    await v.locator('#res').getByRole('heading', { name: `Resultados: ${TITLE}` }).waitFor();
    const won = await v.locator('#res .res-win .res-head > span:first-child').allTextContents();
    assert.deepEqual(won.sort(), expected.winners, `phone ${i + 1} winners`);
    await v.locator('#res-body').getByText(revealed.results.summary).waitFor();
    assert.equal(await v.locator('.comprobante').textContent(), [receipt1, receipt2, receipt3b][i], `phone ${i + 1} keeps its receipt`);
    await checkA11y(v, `teléfono ${i + 1}: resultados`);
    await checkLayout(v);
    await shot(v, `10-telefono${i + 1}-resultados`);
    if (i === 0) await phoneView(v, '10b-telefono1-resultados-pantalla', v.locator('#res'));
  }

  // The moderator.
  await current.getByRole('heading', { name: 'Resultados', exact: true }).waitFor();
  const modWinners = await current.locator('tbody tr.row-selected th').allTextContents();
  assert.deepEqual(modWinners.sort(), expected.winners, 'moderator winners');
  assert.equal(await current.locator('tbody tr').count(), lines.length);
  assert.match(await current.textContent(), /Resultados publicados/);
  await checkA11y(m, 'moderador: resultados');
  await checkLayout(m, { minFontPx: 16 });
  await shot(m, '11-moderador-resultados');

  // The public list of ballots: 3 receipts, phone 3's latest and not its first, never linked to people.
  const list = await apiJson(env.url, `/api/c/${CLUES}/rounds/${round.id}/ballots`);
  assert.equal(list.status, 200);
  const receipts = list.data.items.map((b) => b.receipt);
  assert.equal(receipts.length, 3, `3 ballots: ${JSON.stringify(list.data.items)}`);
  assert.deepEqual([...receipts].sort(), [receipt1, receipt2, receipt3b].sort());
  assert.ok(!receipts.includes(receipt3a), 'the replaced ballot is not counted');
  const byReceipt = new Map(list.data.items.map((b) => [b.receipt, b.choices.map(String).sort()]));
  for (const [i, r] of [receipt1, receipt2, receipt3b].entries()) {
    assert.deepEqual(byReceipt.get(r), CHOICES[i].map((l) => idOf.get(l)).sort(), `ballot ${r}`);
  }
  for (const b of list.data.items) assert.deepEqual(Object.keys(b).sort(), ['choices', 'receipt'], 'nothing else about the voter');

  assertNoProblems(mod);
  assertNoProblems(proj);
  assertNoProblems(phone1);
  assertNoProblems(phone2, { allow: [/WebSocket/, /ERR_INTERNET_DISCONNECTED/] });
  assertNoProblems(phone3);
  console.log(`votacion-completa: ${((Date.now() - started) / 1000).toFixed(1)} s in the browser`);
});

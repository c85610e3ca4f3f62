// Projector (/c/{clues}/pantalla) at 1920x1080 against the mock of the live-voting contract
// (lib/live-mock.mjs): public hello, attendance and quorum, countdown against the server clock,
// participation, live and revealed results with the winners marked, the floor, the join QR slot.
// Run: ASAMBLEA_BINARY=build/src/cli/asamblea node tests/browser/pantalla.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  apiJson, assertNoProblems, checkA11y, checkLayout, openPage, screenshot, startAll,
  LAN_ADDRESS,
} from './lib/harness.mjs';
import { budgetResults, budgetRound, mockLive } from './lib/live-mock.mjs';

const PROJECTOR = { viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 1 };
const QR_404 = /join-qr\.svg|404/; // the server has no join QR yet: the slot must hide quietly

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

async function projector(viewport = PROJECTOR, mock = {}) {
  const s = await openPage(env.browser, env.url, 'desktop', viewport);
  const room = await mockLive(s.context, { clues: clinic.clues, ...mock });
  return { ...s, room };
}

const text = (page, id) => page.locator(`#${id}`).textContent();

/** The projector cannot scroll: everything must fit the screen. */
async function fitsScreen(page, label) {
  const { scroll, inner } = await page.evaluate(() => ({ scroll: document.documentElement.scrollHeight, inner: innerHeight }));
  assert.ok(scroll <= inner + 1, `${label}: page is ${scroll}px tall on a ${inner}px screen`);
}

test('projector: waiting, countdown on the server clock, participation, live and revealed results', async () => {
  // The server's clock runs 90 s ahead of the projector's: the countdown must follow the server.
  const s = await projector(PROJECTOR, { clockSkewMs: 90_000 });
  const { page, room } = s;
  try {
    await page.goto(`/c/${clinic.clues}/pantalla`);
    await page.locator('#p-unidad', { hasText: clinic.nombre }).waitFor();
    await page.locator('#p-estado', { hasText: 'En sesión' }).waitFor();
    assert.deepEqual(room.messages('hello')[0], { type: 'hello' }, 'public hello: no credential, no token');
    assert.equal(await text(page, 'p-ronda'), 'La votación aún no empieza');
    assert.equal(await text(page, 'p-asistentes'), '52');
    assert.equal(await text(page, 'p-quorum'), 'Hay quórum (mínimo 20)');
    // The projector opened 127.0.0.1, which phones cannot open: the address is the LAN one.
    const votarUrl = `${LAN_ADDRESS}:${new URL(env.url).port}/c/${clinic.clues}/votar`;
    await page.waitForFunction((want) => document.getElementById('p-url').textContent === want, votarUrl);
    // The join QR comes from the server (GET /api/c/{clues}/join-qr.svg).
    await page.waitForFunction(() => document.getElementById('p-qr').complete);
    assert.equal(await page.locator('#p-qr').isVisible(), true);
    assert.ok(await page.locator('#p-qr').evaluate((img) => img.naturalWidth > 0), 'the QR image loaded');
    await checkA11y(page, 'pantalla: espera');
    await checkLayout(page, { minFontPx: 24 });
    await fitsScreen(page, 'espera');
    await screenshot(page, 'pantalla-1-espera-1920');

    // A round opens with 5 minutes on the server's clock.
    room.update((snap) => {
      snap.round = budgetRound({ closes_at: new Date(room.now().getTime() + 5 * 60_000).toISOString() });
      snap.assembly.attendance = 52;
    });
    await page.locator('#p-ronda', { hasText: 'Presupuesto 2026' }).waitFor();
    await page.locator('#p-cuenta', { hasText: /^Cierra en (5:00|4:5\d)$/ }).waitFor();
    assert.equal(await page.locator('#p-cuenta').getAttribute('role'), 'timer');
    assert.equal(await text(page, 'p-part-num'), '0 de 52 han votado');
    assert.equal(await page.locator('#p-opciones li').count(), 5);
    assert.match(await text(page, 'p-tipo'), /Presupuesto.*Votación abierta/);

    room.update((snap) => { snap.round.ballots = 37; });
    await page.locator('#p-part-num', { hasText: '37 de 52 han votado' }).waitFor();
    const width = await page.locator('#p-part .bar > span').evaluate((n) => n.style.width);
    assert.equal(width, '71.2%');
    await checkA11y(page, 'pantalla: abierta');
    await fitsScreen(page, 'abierta');
    await screenshot(page, 'pantalla-2-abierta-1920');

    // Live results while open.
    room.update((snap) => { snap.round.live_results = true; snap.round.results = budgetResults(); });
    await page.locator('#p-res h3', { hasText: 'Resultados en vivo' }).waitFor();
    assert.equal(await page.locator('#p-opciones').isVisible(), false);

    // Closed, then revealed.
    room.update((snap) => { snap.round.status = 'cerrada'; snap.round.live_results = false; snap.round.results = null; });
    await page.locator('#p-aviso', { hasText: 'Los resultados se mostrarán en un momento.' }).waitFor();
    assert.equal(await page.locator('#p-cuenta').isVisible(), false);
    assert.match(await text(page, 'p-tipo'), /Votación cerrada/);
    room.update((snap) => { snap.round.revealed = true; snap.round.results = budgetResults(); });
    await page.locator('#p-res h3', { hasText: /^Resultados$/ }).waitFor();
    assert.equal(await page.locator('#p-res').getAttribute('aria-live'), 'polite');
    const winners = page.locator('#p-res .res-win');
    assert.equal(await winners.count(), 4);
    for (const w of await winners.all()) {
      assert.match(await w.textContent(), /Seleccionada/, 'each winner has an icon and a word');
      assert.equal(await w.locator('.badge .icon-ok').count(), 1);
    }
    const losing = page.locator('#p-res .res:not(.res-win)');
    assert.match(await losing.textContent(), /Pintura de la sala de espera.*18 votos.*No alcanza el presupuesto restante/);
    await page.getByText('Se eligieron 4 propuestas por $398,000.00 de $400,000.00.').waitFor();
    await checkA11y(page, 'pantalla: resultados');
    await checkLayout(page, { minFontPx: 24 });
    await fitsScreen(page, 'resultados');
    await screenshot(page, 'pantalla-3-resultados-1920');
    assertNoProblems(s, { allow: [QR_404] });
  } finally {
    await s.close();
  }
});

test('projector: the join QR when the server has it, the floor, and a lost connection', async () => {
  const s = await projector();
  const { page, room, context } = s;
  try {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 29 29"><path d="M0 0h7v7H0zM22 0h7v7h-7zM0 22h7v7H0zM9 9h11v11H9z"/></svg>';
    await context.route(/\/api\/c\/[^/]+\/join-qr\.svg$/, (route) => route.fulfill({ status: 200, contentType: 'image/svg+xml', body: svg }));
    room.update((snap) => {
      snap.assembly = { state: 'registro', attendance: 14, quorum_min: 20, quorum_met: false };
      snap.floor.current = { id: 90, attendee_id: 1, nombre: 'Rosa Pérez', started_at: new Date().toISOString() };
      snap.floor.waiting = [{ id: 91, attendee_id: 2, nombre: 'Luis Gómez', requested_at: new Date().toISOString() }];
    });
    await page.goto(`/c/${clinic.clues}/pantalla`);
    await page.locator('#p-qr').waitFor({ state: 'visible' });
    await page.locator('#p-estado', { hasText: 'Registro abierto' }).waitFor();
    assert.equal(await text(page, 'p-quorum'), 'Aún no hay quórum (mínimo 20)');
    await page.locator('#p-palabra-txt', { hasText: /Rosa Pérez tiene la palabra \(quedan (2:00|1:5\d)\)\./ }).waitFor();
    assert.match(await text(page, 'p-palabra-txt'), /1 persona espera turno\./);
    await checkA11y(page, 'pantalla: registro con QR');
    await fitsScreen(page, 'registro con QR');
    await screenshot(page, 'pantalla-4-registro-qr-1920');

    room.goDown();
    await page.locator('#p-conexion', { hasText: 'Sin conexión' }).waitFor();
    room.goUp();
    await page.locator('#p-conexion').filter({ hasText: /^$/ }).waitFor({ state: 'attached', timeout: 45_000 });
    await page.waitForFunction(() => document.getElementById('p-conexion').textContent === '', null, { timeout: 45_000 });
    const hellos = room.messages('hello');
    assert.ok(hellos.length >= 2);
    assert.equal(hellos.at(-1).version, room.version, 'the reconnect hello carries the last version');
    assertNoProblems(s);
  } finally {
    await s.close();
  }
});

test('projector: without server_time in snapshots the clock comes from the HTTP Date header, never from a stale floor time', async () => {
  const s = await projector(PROJECTOR, { clockSkewMs: 90_000, topLevelTime: false });
  const { page, room, context } = s;
  try {
    // The clinic request answers with the (skewed) server clock in its Date header.
    await context.route(/\/api\/c\/[^/]+$/, async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, headers: { ...response.headers(), date: room.now().toUTCString() } });
    });
    room.update((snap) => {
      snap.round = budgetRound({ closes_at: new Date(room.now().getTime() + 3 * 60_000).toISOString() });
    });
    await page.goto(`/c/${clinic.clues}/pantalla`);
    await page.locator('#p-cuenta', { hasText: /^Cierra en (3:00|2:5\d)$/ }).waitFor();
    assertNoProblems(s, { allow: [QR_404] });
  } finally {
    await s.close();
  }
});

test('projector at 1280x720 with many results: no overflow, still readable', async () => {
  const s = await projector({ viewport: { width: 1280, height: 720 }, deviceScaleFactor: 1 });
  const { page, room } = s;
  try {
    const res = budgetResults();
    for (let i = 0; i < 5; i += 1) {
      res.lines.push({ id: `x${i}`, label: `Propuesta adicional ${i + 1}`, votes: 5 - i, selected: false, explanation: 'No alcanza el presupuesto restante.' });
    }
    room.update((snap) => { snap.round = budgetRound({ status: 'cerrada', revealed: true, ballots: 40, results: res }); });
    await page.goto(`/c/${clinic.clues}/pantalla`);
    await page.locator('#p-res .res').first().waitFor();
    assert.equal(await page.locator('#p-res .res').count(), 10);
    await checkLayout(page, { minFontPx: 16 });
    await checkA11y(page, 'pantalla: 1280x720');
    await fitsScreen(page, '10 results at 1280x720');
    await screenshot(page, 'pantalla-5-muchas-1280');
    assertNoProblems(s, { allow: [QR_404] });
  } finally {
    await s.close();
  }
});

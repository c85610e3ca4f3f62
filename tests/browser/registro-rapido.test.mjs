// Check-in at the speed of a queue (issue 16 item 4): two desks — two browser contexts logged in
// as the demo moderator, one at 1280x800 and one at 768x1024 — check in 150 people at the same
// time, by keyboard only: type the name, Tab, the letter of the sex (M, H, O), Enter. The name
// field is ready again at once, so the next name is typed while the server answers. Then: 150
// attendees, 150 distinct credentials, no error on either desk, each desk's list shows everyone;
// a person typed again at the other desk is refused with a message naming the first
// registration; the sheet of credential slips prints what each desk issued since its last print
// (print media: screenshot and PDF, read back with pdftotext). Prints the time it took.
// Run: ASAMBLEA_BINARY=build/src/cli/asamblea node tests/browser/registro-rapido.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import {
  SCREENSHOT_DIR, apiJson, assertNoProblems, checkA11y, moderatorLogin, openPage, startAll,
} from './lib/harness.mjs';

const CLUES = 'CSIMB001234';
const PEOPLE = 150;

let env;
const sessions = [];

before(async () => {
  env = await startAll();
  const login = await apiJson(env.url, '/api/auth/login', { method: 'POST', body: { username: 'moderador', password: 'demo-moderador' } });
  assert.equal(login.status, 200);
  const moved = await apiJson(env.url, `/api/c/${CLUES}/assembly/transition`, { method: 'POST', body: { to: 'registro' }, token: login.data.token });
  assert.equal(moved.status, 200, JSON.stringify(moved.data));
});

after(async () => {
  for (const s of sessions) await s.close().catch(() => {});
  if (env) await env.teardown();
});

// ---------- 150 realistic names (deterministic) ----------

const MUJERES = ['María Guadalupe', 'Ana Sofía', 'Concepción', 'Verónica', 'Leticia', 'Araceli', 'Noemí', 'Itzel',
  'Xóchitl', 'Eréndira', 'Rosa María', 'Juana', 'Begoña', 'Inés', 'Martha Elena', 'Lucía', 'Fernanda', 'Yolanda',
  'Socorro', 'Beatriz', 'Dolores', 'Citlali', 'Mónica', 'Ximena', 'Paulina'];
const HOMBRES = ['José Luis', 'Juan Carlos', 'Ramón', 'Jesús', 'Ángel', 'Rubén', 'Martín', 'Andrés', 'Raúl',
  'Efraín', 'Óscar', 'Cuauhtémoc', 'Joaquín', 'Francisco Javier', 'Tomás', 'Hugo', 'Sebastián', 'Nicolás',
  'Máximo', 'Agustín', 'Héctor', 'Emiliano', 'Víctor Manuel', 'Germán', 'Iñaki'];
const OTRO = ['Alex', 'Guadalupe'];
const APELLIDOS = ['Hernández', 'García', 'Martínez', 'López', 'González', 'Pérez', 'Rodríguez', 'Sánchez',
  'Ramírez', 'Cruz', 'Flores', 'Gómez', 'Morales', 'Vázquez', 'Jiménez', 'Reyes', 'Díaz', 'Torres', 'Gutiérrez',
  'Ruiz', 'Mendoza', 'Aguilar', 'Ortiz', 'Castillo', 'Muñoz', 'Núñez', 'Peña', 'Ibáñez', 'Santillán',
  'Domínguez', 'Chávez', 'Cervantes', 'Zúñiga', 'Ordóñez', 'Bautista', 'Quiñones', 'Villaseñor', 'Toledo'];

function people() {
  let seed = 20260221;
  const rand = (n) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const fold = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  const seen = new Set();
  const out = [];
  while (out.length < PEOPLE) {
    const k = out.length;
    const sexo = k % 50 === 49 ? 'otro' : rand(2) ? 'mujer' : 'hombre';
    const given = sexo === 'otro' ? OTRO[rand(OTRO.length)] : sexo === 'mujer' ? MUJERES[rand(MUJERES.length)] : HOMBRES[rand(HOMBRES.length)];
    const nombre = `${given} ${APELLIDOS[rand(APELLIDOS.length)]} ${APELLIDOS[rand(APELLIDOS.length)]}`;
    if (seen.has(fold(nombre))) continue;
    seen.add(fold(nombre));
    out.push({ nombre, sexo });
  }
  return out;
}

const KEY = { mujer: 'm', hombre: 'h', otro: 'o' };

// ---------- A desk ----------

async function openDesk(name, viewport) {
  const s = await openPage(env.browser, env.url, 'desktop', { viewport, hasTouch: true });
  sessions.push(s);
  // The print dialog of a headless browser: only count the calls.
  await s.context.addInitScript(() => {
    window.__prints = 0;
    window.print = () => { window.__prints += 1; };
  });
  await moderatorLogin(s.page, CLUES);
  await s.page.locator('#panel-registro').waitFor({ state: 'visible' });
  await s.page.locator('.mod-bar').getByText('Registro abierto').waitFor();
  await s.page.locator('#conexion').getByText('En vivo', { exact: true }).waitFor();
  // The name field waits with the keyboard ready when the tab opens.
  await s.page.waitForFunction(() => document.activeElement && document.activeElement.id === 'reg-nombre');
  // Once per desk: the adult confirmation, which stays checked for the whole queue.
  await s.page.getByLabel('Confirmo que es mayor de edad').check();
  await s.page.getByLabel('Nombre completo').focus();
  return { name, ...s, codes: [], typed: [] };
}

/** One person by keyboard only: the name, Tab, the sex's letter, Enter. */
async function checkIn(desk, person) {
  const { page } = desk;
  assert.equal(await page.evaluate(() => document.activeElement.id), 'reg-nombre', `${desk.name}: the name field is ready`);
  await page.keyboard.type(person.nombre);
  await page.keyboard.press('Tab');
  await page.keyboard.press(KEY[person.sexo]);
  await page.keyboard.press('Enter');
  desk.typed.push(person.nombre);
}

/** Waits until every registration typed at the desk has its answer. */
async function settle(desk) {
  const last = desk.typed[desk.typed.length - 1];
  await desk.page.locator('#reg-estado').getByText(`Quedó registrada: ${last}.`).waitFor({ timeout: 60_000 });
}

async function assertNoErrorShown(desk) {
  const errors = await desk.page.locator('#panel-registro .notice-error, #panel-registro .field-error:not([hidden])').count();
  assert.equal(errors, 0, `${desk.name}: no error shown`);
}

/** What the desk sees (the viewport, from the top): the list below grows to 150 rows. */
async function shot(page, name) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), animations: 'disabled', timeout: 60_000 });
}

test('two desks check in 150 people by keyboard at the same time', async () => {
  const all = people();
  const queues = [all.filter((_, i) => i % 2 === 0), all.filter((_, i) => i % 2 === 1)];
  const a = await openDesk('mesa 1', { width: 1280, height: 800 });
  const b = await openDesk('mesa 2', { width: 768, height: 1024 });
  const registered = [];
  for (const desk of [a, b]) {
    desk.page.on('response', async (res) => {
      if (res.request().method() !== 'POST' || !res.url().endsWith(`/api/c/${CLUES}/attendees`)) return;
      const body = await res.json().catch(() => null);
      registered.push({ desk: desk.name, status: res.status(), code: body?.credential?.code, nombre: body?.attendee?.nombre });
    });
  }

  const runDesk = async (desk, queue, { shotAt, shotName, printAt }) => {
    for (const [i, person] of queue.entries()) {
      await checkIn(desk, person);
      if (i === printAt) {
        // A small sheet mid-queue: what this desk issued so far.
        await settle(desk);
        await desk.page.getByRole('button', { name: `Imprimir credenciales (${i + 1})` }).click();
        assert.equal(await desk.page.evaluate(() => window.__prints), 1);
        desk.firstSheet = await desk.page.locator('#hoja-credenciales .slip').count();
        desk.firstSheetCodes = await desk.page.locator('#hoja-credenciales .slip-code').allTextContents();
        await desk.page.getByLabel('Nombre completo').focus();
      }
      if (i === shotAt) {
        await settle(desk);
        await checkA11y(desk.page, `${desk.name} a mitad de la fila`);
        await shot(desk.page, shotName);
        await desk.page.getByLabel('Nombre completo').focus();
      }
    }
    await settle(desk);
  };

  const started = performance.now();
  await Promise.all([
    runDesk(a, queues[0], { shotAt: 40, shotName: 'registro-rapido-1280-mesa1', printAt: -1 }),
    runDesk(b, queues[1], { shotAt: 30, shotName: 'registro-rapido-768-mesa2', printAt: 7 }),
  ]);
  const seconds = (performance.now() - started) / 1000;
  console.log(`registro rápido: ${PEOPLE} people at two desks in ${seconds.toFixed(1)} s `
    + `(${(seconds / PEOPLE).toFixed(2)} s a person, ${(2 * seconds / PEOPLE).toFixed(2)} s a person at each desk; `
    + 'keys typed as fast as the browser takes them, screenshots, axe and one print included)');
  // What a person at the desk adds: the keys themselves (name + Tab + letter + Enter).
  const keys = all.reduce((n, p) => n + [...p.nombre].length + 3, 0) / PEOPLE;
  const perPerson = keys / 4 + (2 * seconds) / PEOPLE;
  console.log(`registro rápido: ${keys.toFixed(1)} keys a person; typing 4 keys a second a desk takes `
    + `${perPerson.toFixed(1)} s a person, so 150 people at two desks take about ${((perPerson * PEOPLE) / 2 / 60).toFixed(1)} min`);

  // Every registration answered 201, each with its own credential.
  for (let i = 0; i < 200 && registered.length < PEOPLE; i++) await new Promise((r) => { setTimeout(r, 50); });
  assert.equal(registered.length, PEOPLE);
  assert.ok(registered.every((r) => r.status === 201), JSON.stringify(registered.filter((r) => r.status !== 201)));
  assert.equal(new Set(registered.map((r) => r.code)).size, PEOPLE, '150 distinct credentials');
  assert.deepEqual(new Set(registered.map((r) => r.nombre)), new Set(all.map((p) => p.nombre)), 'everyone, with the name as typed');
  for (const desk of [a, b]) await assertNoErrorShown(desk);

  // The server agrees, and both desks' lists show everyone (the other desk's people too).
  const login = await apiJson(env.url, '/api/auth/login', { method: 'POST', body: { username: 'moderador', password: 'demo-moderador' } });
  const list = await apiJson(env.url, `/api/c/${CLUES}/attendees`, { token: login.data.token });
  assert.equal(list.data.attendance, PEOPLE);
  assert.equal(list.data.items.length, PEOPLE);
  const counts = list.data.items.reduce((m, x) => ({ ...m, [x.sexo]: (m[x.sexo] || 0) + 1 }), {});
  assert.deepEqual(counts, all.reduce((m, x) => ({ ...m, [x.sexo]: (m[x.sexo] || 0) + 1 }), {}), 'the sex chosen by its letter');
  for (const desk of [a, b]) {
    await desk.page.locator('#lista-cuenta').getByText(`${PEOPLE} personas registradas`).waitFor();
    await desk.page.waitForFunction((n) => document.querySelectorAll('#lista > li').length === n, PEOPLE);
    await desk.page.locator('#asistencia').getByText(`${PEOPLE} asistentes`).waitFor();
  }

  // The last credential stays on screen while the form waits for the next person.
  const lastA = a.typed[a.typed.length - 1];
  await a.page.locator('.cred-name').getByText(lastA).waitFor();
  assert.match((await a.page.locator('#cred-codigo').textContent()).trim(), /^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
  assert.equal(await a.page.getByLabel('Nombre completo').inputValue(), '');

  // Someone already registered at desk 1 comes to desk 2: refused, naming the first registration.
  const again = queues[0][3];
  await b.page.getByLabel('Nombre completo').focus();
  await b.page.keyboard.type(again.nombre.toUpperCase());
  await b.page.keyboard.press('Tab');
  await b.page.keyboard.press(KEY[again.sexo]);
  await b.page.keyboard.press('Enter');
  const nameError = b.page.locator('#reg-nombre-error');
  await nameError.waitFor({ state: 'visible' });
  const message = (await nameError.textContent()).trim();
  assert.match(message, new RegExp(`^Ya hay una persona registrada con ese nombre: «${again.nombre}», registrada a las \\d{1,2}:\\d{2} h\\. No se emitió otra credencial\\.`), message);
  assert.equal(await b.page.getByLabel('Nombre completo').inputValue(), again.nombre.toUpperCase(), 'the form keeps what was typed');
  assert.equal(await b.page.evaluate(() => document.activeElement.id), 'reg-nombre');
  await checkA11y(b.page, 'mesa 2 persona repetida');
  await shot(b.page, 'registro-rapido-768-repetida');
  assert.equal((await apiJson(env.url, `/api/c/${CLUES}/attendees`, { token: login.data.token })).data.attendance, PEOPLE, 'no second registration');

  // Back from another tab, the name field is ready again.
  await a.page.getByRole('tab', { name: 'Propuestas' }).click();
  await a.page.locator('#panel-propuestas').waitFor({ state: 'visible' });
  await a.page.getByRole('tab', { name: 'Registro' }).click();
  await a.page.waitForFunction(() => document.activeElement && document.activeElement.id === 'reg-nombre');

  // Desk 2 printed 8 slips mid-queue; its next sheet has only what came after.
  const bCodes = registered.filter((r) => r.desk === 'mesa 2').map((r) => r.code);
  assert.equal(b.firstSheet, 8);
  assert.deepEqual(b.firstSheetCodes.map((c) => c.replace(/\s/g, '')), bCodes.slice(0, 8), 'the first sheet, in order, grouped for reading aloud');
  assert.ok(b.firstSheetCodes.every((c) => /^[2-9A-HJ-NP-Z]{4} [2-9A-HJ-NP-Z]{4}$/.test(c)));
  await b.page.getByRole('button', { name: `Imprimir credenciales (${queues[1].length - 8})` }).click();
  assert.equal(await b.page.locator('#hoja-credenciales .slip').count(), queues[1].length - 8);

  // Desk 1's sheet: every credential it issued, on paper.
  await a.page.getByRole('button', { name: `Imprimir credenciales (${queues[0].length})` }).click();
  assert.equal(await a.page.evaluate(() => window.__prints), 1);
  assert.ok(await a.page.getByRole('button', { name: 'Imprimir credenciales', exact: true }).isDisabled(), 'nothing left to print');
  await a.page.emulateMedia({ media: 'print' });
  assert.equal(await a.page.locator('#contenido').isVisible(), false, 'only the sheet prints');
  const slips = a.page.locator('#hoja-credenciales .slip');
  assert.equal(await slips.count(), queues[0].length);
  assert.ok(await slips.first().isVisible());
  const first = slips.first();
  assert.match(await first.locator('.slip-clinic').textContent(), new RegExp(CLUES));
  assert.match(await first.locator('.slip-address').textContent(), new RegExp(`/c/${CLUES}/votar$`));
  const codeSize = await first.locator('.slip-code').evaluate((n) => parseFloat(getComputedStyle(n).fontSize));
  assert.ok(codeSize >= 30, `the code in big type: ${codeSize}px`);
  assert.ok(await first.locator('.slip-qr').evaluate((img) => img.complete && img.naturalWidth > 0), 'the QR is drawn');
  // The first printed page (letter at 96 dpi), not the whole roll of slips.
  await a.page.setViewportSize({ width: 816, height: 1056 });
  await a.page.evaluate(() => window.scrollTo(0, 0));
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  await a.page.screenshot({ path: path.join(SCREENSHOT_DIR, 'registro-rapido-hoja-credenciales-print.png'), timeout: 60_000 });
  const pdf = path.join(SCREENSHOT_DIR, 'registro-rapido-hoja-credenciales.pdf');
  await a.page.pdf({ path: pdf, format: 'Letter', printBackground: true });
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  const aCodes = registered.filter((r) => r.desk === 'mesa 1').map((r) => r.code);
  for (const code of aCodes) assert.ok(text.includes(`${code.slice(0, 4)} ${code.slice(4)}`), `the PDF has ${code}`);
  const pages = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).split('\f').filter((p) => p.trim()).length;
  console.log(`credential sheet: ${aCodes.length} slips on ${pages} letter pages (${pdf})`);
  assert.equal(pages, Math.ceil(aCodes.length / 8), 'eight slips a page');
  await a.page.emulateMedia({ media: 'screen' });

  for (const desk of [a, b]) assertNoProblems(desk, { allow: [/attendees$/, /status of 409/] });
});

test('the desk on a phone-sized screen: 360 and 320 px, nothing cut off', async () => {
  const desk = await openDesk('mesa 3', { width: 360, height: 740 });
  const { page } = desk;
  for (const [width, nombre] of [[360, 'Ñeli Ibáñez Cuéllar'], [320, 'Ramón Ñúñez Santillán']]) {
    await page.setViewportSize({ width, height: 740 });
    await page.getByLabel('Nombre completo').focus();
    await checkIn(desk, { nombre, sexo: width === 360 ? 'mujer' : 'otro' });
    await settle(desk);
    await page.locator('.cred-name').getByText(nombre).waitFor();
    const cut = await page.evaluate(() => [...document.querySelectorAll('#form-registro *, #credencial *')]
      .filter((n) => n.getClientRects().length && n.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
      .map((n) => `${n.tagName.toLowerCase()}${n.id ? `#${n.id}` : ''}.${n.className} ${Math.round(n.getBoundingClientRect().right)}px`));
    assert.deepEqual(cut, [], `nothing of the form or the credential past ${width} px`);
    await checkA11y(page, `registro ${width} px`);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `registro-rapido-${width}-mesa3.png`), fullPage: true, timeout: 60_000 });
  }
  assertNoProblems(desk);
});

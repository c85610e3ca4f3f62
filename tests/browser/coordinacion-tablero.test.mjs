// The national dashboard on the coordinator's page (/coordinacion.html, «Tablero nacional")
// against the real server: three demo clinics in three states (CSIMB001234 in session with 2 of
// a quorum of 2 and a motion open, OCIMB000587 closed, DFIST000042 convocada); the totals and
// rows, the entidad and estado filters, «Actualizar» and the 15 s refresh (on Playwright's
// clock, not the wall clock) after the vote closes, axe, layout at 1280 and 360 px, screenshots.
// Run: ASAMBLEA_BINARY=build/src/cli/asamblea node --test tests/browser/coordinacion-tablero.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  apiJson, assertNoProblems, checkA11y, checkLayout, openPage, screenshot, startAll,
} from './lib/harness.mjs';

const LIVE = 'CSIMB001234';
const CLOSED = 'OCIMB000587';
const WAITING = 'DFIST000042';
const MOTION = 'Aprobar el orden del día';

let env;
let token;
let roundId;
let liveEntidad;

async function call(method, pathname, body) {
  const r = await apiJson(env.url, pathname, { method, body, token });
  assert.ok(r.status < 300, `${method} ${pathname} → ${r.status} ${JSON.stringify(r.data)}`);
  return r.data;
}

async function move(clues, ...states) {
  for (const to of states) await call('POST', `/api/c/${clues}/assembly/transition`, { to });
}

before(async () => {
  env = await startAll();
  const login = await apiJson(env.url, '/api/auth/login', {
    method: 'POST', body: { username: 'coordinador', password: 'demo-coordinador' },
  });
  assert.equal(login.status, 200, JSON.stringify(login.data));
  token = login.data.token;

  await move(LIVE, 'registro');
  await call('PATCH', `/api/c/${LIVE}/assembly`, { quorum_min: 2 });
  for (const [i, nombre] of ['Ana López Cruz', 'Luis Pérez Gómez'].entries()) {
    await call('POST', `/api/c/${LIVE}/attendees`, {
      nombre, identificador: `TABLERO-${i}`, sexo: i ? 'hombre' : 'mujer', mayor_de_edad: true,
    });
  }
  await move(LIVE, 'en_sesion');
  roundId = (await call('POST', `/api/c/${LIVE}/rounds`, { kind: 'motion', title: MOTION })).id;
  await call('POST', `/api/c/${LIVE}/rounds/${roundId}/open`, {});
  await move(CLOSED, 'registro', 'en_sesion', 'cerrada');
  liveEntidad = (await call('GET', `/api/c/${LIVE}`)).entidad;
});

after(async () => {
  if (env) await env.teardown();
});

async function login(page) {
  await page.goto('/coordinacion.html');
  await page.waitForURL((u) => u.pathname === '/entrar.html');
  await page.getByLabel('Usuario').fill('coordinador');
  await page.getByLabel('Contraseña', { exact: true }).fill('demo-coordinador');
  await page.getByRole('button', { name: 'Entrar', exact: true }).click();
  await page.waitForURL((u) => u.pathname === '/coordinacion.html');
  await page.getByRole('heading', { name: 'Tablero nacional', level: 2 }).waitFor();
}

/** The five big numbers, by their words. */
async function totals(page) {
  return page.locator('#tn-totales .co-total').evaluateAll((items) => Object.fromEntries(items.map((d) => [
    d.querySelector('dt').textContent.trim(), d.querySelector('dd').textContent.trim()])));
}

async function rowsShown(page) {
  return page.locator('#tn-filas tr[data-clues]').evaluateAll((rows) => rows.map((r) => r.dataset.clues));
}

/** Waits until the table shows exactly `clues` (a refresh replaces it). */
async function waitRows(page, clues) {
  await page.waitForFunction((want) => [...document.querySelectorAll('#tn-filas tr[data-clues]')]
    .map((r) => r.dataset.clues).join() === want.join(), clues);
}

function row(page, clues) {
  return page.locator(`#tn-filas tr[data-clues="${clues}"]`);
}

async function shot(page, name) {
  await page.evaluate(() => window.scrollTo(0, 0));
  return screenshot(page, name);
}

test('the coordinator sees totals and every assembly, filters them, and sees the vote close', async () => {
  const s = await openPage(env.browser, env.url, 'desktop');
  const { page } = s;
  try {
    await page.clock.install();
    await login(page);
    await waitRows(page, [LIVE, WAITING, CLOSED]);
    await page.locator('#tn-edad').filter({ hasText: /^Actualizado hace \d+ s$/ }).waitFor();
    assert.deepEqual(await totals(page), {
      'En sesión': '1', 'Con quórum': '1', 'Votando ahora': '1', Cerradas: '1', Asistentes: '2',
    });
    assert.match(await page.locator('#tn-resumen').textContent(), /^3 asambleas: 1 convocada, 0 con registro abierto, 0 suspendidas\./);

    const live = row(page, LIVE);
    assert.equal(await live.getByRole('link').getAttribute('href'), `/c/${LIVE}`);
    const cells = await live.locator('th, td').allInnerTexts();
    assert.match(cells[2], /En sesión/);
    assert.match(cells[3], /^2\s+mínimo 2$/);
    assert.match(cells[4], /Sí/);
    assert.match(cells[5], new RegExp(`Votando\\s+${MOTION}`));
    assert.match(cells[6], /^\d{1,2} [a-z]+, \d{1,2}:\d{2} h$/);
    assert.match(await row(page, CLOSED).locator('td').nth(1).innerText(), /Cerrada/);
    assert.match(await row(page, WAITING).locator('td').nth(3).innerText(), /^—$/, 'no quorum shown before registration');

    await checkA11y(page, 'tablero nacional');
    await checkLayout(page, { minFontPx: 16 });
    await shot(page, 'coordinacion-tablero-desktop');

    // Estado narrows the table; the totals still count every assembly.
    await page.getByLabel('Estado de la asamblea').selectOption('cerrada');
    await waitRows(page, [CLOSED]);
    await page.locator('#tn-aviso').filter({ hasText: 'Tablero actualizado: 1 asamblea en la tabla.' }).waitFor();
    assert.equal((await totals(page))['En sesión'], '1');

    // Entidad narrows both; nothing closed there.
    await page.getByLabel('Estado de la asamblea').selectOption('');
    await page.locator('#tn-entidad').selectOption(liveEntidad);
    await waitRows(page, [LIVE]);
    assert.deepEqual(await totals(page), {
      'En sesión': '1', 'Con quórum': '1', 'Votando ahora': '1', Cerradas: '0', Asistentes: '2',
    });
    await page.getByLabel('Estado de la asamblea').selectOption('cerrada');
    await page.locator('#tn-filas').filter({ hasText: 'Ninguna asamblea coincide con los filtros.' }).waitFor();
    await checkA11y(page, 'tablero nacional sin filas');
    await page.getByLabel('Estado de la asamblea').selectOption('');
    await page.locator('#tn-entidad').selectOption('');
    await waitRows(page, [LIVE, WAITING, CLOSED]);

    // The vote closes on the server; the next 15 s turn shows it without a click.
    await call('POST', `/api/c/${LIVE}/rounds/${roundId}/close`, {});
    await page.clock.fastForward('00:16');
    await page.waitForFunction(() => document.getElementById('tn-votando').textContent === '0');
    assert.match(await row(page, LIVE).locator('td').nth(4).innerText(), new RegExp(`^Cerrada\\s+${MOTION}$`));

    // «Actualizar» reads again at once and says so.
    await move(LIVE, 'suspendida');
    await page.getByRole('button', { name: 'Actualizar' }).click();
    await page.waitForFunction(() => document.getElementById('tn-en-sesion').textContent === '0');
    assert.match(await row(page, LIVE).locator('td').nth(1).innerText(), /Suspendida/);
    assert.equal((await totals(page))['Con quórum'], '0', 'a suspended assembly is not counted with quorum');
    assertNoProblems(s);
  } finally {
    await s.close();
  }
});

test('the dashboard stays usable at 360 px: totals first, the table scrolls in its frame', async () => {
  const s = await openPage(env.browser, env.url, 'phone');
  const { page } = s;
  try {
    await login(page);
    await page.locator('#tn-filas tr[data-clues]').first().waitFor();
    assert.deepEqual(await page.evaluate(() => [innerWidth, document.documentElement.scrollWidth]), [360, 360]);
    const box = await page.locator('#tn-totales').boundingBox();
    assert.ok(box && box.width <= 360, 'the totals fit the screen');
    await checkA11y(page, 'tablero nacional 360');
    await checkLayout(page);
    await shot(page, 'coordinacion-tablero-360');
    assertNoProblems(s);
  } finally {
    await s.close();
  }
});

test('a moderator gets 403 from the dashboard API, and nobody logged in gets 401', async () => {
  const anonymous = await apiJson(env.url, '/api/national/dashboard');
  assert.equal(anonymous.status, 401);
  const mod = await apiJson(env.url, '/api/auth/login', {
    method: 'POST', body: { username: 'moderador', password: 'demo-moderador' },
  });
  const refused = await apiJson(env.url, '/api/national/dashboard', { token: mod.data.token });
  assert.equal(refused.status, 403);
});

// The national dashboard on the coordinator's page (/coordinacion.html, «Tablero nacional")
// against the real server: three demo clinics in three states (CSIMB001234 in session with 2 of
// a quorum of 2 and a motion open, OCIMB000587 closed, DFIST000042 convocada); the totals and
// rows, the entidad and estado filters, «Actualizar» and the 15 s refresh (on Playwright's
// clock, not the wall clock) after the vote closes, axe, layout at 1280 and 360 px, screenshots;
// the CSV download (the rows shown, filtered, every API page) and the printed page.
// Run: ASAMBLEA_BINARY=build/src/cli/asamblea node --test tests/browser/coordinacion-tablero.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
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

const CSV_HEADER = ['CLUES', 'unidad', 'entidad', 'estado', 'asistencia', 'quórum mínimo', 'con quórum',
  'votación', 'estado de la votación', 'último cambio'];

/** CSV lines (LF or CRLF, quoted cells with "" inside) into arrays of cells. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i += 1; } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(cell); cell = ''; } else if (ch === '\n' || (ch === '\r' && text[i + 1] === '\n')) {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      if (ch === '\r') i += 1;
    } else cell += ch;
  }
  assert.equal(`${row.join('')}${cell}`, '', 'the file ends with a line break');
  return rows;
}

/** Clicks the dashboard's CSV button: {name, rows (without the header)}, after checking BOM and header. */
async function downloadDashCsv(page) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Descargar tablero en CSV' }).click(),
  ]);
  const bytes = await readFile(await download.path());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 with a BOM');
  const [header, ...rows] = parseCsv(bytes.subarray(3).toString('utf8'));
  assert.deepEqual(header, CSV_HEADER);
  return { name: download.suggestedFilename(), rows };
}

/** The dashboard table as the CSV should have it, read from the cells on screen. */
async function tableAsCsv(page) {
  return page.locator('#tn-filas tr[data-clues]').evaluateAll((trs) => trs.map((tr) => {
    const td = [...tr.querySelectorAll('td')];
    const text = (node) => (node ? node.textContent.replace(/\s+/g, ' ').trim() : '');
    const blocks = [...td[4].querySelectorAll('.co-block')].map(text);
    const quorum = text(td[3]);
    return [
      tr.dataset.clues, text(tr.querySelector('th a')), text(td[0]), text(td[1]),
      td[2].firstChild.textContent.replace(/,/g, ''), text(td[2].querySelector('.co-block')).replace(/^mínimo /, '').replace(/,/g, ''),
      quorum === '—' ? '' : quorum, blocks[1] || '', blocks[0] || '', text(td[5]),
    ];
  }));
}

/** Every CSV row equals the table's row; the time is the same minute, with the date spelled out. */
function assertCsvMatchesTable(csvRows, tableRows) {
  assert.equal(csvRows.length, tableRows.length, JSON.stringify(csvRows));
  csvRows.forEach((got, i) => {
    const want = tableRows[i];
    assert.deepEqual(got.slice(0, 9), want.slice(0, 9), `row ${i + 1}`);
    const short = /^(\d{1,2}) [a-z]+, (\d{1,2}:\d{2}) h$/.exec(want[9]);
    assert.ok(short, want[9]);
    assert.match(got[9], new RegExp(`^[a-záéíóú]+ ${short[1]} de [a-z]+ de \\d{4}, ${short[2]} h$`));
  });
}

test('the dashboard downloads as the server\'s CSV: the rows shown, narrowed by the filters, all API pages', async () => {
  const s = await openPage(env.browser, env.url, 'desktop');
  const { page } = s;
  try {
    await login(page);
    await waitRows(page, [LIVE, WAITING, CLOSED]);

    const all = await downloadDashCsv(page);
    assert.match(all.name, /^tablero-nacional-\d{4}-\d{2}-\d{2}-\d{4}\.csv$/);
    assertCsvMatchesTable(all.rows, await tableAsCsv(page));
    assert.deepEqual(all.rows.map((r) => r[0]), [LIVE, WAITING, CLOSED]);
    assert.equal(all.rows[1][6], '', 'no quorum for a convocada assembly');
    assert.equal(all.rows[1][7], '', 'no round');
    await page.locator('#tn-csv-estado').filter({ hasText: /^Listo: se descargó tablero-nacional-.* con 3 asambleas, las de la tabla\.$/ }).waitFor();

    // A filter narrows the CSV like the table, and names the file after it.
    await page.getByLabel('Estado de la asamblea').selectOption('cerrada');
    await waitRows(page, [CLOSED]);
    const closed = await downloadDashCsv(page);
    assert.match(closed.name, /^tablero-nacional-cerrada-\d{4}-\d{2}-\d{2}-\d{4}\.csv$/);
    assertCsvMatchesTable(closed.rows, await tableAsCsv(page));
    assert.deepEqual(closed.rows.map((r) => r[0]), [CLOSED]);
    assert.equal(closed.rows[0][3], 'Cerrada');

    // One row per API page: the table reads every page (?after=) and the CSV has them all.
    const afters = [];
    await page.route('**/api/national/dashboard*', (route) => {
      const u = new URL(route.request().url());
      u.searchParams.set('limit', '1');
      if (u.searchParams.has('after')) afters.push(u.searchParams.get('after'));
      return route.continue({ url: u.toString() });
    });
    await page.getByLabel('Estado de la asamblea').selectOption('');
    await waitRows(page, [LIVE, WAITING, CLOSED]);
    assert.deepEqual(afters, [LIVE, WAITING]);
    const paged = await downloadDashCsv(page);
    assertCsvMatchesTable(paged.rows, await tableAsCsv(page));
    assert.deepEqual(paged.rows, all.rows);
    await page.unroute('**/api/national/dashboard*');

    await checkA11y(page, 'tablero nacional con CSV');

    // On paper: the totals, when they were read, and the table; no buttons, filters or status lines.
    await page.emulateMedia({ media: 'print' });
    for (const hidden of ['#tn-csv', '#tn-filtro', '#tn-actualizar', '#sesion', '#tn-csv-estado', '#programar-titulo']) {
      assert.equal(await page.locator(hidden).isVisible(), false, `${hidden} is not printed`);
    }
    for (const shown of ['#tn-totales', '#tn-filas', '#tabla']) {
      assert.ok(await page.locator(shown).isVisible(), `${shown} is printed`);
    }
    assert.match(await page.locator('#tn-impreso').innerText(), /^Datos del [a-záéíóú]+ \d{1,2} de [a-z]+ de \d{4}, \d{1,2}:\d{2} h \(hora del centro de México\)\.$/);
    assert.ok(await page.locator('#tn-tabla-titulo + thead th', { hasText: 'Último cambio' }).isVisible(),
      'the dashboard keeps its last column header');
    const widths = await page.evaluate(() => [document.documentElement.scrollWidth, innerWidth]);
    assert.ok(widths[0] <= widths[1], `the printed page does not overflow: ${widths}`);
    await shot(page, 'coordinacion-tablero-impreso');
    await page.emulateMedia({ media: 'screen' });
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

test('with a shard down the dashboard says which states are missing (API answer stubbed)', async () => {
  const s = await openPage(env.browser, env.url, 'desktop');
  const { page } = s;
  const message = 'Faltan datos de Chiapas y Tabasco: su servidor no responde. Los totales no los incluyen.';
  try {
    await page.route('**/api/national/dashboard*', async (route) => {
      const response = await route.fetch();
      const json = await response.json();
      Object.assign(json, {
        complete: false, missing: [{ shard: 'sur', states: ['Chiapas', 'Tabasco'] }], missing_message: message,
      });
      await route.fulfill({ response, json });
    });
    await login(page);
    await waitRows(page, [LIVE, WAITING, CLOSED]);
    await page.locator('#tn-faltan .notice-warning').getByText(message).waitFor();
    await checkA11y(page, 'tablero nacional: faltan estados');
    await shot(page, 'coordinacion-tablero-faltan');
    // Complete again at the next refresh: the warning goes.
    await page.unroute('**/api/national/dashboard*');
    await page.locator('#tn-actualizar').click();
    await page.locator('#tn-faltan .notice').waitFor({ state: 'detached' });
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

// The coordinator's desktop page (/coordinacion.html) at 1280x800 against the real server:
// login with ?volver=, scheduling the ISSSTE day for Ciudad de México (preview, confirm, the
// server's answer), the table showing the new time for DFIST000042 in Mexico City wording while
// the IMSS-BIENESTAR clinics keep theirs, an honest "skipped" answer, the CSV download, a
// moderator refused, axe, layout and screenshots.
// Run: ASAMBLEA_BINARY=build/src/cli/asamblea node --test tests/browser/coordinacion.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  BINARY, apiJson, assertNoProblems, checkA11y, checkLayout, launchBrowser, makeTempDir, openPage,
  screenshot, seedDemo, startServer,
} from './lib/harness.mjs';

const ISSSTE = 'DFIST000042';       // Ciudad de México
const IMSS = ['CSIMB001234', 'OCIMB000587'];
const SEEDED = 'sábado 21 de febrero de 2026, 11:00 h';
// A fourth clinic, imported without an assembly: ISSSTE too, but in Jalisco.
const NEW_CLINIC = 'JCIST000101';
const NO_ASSEMBLY_404 = new RegExp(`/api/c/${NEW_CLINIC}/assembly`);

let env;
let coordToken;

/** startAll() plus one imported clinic (the server reads the data folder at start). */
async function startWithExtraClinic() {
  const dataDir = await makeTempDir();
  await seedDemo(dataDir);
  const csv = path.join(dataDir, 'extra.csv');
  await writeFile(csv, 'clues,nombre,entidad,municipio,institucion,consultorios,tipo\n'
    + `${NEW_CLINIC},Unidad de Medicina Familiar Zapopan,Jalisco,Zapopan,ISSSTE,4,Urbano\n`);
  await promisify(execFile)(BINARY, ['import-clinics', '--data', dataDir, csv]);
  const server = await startServer({ dataDir });
  const browser = await launchBrowser();
  return {
    url: server.url,
    browser,
    teardown: async () => {
      await browser.close().catch(() => {});
      await server.stop();
      if (!process.env.ASAMBLEA_KEEP_DATA) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

before(async () => {
  env = await startWithExtraClinic();
  const login = await apiJson(env.url, '/api/auth/login', {
    method: 'POST', body: { username: 'coordinador', password: 'demo-coordinador' },
  });
  assert.equal(login.status, 200, JSON.stringify(login.data));
  coordToken = login.data.token;
  for (const clues of [ISSSTE, ...IMSS]) {
    const a = await apiJson(env.url, `/api/c/${clues}/assembly`);
    assert.equal(a.status, 200, `${clues} has a seeded assembly`);
    assert.equal(a.data.state, 'convocada');
    assert.equal(a.data.scheduled_at, '2026-02-21T17:00:00.000Z');
  }
});

after(async () => {
  if (env) await env.teardown();
});

async function login(page, username, password) {
  await page.goto('/coordinacion.html');
  await page.waitForURL((u) => u.pathname === '/entrar.html');
  assert.equal(new URL(page.url()).searchParams.get('volver'), '/coordinacion.html');
  await page.getByLabel('Usuario').fill(username);
  await page.getByLabel('Contraseña', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Entrar', exact: true }).click();
  await page.waitForURL((u) => u.pathname === '/coordinacion.html');
}

/**
 * No problem on the page except the expected 404 of the clinic without an assembly (Chromium
 * also logs it as a console error, without the address).
 */
function assertOnlyMissingAssembly(session) {
  const http404 = session.problems.filter((p) => p.kind === 'http');
  for (const p of http404) assert.match(p.text, /^HTTP 404 .*\/api\/c\/JCIST000101\/assembly$/);
  const logged = session.problems.filter((p) => p.kind === 'console' && /status of 404/.test(p.text));
  assert.ok(logged.length <= http404.length, 'every logged 404 is the missing assembly');
  assertNoProblems(session, { allow: [NO_ASSEMBLY_404, /status of 404 \(Not Found\)/] });
}

function row(page, clues) {
  return page.locator(`#filas tr[data-clues="${clues}"]`);
}

/** Waits until every row of the table has its assembly (no "Cargando…" left). */
async function tableLoaded(page) {
  await page.locator('#estado').filter({ hasText: /^Mostrando .*\.$/ }).waitFor();
  assert.equal(await page.locator('#filas').getByText('Cargando…').count(), 0);
}

async function shot(page, name) {
  await page.evaluate(() => window.scrollTo(0, 0));
  return screenshot(page, name);
}

test('a coordinator schedules the ISSSTE day for Ciudad de México; only DFIST000042 moves', async () => {
  const s = await openPage(env.browser, env.url, 'desktop');
  const { page } = s;
  try {
    await login(page, 'coordinador', 'demo-coordinador');
    await page.getByRole('heading', { name: 'Coordinación de asambleas', level: 1 }).waitFor();
    await tableLoaded(page);

    // Before: the three demo clinics, each with its seeded time in Mexico City wording.
    for (const clues of [ISSSTE, ...IMSS]) {
      assert.equal((await row(page, clues).locator('.co-cell-date').textContent()).trim(), SEEDED);
      assert.match(await row(page, clues).locator('.co-cell-state').textContent(), /Convocada/);
    }
    // The imported clinic has no assembly yet (its GET …/assembly is a 404).
    assert.equal((await row(page, NEW_CLINIC).locator('.co-cell-state').textContent()).trim(), 'Sin asamblea');
    assert.equal((await row(page, NEW_CLINIC).locator('.co-cell-date').textContent()).trim(), 'Sin fecha');
    await checkA11y(page, 'coordinacion inicio');
    await checkLayout(page, { minFontPx: 16 });
    await shot(page, 'coordinacion-desktop-inicio');

    // The institution suggestions come from the clinics' institutions.
    const suggestions = await page.locator('#instituciones option')
      .evaluateAll((options) => options.map((o) => o.value));
    assert.deepEqual(suggestions.sort(), ['IMSS-BIENESTAR', 'ISSSTE']);

    // A name that is not an institution: the preview says so and the review refuses it.
    await page.getByLabel('Institución').fill('IMSS');
    await page.locator('#vista-previa').filter({ hasText: 'No hay unidades de «IMSS» en todo el país' }).waitFor();
    await page.getByRole('button', { name: 'Revisar y programar' }).click();
    await page.locator('#fecha-error').filter({ hasText: 'Elija la fecha de la asamblea.' }).waitFor();
    assert.equal(await page.getByLabel('Fecha', { exact: true }).getAttribute('aria-invalid'), 'true');
    await page.getByLabel('Fecha', { exact: true }).fill('2026-03-14');
    await page.getByLabel(/^Hora/).fill('10:30');
    await page.getByRole('button', { name: 'Revisar y programar' }).click();
    await page.locator('#institucion-error').filter({ hasText: 'No hay unidades de «IMSS» en todo el país.' }).waitFor();
    assert.equal(await page.locator('#confirmar').isHidden(), true);
    await checkA11y(page, 'coordinacion institucion desconocida');

    // The real one, typed in lower case: the preview uses the stored spelling.
    await page.getByLabel('Institución').fill('issste');
    await page.getByLabel('Entidad (opcional)').selectOption('Ciudad de México');
    await page.getByLabel('Fecha', { exact: true }).fill('2026-03-14');
    assert.equal(await page.getByLabel('Edición (año)').inputValue(), '2026', 'the edition follows the date');
    await page.getByLabel(/^Hora/).fill('10:30');
    await page.getByLabel(/^Quórum mínimo/).fill('25');
    const expected = 'Se programará 1 unidad de ISSSTE en Ciudad de México para el sábado 14 de marzo de 2026, '
      + '10:30 h, con quórum mínimo de 25 personas.';
    await page.locator('#vista-previa').filter({ hasText: expected }).waitFor();
    assert.match(await page.locator('label[for="hora"]').textContent(), /hora del centro de México/);
    await checkA11y(page, 'coordinacion vista previa');
    await shot(page, 'coordinacion-desktop-vista-previa');

    // Confirm step: nothing is sent before "Sí, programar".
    await page.getByRole('button', { name: 'Revisar y programar' }).click();
    const confirm = page.locator('#confirmar');
    await confirm.waitFor({ state: 'visible' });
    assert.equal(await page.evaluate(() => document.activeElement && document.activeElement.id), 'confirmar');
    assert.equal((await page.locator('#confirmar-texto').textContent()).trim(), expected);
    assert.equal((await apiJson(env.url, `/api/c/${ISSSTE}/assembly`)).data.scheduled_at, '2026-02-21T17:00:00.000Z',
      'nothing changes before confirming');
    await checkA11y(page, 'coordinacion confirmar');
    await shot(page, 'coordinacion-desktop-confirmar');

    // "Corregir" goes back to the form; then confirm for real.
    await page.getByRole('button', { name: 'Corregir los datos' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: 'Revisar y programar' }).click();
    await page.getByRole('button', { name: 'Sí, programar 1 unidad' }).click();

    const result = page.locator('#resultado .notice-ok');
    await result.waitFor();
    assert.match(await result.locator('.notice-title').textContent(),
      /^Listo: Quedó programada 1 asamblea de ISSSTE en Ciudad de México para el sábado 14 de marzo de 2026, 10:30 h\.$/);
    const facts = await result.locator('dl').evaluate((dl) => Object.fromEntries(
      [...dl.querySelectorAll('dt')].map((dt) => [dt.textContent, dt.nextElementSibling.textContent])));
    assert.deepEqual(facts, {
      'Asambleas programadas': '1',
      'Nuevas (la unidad no tenía asamblea de 2026)': '0',
      'Con fecha cambiada (seguían convocadas)': '1',
      'Sin cambio (ya abrieron su registro o terminaron)': '0',
    });

    // The server agrees: 10:30 in Mexico City is 16:30 UTC; the IMSS clinics did not move.
    const moved = await apiJson(env.url, `/api/c/${ISSSTE}/assembly`);
    assert.equal(moved.data.scheduled_at, '2026-03-14T16:30:00.000Z');
    assert.equal(moved.data.quorum_min, 25);
    for (const clues of IMSS) {
      const a = await apiJson(env.url, `/api/c/${clues}/assembly`);
      assert.equal(a.data.scheduled_at, '2026-02-21T17:00:00.000Z', `${clues} keeps its time`);
      assert.equal(a.data.quorum_min, 20, `${clues} keeps its quorum`);
    }

    // The table was refreshed: the new time in Mexico City wording, the others unchanged.
    await tableLoaded(page);
    await row(page, ISSSTE).locator('.co-cell-date').filter({ hasText: 'sábado 14 de marzo de 2026, 10:30 h' }).waitFor();
    assert.equal(await row(page, ISSSTE).locator('time').getAttribute('datetime'), '2026-03-14T16:30:00.000Z');
    for (const clues of IMSS) {
      assert.equal((await row(page, clues).locator('.co-cell-date').textContent()).trim(), SEEDED);
    }
    assert.equal((await row(page, NEW_CLINIC).locator('.co-cell-state').textContent()).trim(), 'Sin asamblea',
      'the ISSSTE clinic of Jalisco is outside the chosen state');
    // Each row links to the moderator's tablet and the projector page.
    assert.equal(await row(page, ISSSTE).getByRole('link', { name: `Moderar ${ISSSTE}` }).getAttribute('href'),
      `/c/${ISSSTE}/moderar`);
    assert.equal(await row(page, ISSSTE).getByRole('link', { name: `Pantalla ${ISSSTE}` }).getAttribute('href'),
      `/c/${ISSSTE}/pantalla`);

    // After a reload too (nothing kept in the page).
    await page.reload();
    await tableLoaded(page);
    assert.equal((await row(page, ISSSTE).locator('.co-cell-date').textContent()).trim(),
      'sábado 14 de marzo de 2026, 10:30 h');

    await checkA11y(page, 'coordinacion resultado');
    await checkLayout(page, { minFontPx: 16 });
    await shot(page, 'coordinacion-desktop-tabla');

    // The filter works like the landing page's.
    await page.locator('#entidad').selectOption('Ciudad de México');
    await page.locator('#estado').filter({ hasText: 'Mostrando 1–1 de 1 unidad.' }).waitFor();
    assert.deepEqual(await page.locator('#filas tr').evaluateAll((rows) => rows.map((r) => r.dataset.clues)), [ISSSTE]);
    assert.equal(new URL(page.url()).searchParams.get('entidad'), 'Ciudad de México');

    // CSV of the current filter, written by the server (GET /api/clinics.csv).
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Descargar CSV' }).click(),
    ]);
    assert.match(download.suggestedFilename(), /^unidades-asambleas-ciudad-de-mexico-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await readFile(await download.path(), 'utf8');
    assert.ok(csv.startsWith('\uFEFF'), 'UTF-8 with a BOM');
    const lines = csv.replace(/^\uFEFF/, '').trimEnd().split(/\r?\n/);
    assert.equal(lines[0], 'clues,nombre,entidad,municipio,institucion,edicion,estado,fecha_programada,'
      + 'fecha_programada_utc,quorum_min,asistencia');
    assert.equal(lines.length, 2, csv);
    assert.equal(lines[1], `${ISSSTE},Clínica de Medicina Familiar Tlalpan,Ciudad de México,Tlalpan,ISSSTE,2026,`
      + 'Convocada,"sábado 14 de marzo de 2026, 10:30 h",2026-03-14T16:30:00.000Z,25,0');
    await page.locator('#csv-estado').filter({ hasText: /Listo: se descargó .* con 1 unidad\./ }).waitFor();

    // Text search.
    await page.locator('#entidad').selectOption('');
    await page.getByLabel('Nombre, CLUES o municipio').fill('Tlahui');
    await page.locator('#estado').filter({ hasText: 'Mostrando 1–1 de 1 unidad.' }).waitFor();
    assert.deepEqual(await page.locator('#filas tr').evaluateAll((rows) => rows.map((r) => r.dataset.clues)), ['OCIMB000587']);
    assertOnlyMissingAssembly(s);
  } finally {
    await s.close();
  }
});

test('an assembly that already opened registration keeps its time, and the answer says so', async () => {
  const opened = await apiJson(env.url, `/api/c/${IMSS[1]}/assembly/transition`, {
    method: 'POST', body: { to: 'registro' }, token: coordToken,
  });
  assert.equal(opened.status, 200, JSON.stringify(opened.data));

  const s = await openPage(env.browser, env.url, 'desktop');
  const { page } = s;
  try {
    await login(page, 'coordinador', 'demo-coordinador');
    await tableLoaded(page);
    await page.getByLabel('Institución').fill('IMSS-BIENESTAR');
    await page.getByLabel('Fecha', { exact: true }).fill('2026-04-18');
    await page.getByLabel(/^Hora/).fill('09:00');
    await page.locator('#vista-previa').filter({
      hasText: 'Se programarán 2 unidades de IMSS-BIENESTAR en todo el país para el sábado 18 de abril de 2026, 9:00 h.',
    }).waitFor();
    await page.getByRole('button', { name: 'Revisar y programar' }).click();
    await page.getByRole('button', { name: 'Sí, programar 2 unidades' }).click();
    const result = page.locator('#resultado .notice-ok');
    await result.waitFor();
    assert.match(await result.textContent(), /Quedó programada 1 asamblea de IMSS-BIENESTAR en todo el país para el sábado 18 de abril de 2026, 9:00 h\./);
    assert.match(await result.textContent(), /Una asamblea ya había abierto su registro o terminado, y conserva su hora\./);
    const facts = await result.locator('dl').evaluate((dl) => Object.fromEntries(
      [...dl.querySelectorAll('dt')].map((dt) => [dt.textContent, dt.nextElementSibling.textContent])));
    assert.equal(facts['Asambleas programadas'], '1');
    assert.equal(facts['Sin cambio (ya abrieron su registro o terminaron)'], '1');

    await tableLoaded(page);
    await row(page, IMSS[0]).locator('.co-cell-date').filter({ hasText: 'sábado 18 de abril de 2026, 9:00 h' }).waitFor();
    assert.equal((await row(page, IMSS[1]).locator('.co-cell-date').textContent()).trim(), SEEDED);
    assert.match(await row(page, IMSS[1]).locator('.co-cell-state').textContent(), /Registro abierto/);
    assert.equal((await row(page, ISSSTE).locator('.co-cell-date').textContent()).trim(),
      'sábado 14 de marzo de 2026, 10:30 h', 'the ISSSTE clinic is not touched');
    await checkA11y(page, 'coordinacion omitidas');
    await shot(page, 'coordinacion-desktop-omitidas');
    assertOnlyMissingAssembly(s);
  } finally {
    await s.close();
  }
});

test('the whole country: a clinic without an assembly gets one (created), the other moves (updated)', async () => {
  const s = await openPage(env.browser, env.url, 'desktop');
  const { page } = s;
  try {
    await login(page, 'coordinador', 'demo-coordinador');
    await tableLoaded(page);
    await page.getByLabel('Institución').fill('ISSSTE');
    await page.getByLabel('Fecha', { exact: true }).fill('2026-03-15');
    await page.getByLabel(/^Hora/).fill('12:00');
    await page.locator('#vista-previa').filter({
      hasText: 'Se programarán 2 unidades de ISSSTE en todo el país para el domingo 15 de marzo de 2026, 12:00 h.',
    }).waitFor();
    await page.getByRole('button', { name: 'Revisar y programar' }).click();
    await page.getByRole('button', { name: 'Sí, programar 2 unidades' }).click();
    const result = page.locator('#resultado .notice-ok');
    await result.waitFor();
    assert.match(await result.locator('.notice-title').textContent(),
      /^Listo: Quedaron programadas 2 asambleas de ISSSTE en todo el país para el domingo 15 de marzo de 2026, 12:00 h\.$/);
    const facts = await result.locator('dl').evaluate((dl) => Object.fromEntries(
      [...dl.querySelectorAll('dt')].map((dt) => [dt.textContent, dt.nextElementSibling.textContent])));
    assert.deepEqual(facts, {
      'Asambleas programadas': '2',
      'Nuevas (la unidad no tenía asamblea de 2026)': '1',
      'Con fecha cambiada (seguían convocadas)': '1',
      'Sin cambio (ya abrieron su registro o terminaron)': '0',
    });
    const created = await apiJson(env.url, `/api/c/${NEW_CLINIC}/assembly`);
    assert.equal(created.status, 200);
    assert.equal(created.data.state, 'convocada');
    assert.equal(created.data.edition, 2026);
    assert.equal(created.data.scheduled_at, '2026-03-15T18:00:00.000Z');

    await tableLoaded(page);
    await row(page, NEW_CLINIC).locator('.co-cell-date').filter({ hasText: 'domingo 15 de marzo de 2026, 12:00 h' }).waitFor();
    assert.match(await row(page, NEW_CLINIC).locator('.co-cell-state').textContent(), /Convocada\s*Edición 2026/);
    assert.equal((await row(page, ISSSTE).locator('.co-cell-date').textContent()).trim(), 'domingo 15 de marzo de 2026, 12:00 h');
    assert.equal((await row(page, IMSS[0]).locator('.co-cell-date').textContent()).trim(), 'sábado 18 de abril de 2026, 9:00 h');
    assert.equal((await row(page, IMSS[1]).locator('.co-cell-date').textContent()).trim(), SEEDED);
    await checkA11y(page, 'coordinacion nacional');
    await shot(page, 'coordinacion-desktop-nacional');
    assertOnlyMissingAssembly(s);
  } finally {
    await s.close();
  }
});

test('the page works at 360 px (and so at 200% zoom): nothing wider than the screen', async () => {
  const s = await openPage(env.browser, env.url, 'phone');
  const { page } = s;
  try {
    await login(page, 'coordinador', 'demo-coordinador');
    await tableLoaded(page);
    await checkLayout(page, { minFontPx: 18 });
    // checkLayout compares with innerWidth, which a phone widens to fit overflowing content.
    assert.deepEqual(await page.evaluate(() => [innerWidth, document.documentElement.scrollWidth]), [360, 360],
      'the wide table scrolls inside its frame; the page stays 360 px wide');
    await checkA11y(page, 'coordinacion 360');
    await shot(page, 'coordinacion-phone');
    assertOnlyMissingAssembly(s);
  } finally {
    await s.close();
  }
});

test('a moderator is refused the page with a clear message', async () => {
  const s = await openPage(env.browser, env.url, 'desktop');
  const { page } = s;
  try {
    await login(page, 'moderador', 'demo-moderador');
    await page.getByRole('heading', { name: 'Esta página es para la coordinación', level: 1 }).waitFor();
    assert.match(await page.locator('#fatal').textContent(), /Sin permiso: Solo la coordinación puede programar la jornada/);
    assert.match(await page.locator('#fatal').textContent(), /Su usuario \(moderador\) es de moderación\./);
    assert.equal(await page.getByRole('link', { name: /Moderar CSIMB001234/ }).getAttribute('href'), '/c/CSIMB001234/moderar');
    assert.equal(await page.locator('#app').isHidden(), true);
    assert.equal(await page.locator('#programar').isVisible(), false);
    await checkA11y(page, 'coordinacion moderador');
    await checkLayout(page, { minFontPx: 16 });
    await shot(page, 'coordinacion-desktop-moderador');

    // "Entrar con otro usuario" ends this session and comes back after the login.
    await page.getByRole('button', { name: 'Entrar con otro usuario' }).click();
    await page.waitForURL((u) => u.pathname === '/entrar.html');
    assert.equal(await page.evaluate(() => sessionStorage.getItem('asamblea.token')), null);
    assertNoProblems(s);
  } finally {
    await s.close();
  }
});

test('the login page links a coordinator to Coordinación', async () => {
  const s = await openPage(env.browser, env.url, 'desktop');
  const { page } = s;
  try {
    await page.goto('/entrar.html');
    await page.getByLabel('Usuario').fill('coordinador');
    await page.getByLabel('Contraseña', { exact: true }).fill('demo-coordinador');
    await page.getByRole('button', { name: 'Entrar', exact: true }).click();
    await page.getByRole('heading', { name: 'Sesión iniciada' }).waitFor();
    await page.getByRole('link', { name: 'Ir a Coordinación' }).click();
    await page.waitForURL((u) => u.pathname === '/coordinacion.html');
    await page.getByRole('heading', { name: 'Coordinación de asambleas' }).waitFor();
    assertNoProblems(s);
  } finally {
    await s.close();
  }
});

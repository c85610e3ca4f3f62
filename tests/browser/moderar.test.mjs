// The moderator's tablet (/c/{clues}/moderar) at 1280x800 and 1024x768: login, registration,
// check-in of 5 people with the keyboard, a refused duplicate, a reissued credential, proposals
// (add, reject with a reason, merge, CSV import), the speakers' queue with its timer surviving a
// reload, the state transitions, and axe + layout + screenshots on every tab.
//
// Runs against the real server: its REST API and its WebSocket (the main test is live; the Cierre
// test refuses the socket to exercise the polling fallback). ASAMBLEA_MODERAR_MOCK=1 serves the
// assembly endpoints from tests/browser/lib/moderar-mock.mjs (the docs/api.md contract) instead,
// for working on the page without a server build.
// Run: ASAMBLEA_BINARY=build/src/cli/asamblea node tests/browser/moderar.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  apiJson, assertNoProblems, checkA11y, checkLayout, openPage, screenshot, startAll,
} from './lib/harness.mjs';
import { installMockApi, installMockSocket } from './lib/moderar-mock.mjs';

/** Full-page screenshot from the top, so the sticky bar is drawn where it belongs. */
async function shot(page, name) {
  await page.evaluate(() => window.scrollTo(0, 0));
  return screenshot(page, name);
}

const CLUES = 'CSIMB001234';
const OTHER_CLUES = 'OCIMB000587';
const TABLET = { viewport: { width: 1024, height: 768 }, deviceScaleFactor: 1, isMobile: false, hasTouch: true };

let env;
const mock = process.env.ASAMBLEA_MODERAR_MOCK === '1';
let allow = [];

before(async () => {
  env = await startAll();
  if (mock) console.warn('\n*** moderar.test: ASAMBLEA_MODERAR_MOCK=1, the assembly API is the docs/api.md mock ***\n');
  else {
    const probe = await apiJson(env.url, `/api/c/${CLUES}/assembly`);
    assert.equal(probe.status, 200, `GET /api/c/${CLUES}/assembly on the seeded demo: ${JSON.stringify(probe.data)}`);
  }
});

after(async () => {
  if (env) await env.teardown();
});

/**
 * A page (1280x800 by default) with the mock installed when asked for. `live: false` refuses the
 * WebSocket, so the page must fall back to polling.
 */
async function tabletPage({ live = true, ...options } = {}) {
  const s = options.viewport ? await openPage(env.browser, env.url, 'desktop', options) : await openPage(env.browser, env.url, 'desktop');
  if (mock) {
    s.mock = await installMockApi(s.context, { clues: CLUES });
    await installMockSocket(s.context, s.mock, { refuse: !live });
  } else if (!live) {
    await s.context.routeWebSocket(/\/ws\/c\//, (ws) => ws.close({ code: 1011, reason: 'test: no live connection' }));
  }
  return s;
}

async function login(page, username = 'moderador', password = 'demo-moderador', clues = CLUES) {
  await page.goto(`/c/${clues}/moderar`);
  await page.waitForURL((u) => u.pathname === '/entrar.html');
  assert.equal(new URL(page.url()).searchParams.get('volver'), `/c/${clues}/moderar`);
  await page.getByLabel('Usuario').fill(username);
  await page.getByLabel('Contraseña', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Entrar', exact: true }).click();
  await page.waitForURL((u) => u.pathname === `/c/${clues}/moderar`);
}

async function openTab(page, name) {
  await page.getByRole('tab', { name: new RegExp(`^${name}`) }).click();
  await page.locator(`#panel-${name.toLowerCase()}`).waitFor({ state: 'visible' });
}

/** Asks for the floor as a voter would, with the credential code (REST, Authorization: Credential). */
async function requestFloor(page, code) {
  return page.evaluate(async ([clues, c]) => {
    const res = await fetch(`/api/c/${clues}/floor`, { method: 'POST', headers: { Authorization: `Credential ${c}` } });
    return { status: res.status, body: await res.json().catch(() => null) };
  }, [CLUES, code]);
}

/**
 * Checks someone in with the keyboard only: the name, Tab, the sex's letter (M, H, O), Tab, the
 * identifier, Tab, Space on the adult confirmation unless it is still checked, Enter.
 */
async function checkIn(page, { nombre, identificador, sexo }) {
  const name = page.getByLabel('Nombre completo');
  await name.focus();
  await page.keyboard.type(nombre);
  await page.keyboard.press('Tab'); // the sex buttons
  await page.keyboard.press({ mujer: 'm', hombre: 'h', otro: 'o' }[sexo]);
  await page.keyboard.press('Tab'); // the identifier (optional)
  await page.keyboard.type(identificador);
  await page.keyboard.press('Tab'); // the adult checkbox, which stays checked for the next person
  if (!(await page.getByLabel('Confirmo que es mayor de edad').isChecked())) await page.keyboard.press('Space');
  await page.keyboard.press('Enter');
}

test('without a session the tablet sends to the login and back; another clinic is refused', async () => {
  const s = await tabletPage();
  const { page } = s;
  try {
    await login(page, 'moderador', 'demo-moderador', OTHER_CLUES);
    await page.getByRole('heading', { name: 'No puede moderar esta unidad' }).waitFor();
    const text = await page.locator('#fatal').textContent();
    assert.match(text, /no tiene permiso para moderar la unidad OCIMB000587/);
    assert.ok(await page.locator(`#fatal a[href="/c/${CLUES}/moderar"]`).isVisible(), 'offers the clinic it moderates');
    await checkA11y(page, 'moderar otra unidad');
    assertNoProblems(s, { allow });
  } finally {
    await s.close();
  }
});

test('a moderator runs registration, proposals and the speakers\' queue', async () => {
  const s = await tabletPage();
  const { page } = s;
  try {
    await login(page);
    const bar = page.locator('.mod-bar');
    await bar.getByText('Convocada').waitFor();
    assert.match(await page.locator('#fecha').textContent(), /^sábado 21 de febrero de 2026, 11:00 h$/);
    assert.match(await page.locator('#asistencia').textContent(), /0 asistentes · quórum 20/);
    await page.locator('#conexion').getByText('En vivo', { exact: true }).waitFor();
    await checkLayout(page, { minFontPx: 16 });
    await checkA11y(page, 'moderar registro convocada');
    await shot(page, 'moderar-1280-registro-convocada');

    // ---- Open registration from the notice on the Registro tab ----
    await page.getByRole('button', { name: 'Abrir el registro' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    assert.match(await dialog.textContent(), /no se puede deshacer/i);
    await checkA11y(page, 'moderar diálogo abrir registro');
    await dialog.getByRole('button', { name: 'Abrir el registro' }).click();
    await bar.getByText('Registro abierto').waitFor();
    await page.locator('#reg-estado').getByText('La asamblea ahora está: Registro abierto.').waitFor();

    // ---- Check in 5 people with the keyboard ----
    const people = [
      { nombre: 'María López Hernández', identificador: 'AF-1001', sexo: 'mujer' },
      { nombre: 'Juan Pérez Gómez', identificador: 'AF-1002', sexo: 'hombre' },
      { nombre: 'Rosa Díaz Ruiz', identificador: 'AF-1003', sexo: 'mujer' },
      { nombre: 'Pedro Sánchez Cruz', identificador: 'AF-1004', sexo: 'hombre' },
      { nombre: 'Alex Gómez Torres', identificador: 'AF-1005', sexo: 'otro' },
    ];
    const codes = {};
    for (const [i, person] of people.entries()) {
      await checkIn(page, person);
      await page.locator('#reg-estado').getByText(`Quedó registrada: ${person.nombre}.`).waitFor();
      const code = (await page.locator('#cred-codigo').textContent()).trim();
      assert.match(code, /^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/, `a readable code: ${code}`);
      codes[person.nombre] = code;
      const qrOk = await page.locator('#cred-qr').evaluate((img) => img.complete && img.naturalWidth > 0);
      assert.ok(qrOk, 'the QR image is shown');
      assert.equal(await page.evaluate(() => document.activeElement.id), 'reg-nombre', 'focus back on the name');
      assert.equal(await page.getByLabel('Nombre completo').inputValue(), '', 'the form is empty for the next person');
      await page.locator('#asistencia').getByText(`${i + 1} ${i ? 'asistentes' : 'asistente'}`).waitFor();
      await page.locator('#lista > li').filter({ hasText: person.nombre }).waitFor();
      if (i === 0) {
        await checkA11y(page, 'moderar credencial');
        await shot(page, 'moderar-1280-registro-credencial');
      }
    }
    assert.equal(new Set(Object.values(codes)).size, 5, 'five different codes');

    // A duplicate identifier: the server's message next to the field, nothing registered.
    await checkIn(page, { nombre: 'Otra Persona', identificador: 'AF-1003', sexo: 'mujer' });
    const idError = page.locator('#reg-identificador-error');
    await idError.waitFor({ state: 'visible' });
    const dupMessage = (await idError.textContent()).trim();
    assert.ok(dupMessage.length > 10, `the server's message: ${dupMessage}`);
    allow = [...allow, /attendees$/, /status of 409/];
    assert.equal(await page.getByLabel('Identificador').getAttribute('aria-invalid'), 'true');
    assert.match(await page.getByLabel('Identificador').getAttribute('aria-describedby'), /reg-identificador-error/);
    assert.equal(await page.evaluate(() => document.activeElement.id), 'reg-identificador');
    await checkA11y(page, 'moderar duplicado');
    await shot(page, 'moderar-1280-registro-duplicado');
    await page.getByLabel('Identificador').fill('AF-1006');
    assert.equal(await idError.isVisible(), false, 'the error goes away when the field is edited');
    // "Siguiente persona" clears the credential and puts the cursor in the name.
    await page.getByRole('button', { name: 'Siguiente persona' }).click();
    assert.equal(await page.evaluate(() => document.activeElement.id), 'reg-nombre');
    assert.equal(await page.locator('#cred-codigo').count(), 0);
    await page.getByLabel('Nombre completo').fill('');
    await page.getByLabel('Identificador').fill('');
    await page.locator('#asistencia').getByText('5 asistentes').waitFor();

    // Search as you type, then reissue Rosa's credential.
    await page.getByLabel('Buscar por nombre').fill('rosa');
    await page.locator('#lista > li').filter({ hasText: 'Rosa Díaz Ruiz' }).waitFor();
    await page.waitForFunction(() => document.querySelectorAll('#lista > li').length === 1);
    await page.getByRole('button', { name: 'Reponer credencial de Rosa Díaz Ruiz' }).click();
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Reponer credencial' }).click();
    await page.locator('.cred-name').getByText('Credencial nueva de').waitFor();
    const newCode = (await page.locator('#cred-codigo').textContent()).trim();
    assert.notEqual(newCode, codes['Rosa Díaz Ruiz'], 'a new code');
    const oldCode = codes['Rosa Díaz Ruiz'];
    codes['Rosa Díaz Ruiz'] = newCode;
    const oldTry = await requestFloor(page, oldCode);
    assert.ok(oldTry.status === 401 || oldTry.status === 403, `the old credential no longer works (${oldTry.status})`);
    allow = [...allow, /\/floor$/, /status of 40[13]/];
    await page.getByLabel('Buscar por nombre').fill('');
    await page.waitForFunction(() => document.querySelectorAll('#lista > li').length === 5);

    // Revoke Pedro's credential (danger button, asked first): the row says so and his code stops working.
    await page.getByRole('button', { name: 'Revocar la credencial de Pedro Sánchez Cruz' }).click();
    await dialog.getByRole('button', { name: 'Revocar' }).click();
    await page.locator('#lista-estado').getByText('Se revocó la credencial de Pedro Sánchez Cruz.').waitFor();
    const pedro = page.locator('#lista > li').filter({ hasText: 'Pedro Sánchez Cruz' });
    await pedro.getByText('Credencial revocada').waitFor();
    assert.ok(await pedro.getByRole('button', { name: /^Revocar/ }).isDisabled());
    const revoked = await requestFloor(page, codes['Pedro Sánchez Cruz']);
    assert.ok(revoked.status === 401 || revoked.status === 403, `a revoked credential is refused (${revoked.status})`);
    await checkA11y(page, 'moderar lista');

    // ---- Proposals ----
    await openTab(page, 'Propuestas');
    await page.locator('#prop-lista > li').first().waitFor();
    assert.equal(await page.locator('#prop-lista > li').count(), 8, 'the 8 demo proposals');
    const addForm = page.locator('#form-propuesta');
    await addForm.getByLabel('Título').fill('Ventilador de techo');
    await addForm.getByLabel('Descripción').fill('Dos ventiladores para la sala de espera.');
    await addForm.getByLabel('Categoría').selectOption('equipamiento');
    await addForm.getByLabel('Costo estimado (pesos)').fill('12,500.50');
    await addForm.getByRole('button', { name: 'Agregar propuesta' }).click();
    await page.locator('#prop-form-estado').getByText('Se agregó «Ventilador de techo»').waitFor();
    const added = page.locator('#prop-lista > li').filter({ hasText: 'Ventilador de techo' });
    await added.waitFor();
    assert.match(await added.textContent(), /\$12,500\.50/);
    assert.equal(await page.evaluate(() => document.activeElement.id), 'prop-titulo');

    // Reject one with a reason (the dialog insists on the reason).
    await page.getByRole('button', { name: 'Rechazar «Pintura y señalización»' }).click();
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Rechazar propuesta' }).click();
    await dialog.getByText('Escriba el motivo del rechazo.').waitFor();
    await checkA11y(page, 'moderar diálogo rechazo');
    await dialog.getByLabel('Motivo del rechazo').fill('Ya la cubre el programa estatal de mantenimiento.');
    await dialog.getByRole('button', { name: 'Rechazar propuesta' }).click();
    await page.locator('#prop-estado').getByText('Se rechazó «Pintura y señalización».').waitFor();
    const rejected = page.locator('#prop-lista > li').filter({ hasText: 'Pintura y señalización' });
    assert.match(await rejected.textContent(), /Rechazada/);
    assert.match(await rejected.textContent(), /Motivo del rechazo: Ya la cubre el programa estatal/);

    // Merge one into another accepted one.
    await page.getByRole('button', { name: 'Fusionar «Escritorio y archivero»' }).click();
    await dialog.waitFor();
    await dialog.getByLabel('Fusionar con').selectOption({ label: 'Bancas para la sala de espera ($30,000.00)' });
    await dialog.getByRole('button', { name: 'Fusionar' }).click();
    await page.locator('#prop-estado').getByText('Se fusionó «Escritorio y archivero» con «Bancas para la sala de espera».').waitFor();
    const merged = page.locator('#prop-lista > li').filter({ hasText: 'Escritorio y archivero' });
    assert.match(await merged.textContent(), /Fusionada/);
    assert.match(await merged.textContent(), /Se fusionó con: «Bancas para la sala de espera»/);
    await checkLayout(page, { minFontPx: 16 });
    await checkA11y(page, 'moderar propuestas');
    await shot(page, 'moderar-1280-propuestas');

    // CSV import: a bad line is reported and nothing is imported; a good file goes in.
    const before = await page.locator('#prop-lista > li').count();
    await page.locator('#prop-archivo').setInputFiles({
      name: 'propuestas.csv', mimeType: 'text/csv',
      buffer: Buffer.from('titulo,descripcion,categoria,costo,origen\nLavabo,Para el baño,obra,9000,diagnostico\nBotiquín,,juguetes,500,diagnostico\n'),
    });
    await page.getByRole('button', { name: 'Importar propuestas' }).click();
    await page.locator('#prop-importar-estado').getByText('No se importó nada').waitFor();
    assert.match(await page.locator('#prop-importar-estado').textContent(), /Línea 3:/);
    await checkA11y(page, 'moderar csv con errores');
    await shot(page, 'moderar-1280-propuestas-csv-error');
    allow = [...allow, /proposals\/import$/, /status of 400/];
    await page.locator('#prop-archivo').setInputFiles({
      name: 'propuestas.csv', mimeType: 'text/csv',
      buffer: Buffer.from('titulo,descripcion,categoria,costo,origen\nLavabo,Para el baño,obra,9000,diagnostico\nBotiquín,Primeros auxilios,equipamiento,1500,asamblea\n'),
    });
    await page.getByRole('button', { name: 'Importar propuestas' }).click();
    await page.locator('#prop-importar-estado').getByText('Se importaron 2 propuestas').waitFor();
    await page.waitForFunction((n) => document.querySelectorAll('#prop-lista > li').length === n, before + 2);

    // ---- Speakers' queue ----
    await openTab(page, 'Palabra');
    await page.getByText('Nadie ha pedido la palabra.').waitFor();
    const juan = await requestFloor(page, codes['Juan Pérez Gómez']);
    assert.equal(juan.status, 201, `Juan asks for the floor: ${JSON.stringify(juan.body)}`);
    const rosa = await requestFloor(page, codes['Rosa Díaz Ruiz']);
    assert.equal(rosa.status, 201, `Rosa asks for the floor with her new code: ${JSON.stringify(rosa.body)}`);
    const again = await requestFloor(page, codes['Juan Pérez Gómez']);
    assert.equal(again.status, 409, 'asking twice is refused');
    allow = [...allow, /\/floor/];
    // The list follows within a poll (2 s) or a snapshot.
    await page.waitForFunction(() => document.querySelectorAll('#espera-lista > li.floor-row').length === 2, null, { timeout: 8000 });
    const order = await page.locator('#espera-lista .floor-name').allTextContents();
    assert.deepEqual(order.map((t) => t.replace(/^\d+\.\s*/, '')), ['Juan Pérez Gómez', 'Rosa Díaz Ruiz']);
    assert.match(await page.getByRole('tab', { name: /Palabra/ }).textContent(), /\(2\)/);

    await page.getByRole('button', { name: 'Dar la palabra al siguiente' }).click();
    await page.locator('#orador').getByText('Juan Pérez Gómez').waitFor();
    const timer = page.getByRole('timer');
    await timer.waitFor();
    assert.match(await page.locator('#cronometro').textContent(), /^(2:00|1:5\d)$/);
    assert.match(await timer.textContent(), /restantes de 2:00/);
    await page.waitForFunction(() => document.querySelectorAll('#espera-lista > li.floor-row').length === 1);
    await checkLayout(page, { minFontPx: 16 });
    await checkA11y(page, 'moderar palabra');
    await shot(page, 'moderar-1280-palabra');

    await page.getByRole('button', { name: 'Terminar turno' }).click();
    await page.locator('#palabra-estado').getByText('Terminó el turno de Juan Pérez Gómez.').waitFor();
    await page.getByText('Nadie tiene la palabra. Désela a la primera persona en espera.').waitFor();
    // A third person joins; the moderator picks Rosa's row explicitly.
    const maria = await requestFloor(page, codes['María López Hernández']);
    assert.equal(maria.status, 201);
    await page.waitForFunction(() => document.querySelectorAll('#espera-lista > li.floor-row').length === 2, null, { timeout: 8000 });
    await page.getByRole('button', { name: 'Dar la palabra a Rosa Díaz Ruiz' }).click();
    await page.locator('#orador').getByText('Rosa Díaz Ruiz').waitFor();

    // Shorter turns, then a reload: the queue and the speaker are still there (the server holds them).
    await page.getByLabel('Tiempo por persona').selectOption('60');
    await page.locator('#palabra-estado').getByText('Ahora cada persona tiene 1 minuto.').waitFor();
    await page.reload();
    await page.locator('#panel-palabra').waitFor({ state: 'visible' });
    await page.locator('#orador').getByText('Rosa Díaz Ruiz').waitFor();
    await page.locator('#espera-lista .floor-name').getByText('María López Hernández').waitFor();
    assert.match(await page.getByRole('timer').textContent(), /restantes de 1:00/);
    assert.equal(await page.getByLabel('Tiempo por persona').inputValue(), '60');
    assertNoProblems(s, { allow });
  } finally {
    await s.close();
  }
});

test('Cierre: only the allowed transitions, a confirmation before closing; every tab at 1024x768', async () => {
  const s = await tabletPage({ viewport: TABLET.viewport, hasTouch: true, live: false });
  const { page } = s;
  try {
    await login(page, 'coordinador', 'demo-coordinador');
    await page.locator('#conexion').getByText('Sin conexión en vivo; actualizando cada 3 s').waitFor();
    await openTab(page, 'Cierre');
    const panel = page.locator('#panel-cierre');
    const state = await page.locator('#estado-asamblea').textContent();
    const button = (name) => panel.getByRole('button', { name, exact: true });
    if (/Convocada/.test(state)) {
      assert.ok(await button('Abrir el registro').isEnabled());
      assert.ok(await button('Cerrar la asamblea').isDisabled(), 'cannot close before the session');
      await button('Abrir el registro').click();
      await page.getByRole('dialog').getByRole('button', { name: 'Abrir el registro' }).click();
    }
    await page.locator('.mod-bar').getByText('Registro abierto').waitFor();
    assert.ok(await button('Iniciar la sesión').isEnabled());
    assert.ok(await button('Abrir el registro').isDisabled());
    assert.ok(await button('Cerrar la asamblea').isDisabled());

    await button('Suspender').click(); // reversible: no question
    await page.locator('.mod-bar').getByText('Suspendida').waitFor();
    assert.ok(await button('Reanudar el registro').isEnabled(), 'resumes to where it was');
    assert.ok(await button('Iniciar la sesión').isDisabled());
    await checkA11y(page, 'moderar cierre suspendida');
    await shot(page, 'moderar-1024-cierre-suspendida');
    await button('Reanudar el registro').click();
    await page.locator('.mod-bar').getByText('Registro abierto').waitFor();

    await button('Iniciar la sesión').click();
    await page.getByRole('dialog').getByRole('button', { name: 'Iniciar la sesión' }).click();
    await page.locator('.mod-bar').getByText('En sesión').waitFor();

    // Polls every 3 s do not take the focus away from the button under the moderator's finger.
    await button('Suspender').focus();
    await page.waitForTimeout(3500);
    assert.equal(await page.evaluate(() => document.activeElement.dataset.to), 'suspendida', 'focus survives a poll');

    // Closing asks first; cancelling changes nothing.
    await button('Cerrar la asamblea').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Este paso no se puede deshacer.').waitFor();
    await checkA11y(page, 'moderar cierre diálogo');
    await shot(page, 'moderar-1024-cierre-confirmar');
    await dialog.getByRole('button', { name: 'Cancelar' }).click();
    assert.match(await page.locator('#estado-asamblea').textContent(), /En sesión/);

    for (const tab of ['Registro', 'Propuestas', 'Palabra', 'Votaciones', 'Cierre']) {
      await openTab(page, tab);
      await page.waitForTimeout(300);
      await checkLayout(page, { minFontPx: 16 });
      await checkA11y(page, `moderar 1024 ${tab}`);
      await shot(page, `moderar-1024-${tab.toLowerCase()}`);
    }

    await button('Cerrar la asamblea').click();
    await dialog.getByRole('button', { name: 'Cerrar la asamblea' }).click();
    await page.locator('.mod-bar').getByText('Cerrada').waitFor();
    for (const name of ['Abrir el registro', 'Iniciar la sesión', 'Suspender', 'Cerrar la asamblea']) {
      assert.ok(await button(name).isDisabled(), `${name} is off once closed`);
    }
    await openTab(page, 'Registro');
    await page.getByText('la asamblea está cerrada; ya no se registra a nadie.').waitFor();
    assert.ok(await page.getByRole('button', { name: 'Registrar' }).isDisabled());
    await shot(page, 'moderar-1024-registro-cerrada');
    assertNoProblems(s, { allow });
  } finally {
    await s.close();
  }
});

test('at 200 % zoom (640 px wide) nothing needs sideways scrolling', async () => {
  const s = await tabletPage({ viewport: { width: 640, height: 400 } });
  const { page } = s;
  try {
    await login(page);
    for (const tab of ['Registro', 'Propuestas', 'Palabra', 'Votaciones', 'Cierre']) {
      await openTab(page, tab);
      await page.waitForTimeout(200);
      await checkLayout(page, { minFontPx: 16 });
    }
    await openTab(page, 'Registro');
    await shot(page, 'moderar-640-registro');
    assertNoProblems(s, { allow });
  } finally {
    await s.close();
  }
});

test('tabs work with the keyboard and the chosen tab survives a reload', async () => {
  const s = await tabletPage();
  const { page } = s;
  try {
    await login(page);
    await page.getByRole('tab', { name: 'Registro' }).focus();
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'tab-propuestas');
    assert.equal(await page.getByRole('tab', { name: 'Propuestas' }).getAttribute('aria-selected'), 'true');
    await page.keyboard.press('End');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'tab-cierre');
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'tab-registro');
    await page.keyboard.press('ArrowLeft');
    // Read in the page: page.url() learns of history.replaceState asynchronously and can lag a
    // key press behind on a loaded machine.
    assert.equal(await page.evaluate(() => location.hash), '#cierre');
    await page.reload();
    await page.locator('#panel-cierre').waitFor({ state: 'visible' });
    assert.equal(await page.getByRole('tab', { name: 'Cierre' }).getAttribute('aria-selected'), 'true');
    assertNoProblems(s, { allow });
  } finally {
    await s.close();
  }
});

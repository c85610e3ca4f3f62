// The COSABI's follow-up on a 360-px phone against the REAL server (issue 14): the demo's closed
// 2025 assembly, its committee logins (tesorería and presidencia), one work from planeado to
// verificado.
//
// 1. Tesorería logs in through /entrar.html and lands back on /c/{clues}/seguimiento: the board
//    (cuadernillo, proof score, deadline, the works as cards); «Empezar a cotizar» from the card.
// 2. Three quotes with their files (one RFC with a wrong check digit: accepted, said kindly); the
//    second cheapest is chosen with its public reason; contratado; en ejecución.
// 3. A CFDI 4.0 invoice made here (fresh UUID) with its PDF and proof of payment: the invoice's
//    supplier, total and UUID come back; the same UUID again and an amount over the contract are
//    refused in Spanish.
// 4. Photos: «antes»; «durante» whose answer is lost (the retry finds it recorded and does not
//    post it again); «después» while the phone is offline (the outbox says so, sends it when the
//    network returns, exactly one evidence row); the entrega-recepción PDF; entregado.
// 5. Tesorería confirms, presidencia confirms on her phone: verificado.
// 6. The moderator sees the same page read only; 7. the coordinator adds a work outside the vote.
// axe on the board and the detail, layout checks, screenshots (seguimiento-*.png).
// Run: ASAMBLEA_BINARY=build/src/cli/asamblea node --test tests/browser/seguimiento.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  SCREENSHOT_DIR, apiJson, assertNoProblems, checkA11y, checkLayout, pageSet, startAll,
} from './lib/harness.mjs';
import { cfdi, pdf, png, rfc } from './lib/followup-files.mjs';

const CLUES = 'CSIMB001234';
const TESORERIA = { username: 'cosabi-tesoreria', password: process.env.SEG_PASSWORD_TESORERIA || 'demo-cosabi-tesoreria' };
const PRESIDENCIA = { username: 'cosabi-presidencia', password: process.env.SEG_PASSWORD_PRESIDENCIA || 'demo-cosabi-presidencia' };
const MODERADOR = { username: 'moderador', password: 'demo-moderador' };
const COORDINADOR = { username: 'coordinador', password: 'demo-coordinador' };

// Expected on the way: the refused invoices (409) and the requests that met the offline network.
const ALLOW = [/\b409\b/, /ERR_INTERNET_DISCONNECTED/, /Failed to fetch/];

let env;
let token; // tesorería's, for cross-checks through the API
let work; // the work taken from planeado to verificado
const pages = pageSet(() => env, 'seguimiento');
const { open, shot } = pages;

before(async () => {
  env = await startAll();
  const login = await apiJson(env.url, '/api/auth/login', { method: 'POST', body: TESORERIA });
  assert.equal(login.status, 200, `login ${TESORERIA.username}: ${JSON.stringify(login.data)}`);
  token = login.data.token;
  const board = await apiJson(env.url, `/api/c/${CLUES}/followup`, { token });
  assert.equal(board.status, 200, JSON.stringify(board.data));
  assert.equal(board.data.viewer.can_write, true);
  const planned = board.data.works.filter((w) => w.state === 'planeado');
  assert.ok(planned.length, `the demo has a work in planeado: ${board.data.works.map((w) => w.state).join(', ')}`);
  work = planned[0];
});

after(async () => {
  await pages.closeAll();
  if (env) await env.teardown();
});

const base = () => `/c/${CLUES}/seguimiento`;
const detail = async () => (await apiJson(env.url, `/api/c/${CLUES}/works/${work.id}`, { token })).data;

/** Opens the page without a session, goes through the login, and lands back on the page. */
async function login(page, who, hash = '') {
  await page.goto(`${base()}${hash}`);
  await page.waitForURL((u) => u.pathname === '/entrar.html');
  assert.equal(new URL(page.url()).searchParams.get('volver'), `${base()}${hash}`);
  await page.getByLabel('Usuario').fill(who.username);
  await page.getByLabel('Contraseña', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'Entrar', exact: true }).click();
  await page.waitForURL((u) => u.pathname === base());
}

const pesos = (centavos) => (centavos / 100).toFixed(2);

async function addQuote(page, { supplier, rfc: r, centavos, file, name, mimeType }) {
  await page.getByLabel('Proveedor', { exact: true }).fill(supplier);
  await page.getByLabel('RFC del proveedor').fill(r);
  await page.getByLabel('Monto total (pesos)').fill(pesos(centavos));
  await page.getByLabel('Fecha de la cotización').fill('2025-05-02');
  await page.locator('#cot-archivo').setInputFiles({ name, mimeType, buffer: file });
  await page.getByRole('button', { name: 'Guardar la cotización' }).click();
  await page.locator('#cot-form-estado').getByText(`Se guardó la cotización de ${supplier}.`).waitFor();
}

test('one work from planeado to verificado on the committee phones, with an upload that waits offline', async () => {
  const tes = await open('phone');
  const t = tes.page;
  await login(t, TESORERIA);

  // ---------- 1. The board ----------
  await t.locator('#tablero').waitFor({ state: 'visible' });
  await t.locator('#quien').getByText('Usted registra como Tesorería del COSABI.', { exact: false }).waitFor();
  await t.locator('#dinero').getByText('Saldo').waitFor();
  await t.locator('#prueba').getByText(/^Comprobado: /).waitFor();
  await t.locator('#prueba').getByText(/^Fotos antes y después: /).waitFor();
  const deadline = await t.locator('#plazo .notice').textContent();
  assert.match(deadline, /(Plazo|Urgente|Vencido):/, deadline);
  assert.match(deadline, /Fecha límite para comprobar: \d+ de \w+ de \d{4}/);
  const card = t.locator(`#tarjeta-${work.id}`);
  await card.getByText('Planeado', { exact: true }).waitFor();
  await card.getByText('Siguiente paso: Empezar a cotizar').waitFor();
  await card.getByText('Paso 1 de 6').waitFor();
  await checkA11y(t, 'seguimiento: tablero');
  await checkLayout(t);
  await shot(t, '1-tablero');

  await card.getByRole('button', { name: `Empezar a cotizar: ${work.title}` }).click();
  await t.locator('#obras-estado').getByText(`«${work.title}» ahora está: Cotizando.`).waitFor();
  await card.getByText('Siguiente paso: Faltan 3 cotizaciones').waitFor();

  // ---------- 2. Quotes ----------
  await card.getByRole('link', { name: `Agregar una cotización: ${work.title}` }).click();
  await t.waitForURL((u) => u.hash === `#obra-${work.id}/cotizaciones`);
  await t.locator('#obra-titulo', { hasText: work.title }).waitFor();
  const approved = work.approved_centavos;
  const quotes = [
    { supplier: 'Construcciones del Valle', rfc: rfc('CVA0501015K'), centavos: Math.round(approved * 0.80), file: pdf('Cotizacion 1'), name: 'cotizacion-1.pdf', mimeType: 'application/pdf' },
    { supplier: 'Materiales Ruiz', rfc: rfc('MRU100520AB', { wrong: true }), centavos: Math.round(approved * 0.85), file: png(64, 48, [40, 120, 200]), name: 'cotizacion-2.png', mimeType: 'image/png' },
    { supplier: 'Obras del Sur', rfc: rfc('OSU150910QW'), centavos: Math.round(approved * 0.90), file: pdf('Cotizacion 3'), name: 'cotizacion-3.pdf', mimeType: 'application/pdf' },
  ];
  // A quote without its file is stopped on the phone.
  await t.getByRole('button', { name: 'Guardar la cotización' }).click();
  await t.locator('#cot-archivo-error').getByText('Agregue la foto o el PDF de la cotización.').waitFor();
  await addQuote(t, quotes[0]);
  await addQuote(t, quotes[1]);
  await t.locator('#cot-form-estado').getByText('dígito verificador', { exact: false }).waitFor();
  await checkA11y(t, 'seguimiento: aviso del RFC');
  await addQuote(t, quotes[2]);
  await t.locator('.quote').nth(2).waitFor();
  assert.equal(await t.locator('.quote:not(.is-void):not(.is-pending)').count(), 3);
  await t.locator('#cotizaciones .rfc-warning').first().waitFor();
  await t.locator('section[aria-label="Siguiente paso"]').getByText('Falta elegir una cotización').waitFor();

  // The second cheapest, with its public reason.
  await t.getByRole('button', { name: 'Elegir esta: Materiales Ruiz' }).click();
  const dialog = t.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Elegir esta cotización' }).click();
  await dialog.getByText('Escriba la razón.').waitFor();
  await dialog.getByLabel('Por qué se elige aunque no es la más barata').fill('Entrega en la mitad del tiempo e incluye garantía de un año.');
  await checkA11y(t, 'seguimiento: razón de la elección');
  await t.screenshot({ path: path.join(SCREENSHOT_DIR, 'seguimiento-2b-razon.png') }); // the dialog, where it is
  await dialog.getByRole('button', { name: 'Elegir esta cotización' }).click();
  await t.locator('#cot-estado').getByText('Se eligió la cotización de Materiales Ruiz.').waitFor();
  await t.locator('#cotizaciones').getByText('Razón pública de la elección:').waitFor();
  await checkA11y(t, 'seguimiento: detalle con cotizaciones');
  await checkLayout(t);
  await shot(t, '2-cotizaciones');

  const next = t.locator('section[aria-label="Siguiente paso"]');
  await next.getByRole('button', { name: 'Marcar como contratado' }).click();
  await t.locator('#obra-estado').getByText(`«${work.title}» ahora está: Contratado.`).waitFor();
  await next.getByRole('button', { name: 'Marcar en ejecución' }).click();
  await t.locator('#obra-estado').getByText(`«${work.title}» ahora está: En ejecución.`).waitFor();

  // ---------- 3. The invoice (tesorería) ----------
  const contract = quotes[1].centavos;
  const invoice = cfdi({ emisorRfc: quotes[1].rfc, emisorNombre: 'MATERIALES RUIZ', total: Math.round(contract * 0.6) / 100 });
  const sendInvoice = async (xml) => {
    await t.locator('#gasto-xml').setInputFiles({ name: 'factura.xml', mimeType: 'text/xml', buffer: xml });
    await t.locator('#gasto-pdf').setInputFiles({ name: 'factura.pdf', mimeType: 'application/pdf', buffer: pdf('Factura') });
    await t.locator('#gasto-pago').setInputFiles({ name: 'pago.png', mimeType: 'image/png', buffer: png(32, 32, [10, 160, 90]) });
    await t.getByRole('button', { name: 'Registrar el gasto' }).click();
  };
  await sendInvoice(invoice.xml);
  const spent = t.locator('#gasto-form-estado');
  await spent.getByText('Se registró la factura de MATERIALES RUIZ', { exact: false }).waitFor();
  await spent.getByText(invoice.uuid).waitFor();
  await t.locator('#gastos .expense').getByText(invoice.uuid).waitFor();
  await shot(t, '3-factura');
  // The same folio fiscal again: refused, in Spanish.
  await sendInvoice(invoice.xml);
  await spent.getByText('No se registró el gasto.').waitFor();
  const reused = await spent.textContent();
  assert.doesNotMatch(reused, /cfdi_uuid_used/, 'the code is not shown, the message is');
  // Over the contract: a fresh UUID for more than what is left of it.
  await sendInvoice(cfdi({ emisorRfc: quotes[1].rfc, emisorNombre: 'MATERIALES RUIZ', total: Math.round(contract * 0.6) / 100 }).xml);
  await t.waitForFunction((before) => {
    const now = document.getElementById('gasto-form-estado').textContent;
    return now !== before && now.includes('No se registró el gasto.');
  }, reused);
  console.log(`refusals: «${reused}» then «${await spent.textContent()}»`);
  await checkA11y(t, 'seguimiento: gasto rechazado');
  let d = await detail();
  assert.equal(d.expenses.filter((x) => !x.voided_at).length, 1, 'one live expense');

  // ---------- 4. Photos, one of them through the outbox ----------
  await t.getByLabel('Foto de antes', { exact: true }).check();
  await t.locator('#ev-foto').setInputFiles({ name: 'antes.png', mimeType: 'image/png', buffer: png(120, 90, [180, 90, 30]) });
  await t.locator('#ev-estado').getByText(`Se agregó «Foto de antes» a «${work.title}».`).waitFor();

  // The answer lost on the way back: the server recorded the photo, the phone saw no answer.
  // The retry asks the work first, finds the row with that file, and does not post it again.
  await t.getByLabel('Foto durante', { exact: true }).check();
  const evidencePath = `**/api/c/${CLUES}/works/${work.id}/evidence`;
  await t.route(evidencePath, async (route) => {
    await route.fetch(); // reaches the server, which records it
    await route.abort('internetdisconnected');
  }, { times: 1 });
  await t.locator('#ev-foto').setInputFiles({ name: 'durante.png', mimeType: 'image/png', buffer: png(100, 80, [90, 160, 60]) });
  await t.locator('#pendientes').getByText('Sin conexión: 1 foto pendiente, se enviará al reconectar.').waitFor();
  await t.unroute(evidencePath);
  d = await detail();
  assert.equal(d.evidence.filter((e) => e.kind === 'foto_durante').length, 1, 'the server has it already');
  await t.locator('#pendientes').getByRole('button', { name: 'Intentar ahora' }).click();
  await t.locator('#pendientes .notice').waitFor({ state: 'detached' });
  d = await detail();
  assert.equal(d.evidence.filter((e) => e.kind === 'foto_durante').length, 1, 'not posted twice');

  await t.getByLabel('Foto de después', { exact: true }).check();
  await tes.context.setOffline(true);
  await t.locator('#ev-foto').setInputFiles({ name: 'despues.png', mimeType: 'image/png', buffer: png(120, 90, [30, 90, 180]) });
  await t.locator('#ev-estado').getByText('Sin conexión: «Foto de después» quedó guardada en este teléfono.').waitFor();
  await t.locator('#pendientes').getByText('Sin conexión: 1 foto pendiente, se enviará al reconectar.').waitFor();
  await checkA11y(t, 'seguimiento: sin conexión');
  await checkLayout(t);
  await shot(t, '4-sin-conexion');
  d = await detail();
  assert.equal(d.evidence.filter((e) => e.kind === 'foto_despues').length, 0, 'nothing arrived while offline');
  await tes.context.setOffline(false);
  await t.locator('#pendientes .notice').waitFor({ state: 'detached', timeout: 30_000 });
  await t.locator('#fotos .ev-kind', { hasText: 'Foto de después' }).waitFor();
  d = await detail();
  assert.equal(d.evidence.filter((e) => e.kind === 'foto_despues' && !e.voided_at).length, 1, 'sent exactly once');
  assert.equal(await t.evaluate(() => new Promise((resolve) => {
    const req = indexedDB.open('asamblea-seguimiento');
    req.onsuccess = () => {
      const all = req.result.transaction('outbox').objectStore('outbox').getAll();
      all.onsuccess = () => resolve(all.result.length);
    };
  })), 0, 'the outbox is empty');

  await t.getByLabel('Acta de entrega-recepción', { exact: true }).check();
  await t.locator('#ev-archivo').setInputFiles({ name: 'acta.pdf', mimeType: 'application/pdf', buffer: pdf('Acta de entrega-recepcion') });
  await t.locator('#ev-estado').getByText(`Se agregó «Acta de entrega-recepción» a «${work.title}».`).waitFor();
  await next.getByRole('button', { name: 'Marcar como entregado' }).click();
  await t.locator('#obra-estado').getByText(`«${work.title}» ahora está: Entregado.`).waitFor();
  await checkA11y(t, 'seguimiento: detalle entregado');
  await shot(t, '5-entregado');

  // ---------- 5. Two confirmations by different roles ----------
  await next.getByRole('button', { name: 'Confirmar que se entregó' }).click();
  await t.locator('#obra-estado').getByText('Quedó registrada su confirmación.', { exact: false }).waitFor();
  await t.locator('#confirmaciones').getByText('Confirmó Tesorería', { exact: false }).waitFor();
  await t.locator('#confirmaciones').getByText('Falta la confirmación de un integrante con un cargo distinto de: Tesorería.').waitFor();

  const pres = await open('phone');
  const p = pres.page;
  await login(p, PRESIDENCIA, `#obra-${work.id}`);
  await p.locator('#obra-titulo', { hasText: work.title }).waitFor();
  await p.locator('section[aria-label="Siguiente paso"]').getByRole('button', { name: 'Confirmar que se entregó' }).click();
  await p.locator('#obra-estado').getByText(`Quedó confirmada la entrega. «${work.title}» está verificada.`).waitFor();
  await p.locator('#obra .work-badge', { hasText: 'Verificado' }).waitFor();
  await checkA11y(p, 'seguimiento: verificado');
  await checkLayout(p);
  await shot(p, '6-verificado');
  d = await detail();
  assert.equal(d.state, 'verificado');
  assert.deepEqual(d.confirmations.map((c) => c.role).sort(), ['presidencia', 'tesoreria']);
  // Back to the board with the back button: the card says it is done.
  await p.getByRole('link', { name: 'Volver a las obras' }).click();
  await p.locator(`#tarjeta-${work.id}`).getByText('Terminada: no faltan pasos.').waitFor();

  // ---------- 6. The moderator: read only ----------
  const mod = await open('phone');
  const m = mod.page;
  await login(m, MODERADOR);
  await m.locator('#quien').getByText('Solo lectura:', { exact: false }).waitFor();
  await m.locator(`#tarjeta-${work.id}`).waitFor();
  assert.equal(await m.locator('#obras button').count(), 0, 'no write buttons on the board');
  // The informe opens in a new tab (fetched with the staff token, shown as a PDF).
  const [report] = await Promise.all([m.waitForEvent('popup'), m.getByRole('button', { name: /^Ver el informe 2025/ }).click()]);
  await report.waitForURL(/^blob:/);
  await report.close();
  await checkA11y(m, 'seguimiento: moderación, tablero');
  await checkLayout(m);
  await shot(m, '7-moderacion');
  await m.locator(`#tarjeta-${work.id} .work-title a`).click();
  await m.locator('#obra-titulo', { hasText: work.title }).waitFor();
  assert.equal(await m.locator('#obra form, #obra input[type="file"]').count(), 0, 'no forms in the detail');
  assert.equal(await m.getByRole('button', { name: /^(Elegir|Anular|Confirmar|Marcar|Detener)/ }).count(), 0);
  // A photo shows in the page (fetched with the token, drawn from a data: URL the CSP allows).
  await m.locator('#fotos').getByRole('button', { name: /^Ver foto/ }).first().click();
  await m.locator('#fotos img.ev-photo').first().waitFor();
  assert.ok(await m.locator('#fotos img.ev-photo').first().evaluate((img) => img.complete && img.naturalWidth > 0), 'the photo is drawn');
  await checkA11y(m, 'seguimiento: moderación, detalle');

  // ---------- 7. The coordinator: read only, and adds a work outside the vote ----------
  const coord = await open('phone');
  const c = coord.page;
  await login(c, COORDINADOR);
  await c.locator('#quien').getByText('Solo lectura:', { exact: false }).waitFor();
  // The notice at the top says the coordinator may add a work and takes them to the form below.
  await c.locator('#quien').getByRole('button', { name: 'Agregar una obra' }).click();
  const summary = c.locator('#coordinacion summary', { hasText: 'Agregar una obra a esta unidad' });
  assert.ok(await summary.evaluate((n) => n === document.activeElement && n.parentElement.open), 'the form is open, its summary focused');
  await c.getByLabel('Título', { exact: true }).fill('Reparación urgente de la bomba de agua');
  await c.getByLabel('Categoría').selectOption('obra');
  await c.getByLabel('Monto aprobado (pesos)').fill('5,000');
  await c.getByLabel('Por qué se agrega').fill('La bomba se descompuso después de la asamblea.');
  await checkA11y(c, 'seguimiento: coordinación agrega una obra');
  await checkLayout(c);
  await c.getByRole('button', { name: 'Agregar la obra' }).click();
  await c.locator('#coord-estado').getByText('Se agregó «Reparación urgente de la bomba de agua».').waitFor();
  await c.locator('.work-card', { hasText: 'Reparación urgente de la bomba de agua' }).getByText('Planeado', { exact: true }).waitFor();
  await shot(c, '8-coordinacion');

  for (const s of [tes, pres, mod, coord]) assertNoProblems(s, { allow: ALLOW });
});

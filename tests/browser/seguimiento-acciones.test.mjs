// The committee's follow-up, the actions the main walk (seguimiento.test.mjs) does not take, on a
// 360-px phone against the REAL server and the demo's 2025 works at CSIMB001234 (issue 14):
//
// 1. The board: the card of a delivered work whose confirmation tesorería already gave says so
//    instead of offering the button again; the year switch shows 2026 (no works yet) and back.
// 2. «Instalación eléctrica y lámparas» (cotizando): a quote voided with its reason; the work
//    stopped with a reason, resumed, then cancelled with a reason: its money returns to the
//    clinic's balance; the timeline says who moved it; a note says who wrote it.
// 3. «Pintura interior y exterior» (en ejecución): tesorería voids the invoice (never deleted);
//    a photo taken with the phone's position allowed (the server keeps that it has one, the wire
//    never says where) and its time; «Agregar foto» opens the camera; a large picture is shrunk on the phone before it travels; a HEIC the
//    phone cannot redraw is stopped on the phone with how to fix it; a photo voided.
// 4. «Autoclave para esterilizar» (entregado): the equipment's serial numbers and tags.
// 5. «Barda perimetral» (detenido, one quote), on presidencia's phone: resumed; contratado is
//    refused in Spanish while two quotes are missing; the only quote is chosen; the written
//    exception to the three quotes (an empty one refused first) shows on the detail and on the
//    clinic's public page; then the next step is «Marcar como contratado» and the move is taken.
// 6. The demo's `cosabi` login, which holds no seat of the current COSABI, is refused the page.
// axe and layout on each state, screenshots (seguimiento-acciones-*.png).
// Run: ASAMBLEA_BINARY=build/src/cli/asamblea node --test tests/browser/seguimiento-acciones.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  apiJson, assertNoProblems, checkA11y, checkLayout, pageSet, startAll,
} from './lib/harness.mjs';
import { png } from './lib/followup-files.mjs';

const CLUES = 'CSIMB001234';
const TESORERIA = { username: 'cosabi-tesoreria', password: 'demo-cosabi-tesoreria' };
const PRESIDENCIA = { username: 'cosabi-presidencia', password: 'demo-cosabi-presidencia' };
const HERE = { latitude: 16.7370, longitude: -92.6376 }; // San Cristóbal de las Casas

let env;
let token;
let board; // the 2025 board as the API gives it at the start
const pages = pageSet(() => env, 'seguimiento-acciones');
const { open, shot } = pages;

before(async () => {
  env = await startAll();
  const login = await apiJson(env.url, '/api/auth/login', { method: 'POST', body: TESORERIA });
  assert.equal(login.status, 200, JSON.stringify(login.data));
  token = login.data.token;
  board = (await apiJson(env.url, `/api/c/${CLUES}/followup`, { token })).data;
});

after(async () => {
  await pages.closeAll();
  if (env) await env.teardown();
});

const base = () => `/c/${CLUES}/seguimiento`;
const api = async (p) => (await apiJson(env.url, `/api/c/${CLUES}${p}`, { token })).data;
const workNamed = (title) => {
  const w = board.works.find((x) => x.title === title);
  assert.ok(w, `the demo has «${title}»: ${board.works.map((x) => x.title).join(', ')}`);
  return w;
};

async function login(page, who) {
  await page.goto(base());
  await page.waitForURL((u) => u.pathname === '/entrar.html');
  await page.getByLabel('Usuario').fill(who.username);
  await page.getByLabel('Contraseña', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'Entrar', exact: true }).click();
  await page.waitForURL((u) => u.pathname === base());
  await page.locator('#tablero').waitFor({ state: 'visible' });
}

/** Answers the reason dialog: the empty reason is refused first, then `reason` goes. */
async function giveReason(page, { label, confirm, reason }) {
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: confirm, exact: true }).click();
  await dialog.getByText('Escriba la razón.').waitFor();
  await dialog.getByLabel(label).fill(reason);
  await dialog.getByRole('button', { name: confirm, exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
}

async function openWork(page, work) {
  await page.goto(`${base()}#obra-${work.id}`);
  await page.locator('#obra-titulo', { hasText: work.title }).waitFor();
}

test('voids, stop, resume and cancel, notes, location, shrinking, HEIC and equipment on the committee phone', async () => {
  const tes = await open('phone', { permissions: ['geolocation'], geolocation: HERE });
  const t = tes.page;
  await login(t, TESORERIA);
  const me = board.viewer.role_label;
  assert.equal(me, 'Tesorería');

  // ---------- 1. The board ----------
  const autoclave = workNamed('Autoclave para esterilizar');
  assert.deepEqual(autoclave.confirmed_roles, ['tesoreria'], 'the demo has tesorería confirmed it');
  const card = t.locator(`#tarjeta-${autoclave.id}`);
  await card.getByText('Ya confirmó Tesorería. Falta que confirme alguien del COSABI con otro cargo.').waitFor();
  assert.equal(await card.getByRole('button', { name: /Confirmar que se entregó/ }).count(), 0,
    'no button for a confirmation this seat already gave');
  await checkA11y(t, 'seguimiento-acciones: tablero');
  await shot(t, '1-tablero');

  await t.getByLabel('Asamblea del año').selectOption('2026');
  await t.getByText('Esta asamblea no tiene obras.', { exact: false }).waitFor();
  await t.locator('#titulo', { hasText: 'Seguimiento de obras 2026' }).waitFor();
  await checkA11y(t, 'seguimiento-acciones: 2026 sin obras');
  await shot(t, '1b-2026');
  await t.getByLabel('Asamblea del año').selectOption('2025');
  await card.waitFor();

  // ---------- 2. Void a quote; stop, resume, cancel; a note ----------
  const electrica = workNamed('Instalación eléctrica y lámparas');
  assert.equal(electrica.state, 'cotizando');
  await openWork(t, electrica);
  const quotes = (await api(`/works/${electrica.id}`)).quotes.filter((q) => !q.voided_at);
  assert.ok(quotes.length >= 1);
  const gone = quotes[0];
  await t.getByRole('button', { name: `Anular la cotización de ${gone.supplier}` }).click();
  await giveReason(t, { label: 'Por qué se anula', confirm: 'Anular', reason: 'El proveedor retiró su oferta.' });
  await t.locator('#cot-estado').getByText(`Se anuló la cotización de ${gone.supplier}`).waitFor();
  assert.doesNotMatch(await t.locator('#cot-estado').textContent(), /\.\./, 'one period after «S.A. de C.V.»');
  await t.locator('.quote.is-void', { hasText: gone.supplier }).getByText('Anulada').waitFor();
  let d = await api(`/works/${electrica.id}`);
  const voided = d.quotes.find((q) => q.id === gone.id);
  assert.equal(voided.void_reason, 'El proveedor retiró su oferta.');

  const status = t.locator('#mover-estado');
  await t.locator('#estado').getByRole('button', { name: 'Detener la obra' }).click();
  await giveReason(t, { label: 'Por qué se detiene', confirm: 'Detener la obra', reason: 'Falta el permiso de la CFE.' });
  await status.getByText(`«${electrica.title}» ahora está: Detenido.`).waitFor();
  const history = t.locator('#historial li').last();
  await history.getByText('Cotizando →').waitFor();
  await history.getByText('Razón: Falta el permiso de la CFE.').waitFor();
  const who = await history.locator('.tl-who').textContent();
  assert.match(who, new RegExp(`por ${me} \\(.+\\)`), `the timeline says who: «${who}»`);
  await checkA11y(t, 'seguimiento-acciones: detenida');
  await checkLayout(t);
  await shot(t, '2-detenida');

  await t.locator('#estado').getByRole('button', { name: 'Reanudar (Cotizando)' }).click();
  await status.getByText(`«${electrica.title}» ahora está: Cotizando.`).waitFor();

  const saldoBefore = (await api('/followup')).money.saldo_centavos;
  await t.locator('#estado').getByRole('button', { name: 'Cancelar la obra' }).click();
  await giveReason(t, { label: 'Por qué se cancela', confirm: 'Cancelar la obra', reason: 'La CFE negó el permiso.' });
  await status.getByText(`«${electrica.title}» ahora está: Cancelado.`).waitFor();
  d = await api(`/works/${electrica.id}`);
  assert.equal(d.state, 'cancelado');
  assert.deepEqual(d.timeline.slice(-3).map((m) => m.to), ['detenido', 'cotizando', 'cancelado']);
  assert.ok(d.timeline.slice(-3).every((m) => m.role === 'tesoreria' && m.name), 'every move attributed');
  const saldoAfter = (await api('/followup')).money.saldo_centavos;
  assert.equal(saldoAfter - saldoBefore, electrica.approved_centavos - electrica.money.ejercido_centavos,
    'what was not spent returns to the balance');
  await t.locator('#estado').getByText('La obra se canceló: ya no cambia de estado.').waitFor();
  assert.equal(await t.locator('#estado button').count(), 0, 'a cancelled work has no moves');

  await t.getByRole('button', { name: 'Guardar la nota' }).click();
  await t.locator('#nota-texto-error').getByText('Escriba la nota.').waitFor();
  await t.getByLabel('Agregar una nota').fill('Se buscará otra vez el próximo año.');
  await t.getByRole('button', { name: 'Guardar la nota' }).click();
  const note = t.locator('#notas .note', { hasText: 'Se buscará otra vez el próximo año.' });
  await note.getByText(new RegExp(`por ${me} \\(.+\\)`)).waitFor();
  await checkA11y(t, 'seguimiento-acciones: cancelada con nota');
  await shot(t, '3-cancelada');

  // ---------- 3. Invoice voided; photos with position, shrunk, HEIC refused, voided ----------
  const pintura = workNamed('Pintura interior y exterior');
  assert.equal(pintura.state, 'en_ejecucion');
  await openWork(t, pintura);
  const invoice = (await api(`/works/${pintura.id}`)).expenses.find((x) => !x.voided_at);
  assert.ok(invoice, 'the demo paid part of the painting');
  await t.getByRole('button', { name: `Anular la factura de ${invoice.emisor_nombre}` }).click();
  await giveReason(t, { label: 'Por qué se anula', confirm: 'Anular', reason: 'La factura tenía otro monto.' });
  await t.locator('.expense.is-void').getByText('La factura tenía otro monto.', { exact: false }).waitFor();
  d = await api(`/works/${pintura.id}`);
  assert.equal(d.money.ejercido_centavos, pintura.money.ejercido_centavos - invoice.amount_centavos);
  assert.ok(d.expenses.some((x) => x.id === invoice.id && x.voided_at), 'voided, still there');

  const countOf = (w, kind) => w.evidence.filter((e) => e.kind === kind && !e.voided_at).length;
  const during = countOf(d, 'foto_durante');
  await t.getByLabel('Foto durante', { exact: true }).check();
  await t.getByLabel('Guardar dónde se tomó la foto').check();
  await t.getByLabel('Nota (opcional)').fill('Segunda mano de pintura');
  // A camera-sized picture: the phone redraws it at 1600 px as a JPEG before sending it.
  const big = png(2400, 1800, [200, 120, 40]);
  // «Agregar foto» opens the back camera straight away on a phone (not the file picker).
  assert.equal(await t.locator('#ev-foto').getAttribute('capture'), 'environment');
  assert.equal(await t.locator('#ev-foto').getAttribute('accept'), 'image/*');
  const picked = Date.now();
  await t.locator('#ev-foto').setInputFiles({ name: 'camara.png', mimeType: 'image/png', buffer: big });
  await t.locator('#ev-estado').getByText(`Se agregó «Foto durante» a «${pintura.title}».`).waitFor();
  console.log(`photo: «${(await t.locator('#ev-estado').textContent()).trim()}»`);
  d = await api(`/works/${pintura.id}`);
  assert.equal(countOf(d, 'foto_durante'), during + 1);
  const sent = d.evidence.at(-1);
  assert.equal(sent.kind, 'foto_durante');
  assert.equal(sent.located, true, 'the position was allowed and kept');
  assert.equal(sent.note, 'Segunda mano de pintura');
  // When it was taken: the picture's own time (a fresh one here), not when it reached the server.
  const taken = Date.parse(sent.taken_at);
  assert.ok(taken >= picked - 60_000 && taken <= Date.now(), `taken_at ${sent.taken_at}`);
  assert.ok(!('latitude' in sent) && !JSON.stringify(sent).includes('16.737'), 'where is never on the wire');
  assert.equal(sent.mime, 'image/jpeg', 'redrawn as a JPEG on the phone');
  assert.ok(sent.size_bytes < big.length, `shrunk: ${sent.size_bytes} < ${big.length}`);
  await t.locator('#fotos .ev-item', { hasText: 'Segunda mano de pintura' }).getByText('con ubicación', { exact: false }).waitFor();

  // A HEIC the browser cannot redraw: the phone says how to fix it before spending the data.
  const heic = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypheic'), Buffer.alloc(12), Buffer.alloc(4000, 7)]);
  await t.locator('#ev-foto').setInputFiles({ name: 'IMG_0001.HEIC', mimeType: 'image/heic', buffer: heic });
  const refused = t.locator('#ev-estado');
  await refused.getByText('Esta foto está en un formato que el sistema no recibe (por ejemplo HEIC).', { exact: false }).waitFor();
  await refused.getByText('«Más compatible»', { exact: false }).waitFor();
  console.log(`HEIC: «${(await refused.textContent()).trim()}»`);
  await checkA11y(t, 'seguimiento-acciones: HEIC rechazada');
  await shot(t, '4-heic');
  d = await api(`/works/${pintura.id}`);
  assert.equal(countOf(d, 'foto_durante'), during + 1, 'nothing recorded for the HEIC');

  await t.getByRole('button', { name: 'Anular Foto durante' }).last().click();
  await giveReason(t, { label: 'Por qué se anula', confirm: 'Anular', reason: 'Foto repetida.' });
  await t.locator('#ev-estado').getByText('Se anuló', { exact: false }).waitFor();
  d = await api(`/works/${pintura.id}`);
  assert.equal(countOf(d, 'foto_durante'), during, 'voided');
  assert.equal(d.evidence.filter((e) => e.voided_at).at(-1).void_reason, 'Foto repetida.');
  await t.locator('#fotos .ev-item.is-void').first().waitFor();
  await checkA11y(t, 'seguimiento-acciones: factura y foto anuladas');
  await checkLayout(t);
  await shot(t, '5-anuladas');

  // ---------- 4. The equipment's data ----------
  await openWork(t, autoclave);
  await t.locator('#equipo summary', { hasText: 'Escribir marca, modelo y series' }).click();
  await t.getByLabel('Números de serie').fill('TT-25-004417\nTT-25-004418');
  await t.getByLabel('Etiquetas de inventario').fill('IMSSB-CH-2025-0131\nIMSSB-CH-2025-0132');
  await t.getByRole('button', { name: 'Guardar los datos del equipo' }).click();
  await t.locator('#equipo-estado').getByText('Se guardaron los datos del equipo.').waitFor();
  await t.locator('#equipo dd', { hasText: 'TT-25-004417, TT-25-004418' }).waitFor();
  d = await api(`/works/${autoclave.id}`);
  assert.deepEqual(d.equipment.serials, ['TT-25-004417', 'TT-25-004418']);
  assert.deepEqual(d.equipment.inventory_tags, ['IMSSB-CH-2025-0131', 'IMSSB-CH-2025-0132']);
  await checkA11y(t, 'seguimiento-acciones: equipo');
  await checkLayout(t);
  await shot(t, '6-equipo');

  assertNoProblems(tes);
});

test('a work with fewer than three quotes is contracted with a written, public exception', async () => {
  const pres = await open('phone');
  const p = pres.page;
  await login(p, PRESIDENCIA);
  const barda = workNamed('Barda perimetral');
  assert.equal(barda.state, 'detenido');
  await openWork(p, barda);
  const status = p.locator('#mover-estado');
  await p.locator('#estado').getByRole('button', { name: 'Reanudar (Cotizando)' }).click();
  await status.getByText(`«${barda.title}» ahora está: Cotizando.`).waitFor();
  let d = await api(`/works/${barda.id}`);
  const live = d.quotes.filter((q) => !q.voided_at);
  assert.equal(live.length, 1, 'the demo quoted the wall once');
  assert.equal(d.quote_exception, null);
  await p.locator('#siguiente-paso').getByText('Faltan 2 cotizaciones').waitFor();

  // Without the third quote or the exception the server refuses the move, and says why.
  await p.locator('#estado').getByRole('button', { name: 'Marcar como contratado' }).click();
  await status.getByText('No se cambió el estado.').waitFor();
  await status.getByText('Para contratar hacen falta 3 cotizaciones o una excepción por escrito; faltan 2 cotizaciones.').waitFor();
  assert.equal((await api(`/works/${barda.id}`)).state, 'cotizando');

  const only = live[0];
  await p.getByRole('button', { name: `Elegir esta: ${only.supplier}` }).click();
  await p.locator('#cot-estado').getByText(`Se eligió la cotización de ${only.supplier}`).waitFor();
  assert.doesNotMatch(await p.locator('#cot-estado').textContent(), /\.\./, 'one period after «S.A. de C.V.»');

  // The exception: an empty one is refused on the phone, then the written reason is kept.
  const why = 'Solo una constructora de la región hace bardas; las otras dos no quisieron cotizar.';
  await p.locator('#cotizaciones summary', { hasText: 'No hay tres proveedores: escribir la excepción' }).click();
  await p.getByRole('button', { name: 'Guardar la excepción' }).click();
  await p.locator('#cot-excepcion-error').getByText('Escriba la razón de la excepción.').waitFor();
  await p.getByLabel('Por qué no hay tres cotizaciones').fill(why);
  await p.getByRole('button', { name: 'Guardar la excepción' }).click();
  await p.locator('#cot-exc-estado').getByText('Se guardó la excepción.').waitFor();
  const shown = p.locator('#cotizaciones .notice', { hasText: 'Excepción a las tres cotizaciones:' });
  await shown.getByText(why).waitFor();
  d = await api(`/works/${barda.id}`);
  assert.equal(d.quote_exception, why);
  // Opened again, the form holds the exception that stands (to amend it, not to start over).
  await p.reload();
  await p.locator('#obra-titulo', { hasText: barda.title }).waitFor();
  await p.locator('#cotizaciones summary', { hasText: 'No hay tres proveedores: escribir la excepción' }).click();
  assert.equal(await p.getByLabel('Por qué no hay tres cotizaciones').inputValue(), why);
  assert.equal(d.chosen_quote_id, only.id);
  const next = p.locator('#siguiente-paso');
  await next.getByText('Marcar como contratado').first().waitFor();
  await checkA11y(p, 'seguimiento-acciones: excepción a las tres cotizaciones');
  await checkLayout(p);
  await shot(p, '7-excepcion');

  // The reason is public: the clinic's page shows it to anyone, without a login.
  const pub = await open('phone');
  await pub.page.goto(`/c/${CLUES}`);
  const item = pub.page.locator(`#obra-${barda.id}`);
  await item.locator('summary').click();
  await item.getByText(`Excepción a las tres cotizaciones: ${why}`).waitFor();
  await checkA11y(pub.page, 'clínica pública: excepción a las tres cotizaciones');

  await next.getByRole('button', { name: 'Marcar como contratado' }).click();
  await p.locator('#siguiente-paso').getByText(`«${barda.title}» ahora está: Contratado.`).waitFor();
  d = await api(`/works/${barda.id}`);
  assert.equal(d.state, 'contratado');
  const last = d.timeline.at(-1);
  assert.equal(last.to, 'contratado');
  assert.equal(last.role, 'presidencia');
  await checkA11y(p, 'seguimiento-acciones: contratada con excepción');
  await checkLayout(p);
  await shot(p, '8-contratada');

  // The refused move shows as a 409 in the console: that one is expected.
  assertNoProblems(pres, { allow: [/\b409\b/] });
  assertNoProblems(pub);
});

test('a committee login without a seat of the current COSABI cannot open the follow-up', async () => {
  const s = await open('phone');
  const p = s.page;
  await p.goto(base());
  await p.waitForURL((u) => u.pathname === '/entrar.html');
  await p.getByLabel('Usuario').fill('cosabi');
  await p.getByLabel('Contraseña', { exact: true }).fill('demo-cosabi');
  await p.getByRole('button', { name: 'Entrar', exact: true }).click();
  await p.waitForURL((u) => u.pathname === base());
  await p.getByRole('heading', { level: 1, name: 'No puede ver este seguimiento' }).waitFor();
  await p.getByText('Solo los integrantes del COSABI vigente de esta unidad ven su seguimiento.', { exact: false }).waitFor();
  await p.getByText('no corresponde a un integrante del COSABI actual de esta unidad', { exact: false }).waitFor();
  assert.equal(await p.locator('#tablero').isVisible(), false, 'no board');
  await checkA11y(p, 'seguimiento-acciones: sin cargo vigente');
  await checkLayout(p);
  await shot(p, '9-sin-cargo');
  await p.getByRole('link', { name: 'Ver lo público de la unidad' }).click();
  await p.waitForURL((u) => u.pathname === `/c/${CLUES}`);
  assertNoProblems(s, { allow: [/\b403\b/] });
});

// The clinic's public page /c/{CLUES} on a 360-px phone, no login, against the REAL server and
// the demo (issue 15): what the 2025 assembly decided (attendance and quorum as counts, every
// result with its explanation, the COSABI, the acta), a vote receipt checked against the round's
// list, where the money went (cuadernillo, proof score, deadline, each work with its steps,
// photos as metadata-free copies, quotes, invoices, documents and history), and the year switch.
// axe and layout on each state, screenshots (clinica-publica-*.png).
// Run: ASAMBLEA_BINARY=build/src/cli/asamblea node --test tests/browser/clinica-publica.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  SCREENSHOT_DIR, apiJson, assertNoProblems, checkA11y, checkLayout, pageSet, startAll,
} from './lib/harness.mjs';

const CLUES = 'CSIMB001234';

let env;
const pages = pageSet(() => env, 'clinica-publica');
const { open, shot } = pages;

before(async () => {
  env = await startAll();
});

after(async () => {
  await pages.closeAll();
  if (env) await env.teardown();
});

test('the public sees what the assembly decided and where the money went, and checks a receipt', async () => {
  const record = (await apiJson(env.url, `/api/public/c/${CLUES}/assembly`)).data;
  assert.equal(record.edition, 2025, 'the demo\'s last closed assembly');
  const budget = record.rounds.find((r) => r.kind === 'budget');
  assert.ok(budget && budget.results, 'a revealed budget round');
  const listed = (await apiJson(env.url, `/api/c/${CLUES}/rounds/${budget.id}/ballots?per_page=1&page=2`)).data;
  assert.equal(listed.items.length, 1);
  const receipt = listed.items[0].receipt;

  const s = await open('phone');
  const p = s.page;
  await p.goto(`/c/${CLUES}`);
  const decided = p.locator('#asamblea-registro');
  await decided.getByRole('heading', { name: 'Asamblea 2025' }).waitFor();
  await decided.getByText(`${record.attendance} personas registradas`).waitFor();
  await decided.getByText(/^Sí hubo quórum \(mínimo \d+\)$/).waitFor();
  await decided.getByText(budget.results.summary).waitFor();
  const explanation = budget.results.lines.find((l) => l.explanation).explanation;
  await decided.getByText(explanation).first().waitFor();
  const cosabi = decided.locator('section', { has: p.getByRole('heading', { name: 'COSABI electo' }) });
  for (const m of record.committee) await cosabi.getByText(`${m.role_label}: ${m.nombre}`).waitFor();
  const acta = decided.getByRole('link', { name: 'Descargar el acta 2025 (PDF)' });
  const actaUrl = await acta.getAttribute('href');
  const pdf = await fetch(new URL(actaUrl, env.url));
  assert.equal(pdf.status, 200);
  assert.equal(pdf.headers.get('content-type'), 'application/pdf');
  await checkA11y(p, 'clínica pública: asamblea');
  await checkLayout(p);
  await shot(p, '1-asamblea');

  // The receipt a voter kept: typed in lower case without its dash, it is found.
  const card = decided.locator('li.card', { has: p.getByRole('heading', { name: budget.title }) });
  await card.getByText('¿Se contó mi voto?').click();
  await card.getByLabel('Escriba su comprobante').fill(receipt.replace('-', '').toLowerCase());
  await card.getByRole('button', { name: 'Buscar mi voto' }).click();
  await card.getByText(`Su voto ${receipt} se contó.`).waitFor();
  await card.getByText(/^Eligió: .+\.$/).waitFor();
  await card.getByLabel('Escriba su comprobante').fill('2222-2222');
  await card.getByRole('button', { name: 'Buscar mi voto' }).click();
  await card.getByText('Ese comprobante no está en la lista de esta votación.').waitFor();
  await checkA11y(p, 'clínica pública: comprobante');
  await shot(p, '2-comprobante');

  // Where the money went.
  const works = p.locator('#obras-publicas');
  await works.getByRole('heading', { name: 'Cuadernillo de gastos 2025' }).waitFor();
  await works.getByText(/^Comprobado: \d+ % del dinero gastado$/).waitFor();
  await works.getByText(/Fecha límite para comprobar: 24 de diciembre de 2025/).waitFor();
  const roof = works.locator('li.work-card', { hasText: 'Reparación del techo del consultorio' });
  await roof.locator('.work-badge', { hasText: 'Verificado' }).waitFor();
  await roof.getByText('Paso 6 de 6').waitFor();
  await roof.getByText('Ver fotos, cotizaciones, facturas e historial').click();
  const photo = roof.locator('img.ev-photo').first();
  await photo.scrollIntoViewIfNeeded();
  await p.waitForFunction((img) => img.complete && img.naturalWidth > 0, await photo.elementHandle());
  const src = await photo.getAttribute('src');
  assert.match(src, new RegExp(`^/api/public/c/${CLUES}/photos/[0-9a-f]{64}$`));
  await roof.getByText('✔ Elegida').waitFor();
  await roof.getByText(/^Folio fiscal: /).first().waitFor();
  const invoice = await roof.getByRole('link', { name: 'Factura (PDF)' }).first().getAttribute('href');
  assert.equal((await fetch(new URL(invoice, env.url))).status, 200);
  await roof.getByRole('link', { name: 'Acta de entrega-recepción' }).waitFor();
  await roof.locator('.timeline').getByText(/por Tesorería \(.+\)/).first().waitFor();
  await roof.getByText('Confirmaron la entrega:', { exact: false }).waitFor();
  await checkA11y(p, 'clínica pública: obras');
  await checkLayout(p);
  await shot(p, '3-obras');
  // Nothing of the committee's tools: no forms to write, no login needed.
  assert.equal(await p.locator('#obras-publicas input[type="file"], #obras-publicas button').count(), 0);

  // Another year: 2026 is convocada, with no works yet.
  await p.getByLabel('Asamblea del año').selectOption('2026');
  await decided.getByRole('heading', { name: 'Asamblea 2026' }).waitFor();
  await decided.getByText('Convocada', { exact: true }).waitFor();
  await decided.getByText('El acta se publica cuando la asamblea se cierra.').waitFor();
  await works.getByText('Esta asamblea no tiene obras.', { exact: false }).waitFor();
  await checkA11y(p, 'clínica pública: 2026');
  await shot(p, '4-2026');

  assertNoProblems(s);
});

test('the clinic page prints: black on white, no tools, cards whole, link addresses shown', async () => {
  const s = await open('desktop');
  const p = s.page;
  await p.goto(`/c/${CLUES}`);
  const decided = p.locator('#asamblea-registro');
  await decided.getByRole('heading', { name: 'Asamblea 2025' }).waitFor();
  const works = p.locator('#obras-publicas');
  await works.getByRole('heading', { name: 'Cuadernillo de gastos 2025' }).waitFor();
  const photo = works.locator('img.ev-photo').first();
  assert.equal(await photo.isVisible(), false, 'on screen a work\'s photos wait behind «Ver fotos…»');

  await p.emulateMedia({ media: 'print' });
  // No tools on paper: the menu, the way back, the year switch, the receipt checks, the links
  // for voters and staff, the buttons.
  for (const selector of ['.site-nav', '.back-link', '#form-anio', '#asamblea-registro details',
    '[aria-labelledby="asamblea-titulo"]', '#clinica button']) {
    assert.equal(await p.locator(selector).evaluateAll((nodes) => nodes.some((n) => n.checkVisibility())), false,
      `${selector} is hidden in print`);
  }
  // The acta stays, as text with its address after it.
  const acta = decided.getByRole('link', { name: 'Descargar el acta 2025 (PDF)' });
  assert.ok(await acta.isVisible());
  const address = await acta.evaluate((a) => getComputedStyle(a, '::after').content);
  assert.match(address, new RegExp(`\\(/api/c/${CLUES}/acta\\.pdf[^)]*\\)`));
  // Black on white, cards kept whole.
  const look = await p.evaluate(() => ({
    page: getComputedStyle(document.body).backgroundColor,
    title: getComputedStyle(document.getElementById('nombre')).color,
    card: getComputedStyle(document.querySelector('#clinica .card')).backgroundColor,
    cardBreak: getComputedStyle(document.querySelector('#clinica .card')).breakInside,
  }));
  assert.deepEqual(look, { page: 'rgb(255, 255, 255)', title: 'rgb(0, 0, 0)', card: 'rgb(255, 255, 255)', cardBreak: 'avoid' });
  // The works print open: their photos, quotes and invoices are on the paper.
  await photo.scrollIntoViewIfNeeded();
  assert.ok(await photo.isVisible(), 'a work\'s photos print');
  await shot(p, '5-impresa');
  const pdf = await p.pdf({ format: 'A4', printBackground: true });
  assert.ok(pdf.length > 20_000, `the printed page is a real PDF (${pdf.length} bytes)`);
  await writeFile(path.join(SCREENSHOT_DIR, 'clinica-publica-5-impresa.pdf'), pdf);
  await p.emulateMedia({ media: 'screen' });
  assertNoProblems(s);
});

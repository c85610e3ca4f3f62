// The national view /nacional at 1280 px (a coordinator's or an auditor's desk) and at 360 px,
// no login, against the REAL server and the demo (issue 15 item 2): today's assemblies, the 2025
// money with the server's SVG chart, the drill-down national → institution → state → clinic
// (each clinic linking to its public page), the rankings, and every table's CSV and JSON.
// axe and layout on each step, screenshots (nacional-*.png).
// Run: ASAMBLEA_BINARY=build/src/cli/asamblea node --test tests/browser/nacional.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { apiJson, assertNoProblems, checkA11y, checkLayout, pageSet, startAll } from './lib/harness.mjs';

const CLUES = 'CSIMB001234';
const NAME = 'Centro de Salud San Juan Chamula';

let env;
const pages = pageSet(() => env, 'nacional');
const { open, shot } = pages;

before(async () => {
  env = await startAll();
});

after(async () => {
  await pages.closeAll();
  if (env) await env.teardown();
});

/** "$1,234.56" as words.js writes it. */
function pesos(centavos) {
  const n = BigInt(centavos);
  return `$${(n / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${(n % 100n).toString().padStart(2, '0')}`;
}

async function chartLoaded(page, selector) {
  const img = page.locator(selector);
  await img.scrollIntoViewIfNeeded();
  await page.waitForFunction((node) => node.complete && node.naturalWidth > 0, await img.elementHandle());
}

test('the national view drills down from the country to a clinic, with charts and downloads', async () => {
  const doc = (await apiJson(env.url, '/api/open/national.json')).data;
  assert.equal(doc.edition, 2025, 'the demo closed its 2025 assemblies');
  const total = doc.followup.total;
  assert.equal(total.clinics, 3);
  assert.ok(total.assigned_centavos > 0 && total.spent_centavos > 0, 'the demo clinic spent money');

  const s = await open('desktop');
  const p = s.page;
  await p.goto('/nacional');
  await p.getByRole('heading', { level: 1, name: 'Cuentas claras de todo el país' }).waitFor();
  const money = p.locator('#dinero-cifras');
  // Spent and proven may be the same amount: the first of each is enough.
  await money.getByText(pesos(total.assigned_centavos), { exact: true }).first().waitFor();
  await money.getByText(pesos(total.proven_centavos), { exact: true }).first().waitFor();
  await p.locator('#vivo-cifras').getByText('asambleas en sesión').waitFor();
  const nav = p.getByRole('navigation', { name: 'En esta página' });
  assert.equal(await nav.getByRole('link', { name: 'Alertas para auditoría' }).getAttribute('href'), '/nacional/alertas');
  assert.equal(await p.locator('#edicion').inputValue(), '2025');
  await chartLoaded(p, '#grafica-dinero');
  await chartLoaded(p, '#grafica-sin-comprobar');
  const chartSrc = await p.locator('#grafica-dinero').getAttribute('src');
  assert.match(chartSrc, /^\/api\/open\/national\/charts\/institutions\.svg/);
  const svg = await fetch(new URL(chartSrc, env.url));
  assert.match(svg.headers.get('content-type'), /^image\/svg\+xml/);
  assert.match(await svg.text(), /<title>Dinero por institución \(2025\)<\/title>/);
  await p.locator('#detenidas-tabla').getByText('Ninguna obra lleva 60 días o más sin avance.').waitFor();
  await checkA11y(p, 'nacional: todo el país');
  await checkLayout(p, { minFontPx: 16 });
  await shot(p, '1-pais');

  // Every table downloads as CSV and JSON with the page's filters.
  const csvLink = p.getByRole('link', { name: 'CSV: Dinero por unidad' });
  const csv = await fetch(new URL(await csvLink.getAttribute('href'), env.url));
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type'), /^text\/csv/);
  const csvText = await csv.text();
  assert.ok(csvText.startsWith('clues,clinica,entidad,institucion,'), csvText.slice(0, 80));
  assert.ok(csvText.includes(`${CLUES},${NAME},Chiapas,IMSS-BIENESTAR,`));
  const json = await fetch(new URL(await p.getByRole('link', { name: 'JSON: Dinero por unidad' }).getAttribute('href'), env.url));
  assert.equal((await json.json()).items.length, 3);

  // Down to one institution: its states.
  await p.locator('#dinero-tabla').getByRole('link', { name: 'IMSS-BIENESTAR' }).click();
  await p.waitForURL(/\/nacional\?institucion=IMSS-BIENESTAR$/);
  const states = p.locator('#dinero-tabla');
  await states.getByText('Entidades de IMSS-BIENESTAR').waitFor();
  await states.getByRole('link', { name: 'Oaxaca' }).waitFor();
  await p.getByRole('navigation', { name: 'Dónde está' }).getByRole('link', { name: 'Todo el país' }).waitFor();
  await chartLoaded(p, '#grafica-dinero');
  assert.match(await p.locator('#grafica-dinero').getAttribute('src'), /charts\/states\.svg\?edition=2025&institucion=IMSS-BIENESTAR$/);
  await checkA11y(p, 'nacional: institución');
  await shot(p, '2-institucion');

  // Down to one state: its clinics, each linking to its public page.
  await states.getByRole('link', { name: 'Chiapas' }).click();
  await p.waitForURL(/\/nacional\?institucion=IMSS-BIENESTAR&entidad=Chiapas$/);
  const clinics = p.locator('#dinero-tabla');
  await clinics.getByText('Unidades de Chiapas (IMSS-BIENESTAR)').waitFor();
  const link = clinics.getByRole('link', { name: NAME });
  assert.equal(await link.getAttribute('href'), `/c/${CLUES}`);
  const chamula = doc.followup.clinics.find((c) => c.clues === CLUES);
  await clinics.getByRole('row', { name: new RegExp(NAME) }).getByText(pesos(chamula.spent_centavos), { exact: true }).first().waitFor();
  await p.locator('#vivo-tabla').getByRole('link', { name: NAME }).waitFor();
  await checkA11y(p, 'nacional: entidad');
  await checkLayout(p, { minFontPx: 16 });
  await shot(p, '3-entidad');

  // The threshold for stalled works is the reader's; a bad one is refused before asking.
  await p.locator('#dias').fill('0');
  await p.getByRole('button', { name: 'Actualizar', exact: true }).click();
  await p.getByText('Escriba un número de días entre 1 y 730.').waitFor();
  await p.locator('#dias').fill('30');
  await p.getByRole('button', { name: 'Actualizar', exact: true }).click();
  await p.waitForURL(/stalled_days=30/);
  await p.locator('#detenidas-tabla').getByText('Ninguna obra lleva 30 días o más sin avance.').waitFor();

  await link.click();
  await p.waitForURL(new RegExp(`/c/${CLUES}$`));
  await p.getByRole('heading', { level: 1, name: NAME }).waitFor();
  assertNoProblems(s);
});

test('with a shard down the national view says which states are missing (API answer stubbed)', async () => {
  const s = await open('desktop');
  const p = s.page;
  const message = 'Faltan datos de Chiapas y Tabasco: su servidor no responde. Los totales no los incluyen.';
  // The real document as a fleet answers it when the shard of Chiapas and Tabasco is down.
  await p.route('**/api/open/national.json*', async (route) => {
    const response = await route.fetch();
    const json = await response.json();
    assert.equal(json.complete, true, 'a lone server is complete');
    assert.deepEqual(json.missing, []);
    Object.assign(json, {
      complete: false, missing: [{ shard: 'sur', states: ['Chiapas', 'Tabasco'] }], missing_message: message,
    });
    await route.fulfill({ response, json });
  });
  await p.goto('/nacional');
  await p.getByRole('heading', { level: 1, name: 'Cuentas claras de todo el país' }).waitFor();
  const warning = p.locator('#faltan .notice-warning');
  await warning.getByText(message).waitFor();
  await checkA11y(p, 'nacional: faltan estados');
  await shot(p, '5-faltan-estados');
  // Whole again: the warning goes.
  await p.unroute('**/api/open/national.json*');
  await p.getByRole('button', { name: 'Actualizar', exact: true }).click();
  await p.locator('#faltan .notice').waitFor({ state: 'detached' });
  assertNoProblems(s);
});

test('the national view on a 360-px phone', async () => {
  const s = await open('phone');
  const p = s.page;
  await p.goto('/nacional');
  await p.getByRole('heading', { level: 1, name: 'Cuentas claras de todo el país' }).waitFor();
  await p.locator('#dinero-tabla').getByRole('link', { name: 'ISSSTE' }).waitFor();
  await chartLoaded(p, '#grafica-dinero');
  await checkA11y(p, 'nacional: teléfono');
  await checkLayout(p);
  await shot(p, '4-telefono');
  assertNoProblems(s);
});

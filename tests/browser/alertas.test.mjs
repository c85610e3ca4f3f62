// The red flags for auditors at /nacional/alertas (issue 15, item 3) against the real server and
// the demo (whose 2025 follow-up raises a few flags): the public page on a 360-px phone and at
// 1280 px (flags grouped by state and kind, each with its evidence, its clinics' links and the
// words «Un motivo para revisar, no un veredicto»), the state filter, and a coordinator who
// arrives from her page and marks one flag reviewed with a note. axe, layout, screenshots
// (alertas-*.png).
// Run: ASAMBLEA_BINARY=build/src/cli/asamblea node --test tests/browser/alertas.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { apiJson, assertNoProblems, checkA11y, checkLayout, pageSet, startAll } from './lib/harness.mjs';

const CAVEAT = 'Un motivo para revisar, no un veredicto';

let env;
let flags;
const pages = pageSet(() => env, 'alertas');
const { open, shot } = pages;

before(async () => {
  env = await startAll();
  const r = await apiJson(env.url, '/api/open/red-flags');
  assert.equal(r.status, 200, JSON.stringify(r.data));
  flags = r.data;
  assert.ok(flags.flags.length > 0, 'the demo raises flags');
});

after(async () => {
  await pages.closeAll();
  if (env) await env.teardown();
});

test('the public sees every flag with its evidence, grouped by state and kind (phone)', async () => {
  const s = await open('phone');
  const p = s.page;
  await p.goto('/nacional/alertas');
  await p.getByRole('heading', { name: 'Alertas para auditoría', level: 1 }).waitFor();
  const first = flags.flags[0];
  await p.getByRole('heading', { name: first.state, level: 2 }).waitFor();
  await p.getByRole('heading', { name: new RegExp(`^${first.title}`), level: 3 }).first().waitFor();
  const cards = p.locator('article[data-key]');
  assert.equal(await cards.count(), flags.flags.length);
  const card = p.locator(`article[data-key="${first.key}"]`);
  await card.getByText(first.summary).waitFor();
  for (const line of first.evidence) await card.getByText(line, { exact: true }).first().waitFor();
  const link = card.getByRole('link', { name: new RegExp(first.clinics[0].clues) });
  assert.equal(await link.getAttribute('href'), `/c/${first.clinics[0].clues}`);
  await card.getByText(`${CAVEAT}.`).waitFor();
  await card.getByText('Sin revisar').waitFor();
  assert.equal(await p.locator('form[data-revision]').count(), 0, 'no review form without a session');
  await checkA11y(p, 'alertas: teléfono');
  await checkLayout(p);
  await shot(p, '1-telefono');
  assertNoProblems(s);
});

test('the state filter at 1280 px', async () => {
  const s = await open('desktop');
  const p = s.page;
  await p.goto('/nacional/alertas');
  await p.locator('article[data-key]').first().waitFor();
  const state = flags.flags[0].state;
  await p.getByLabel('Estado').selectOption(state);
  await p.getByText(new RegExp(`en ${flags.edition} para ${state}`)).waitFor();
  assert.equal(new URL(p.url()).searchParams.get('state'), state, 'the filter is in the address');
  const expected = flags.flags.filter((f) => f.clinics.some((c) => c.entidad === state)).length;
  assert.equal(await p.locator('article[data-key]').count(), expected);
  await checkA11y(p, 'alertas: escritorio');
  await checkLayout(p, { minFontPx: 16 });
  await shot(p, '2-escritorio');
  const other = flags.states.find((x) => x !== state);
  if (other === undefined) {
    // Only one state with works: a state without flags shows none.
    await p.goto('/nacional/alertas?state=Nayarit');
    await p.getByText(/Sin alertas en \d+ para Nayarit/).waitFor();
  }
  assertNoProblems(s);
});

test('a coordinator marks a flag reviewed with a note', async () => {
  const s = await open('desktop');
  const p = s.page;
  await p.goto('/coordinacion.html');
  await p.waitForURL((u) => u.pathname === '/entrar.html');
  await p.getByLabel('Usuario').fill('coordinador');
  await p.getByLabel('Contraseña', { exact: true }).fill('demo-coordinador');
  await p.getByRole('button', { name: 'Entrar', exact: true }).click();
  await p.waitForURL((u) => u.pathname === '/coordinacion.html');
  await p.getByRole('link', { name: 'Alertas para auditoría: revisarlas por estado' }).click();
  await p.waitForURL((u) => u.pathname === '/nacional/alertas');
  const key = flags.flags[0].key;
  const card = p.locator(`article[data-key="${key}"]`);
  const note = 'Revisado con el acta y las facturas: todo en orden.';
  await card.getByLabel('Nota de revisión (coordinación)').fill(note);
  await checkA11y(p, 'alertas: coordinación');
  await card.getByRole('button', { name: 'Marcar como revisada' }).click();
  await p.locator(`article[data-key="${key}"]`).getByText('Revisada', { exact: true }).waitFor();
  await p.locator(`article[data-key="${key}"]`).getByText(note).first().waitFor();
  await shot(p, '3-revisada');
  // The queue: only what is left to review.
  await p.getByLabel('Solo las que faltan por revisar').check();
  assert.equal(await p.locator(`article[data-key="${key}"]`).count(), 0);
  assert.equal(await p.locator('article[data-key]').count(), flags.flags.length - 1);

  const after = (await apiJson(env.url, '/api/open/red-flags')).data;
  const reviewed = after.flags.find((f) => f.key === key);
  assert.equal(reviewed.reviewed, true);
  assert.equal(reviewed.review.note, note);
  assert.equal(after.reviewed, 1);
  assertNoProblems(s);
});

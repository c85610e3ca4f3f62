// The moderator's tablet against the REAL server: a round prepared by mistake is cancelled from
// the Votaciones tab (with a confirmation), stops being the current round, and the moderator
// prepares the right one. axe and layout checks; screenshots moderar-cancelar-*.png.
// Run: ASAMBLEA_BINARY=build/src/cli/asamblea node --test tests/browser/moderar-cancelar.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  apiJson, assertNoProblems, checkA11y, checkLayout, moderatorLogin, openPage, screenshot, startAll,
} from './lib/harness.mjs';

const CLUES = 'CSIMB001234';
let env;

before(async () => {
  env = await startAll();
});

after(async () => {
  if (env) await env.teardown();
});

async function shot(page, name) {
  await page.evaluate(() => window.scrollTo(0, 0));
  return screenshot(page, `moderar-cancelar-${name}`);
}

async function roundsOnServer() {
  const { status, data } = await apiJson(env.url, `/api/c/${CLUES}/rounds`);
  assert.equal(status, 200);
  return data.items;
}

test('a prepared round is cancelled after a confirmation, and another one is prepared', async () => {
  const s = await openPage(env.browser, env.url, 'desktop');
  const { page } = s;
  try {
    await moderatorLogin(page, CLUES, { tab: 'votaciones' });
    await page.locator('#panel-votaciones').waitFor({ state: 'visible' });

    // The mistake: a motion where a budget round was meant.
    const form = page.locator('#form-ronda');
    await form.getByLabel('Moción (sí / no)').check();
    await form.getByLabel('Título').fill('Presupuesto 2026 (equivocada)');
    await form.getByRole('button', { name: 'Preparar votación' }).click();
    const current = page.locator('#vot-actual');
    await current.getByRole('heading', { name: 'Presupuesto 2026 (equivocada)' }).waitFor();
    const cancel = current.getByRole('button', { name: 'Cancelar votación' });
    await cancel.waitFor();
    await checkLayout(page, { minFontPx: 16 });
    await checkA11y(page, 'votación preparada con «Cancelar votación»');
    const [wrong] = await roundsOnServer();
    assert.equal(wrong.status, 'preparada');

    // The question first; «No» keeps it and sends nothing.
    await cancel.click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: '¿Cancelar la votación «Presupuesto 2026 (equivocada)»?' }).waitFor();
    await dialog.getByText('Todavía no se abre: nadie ha votado.').waitFor();
    assert.equal(await page.evaluate(() => document.activeElement.textContent), 'No, mantenerla',
      'the safe answer has the focus');
    const confirm = dialog.getByRole('button', { name: 'Sí, cancelar la votación' });
    const box = await confirm.boundingBox();
    assert.ok(box.height >= 48 && box.width >= 48, `large touch target: ${JSON.stringify(box)}`);
    await checkA11y(page, 'confirmar cancelación');
    await shot(page, '1-confirmar');
    await dialog.getByRole('button', { name: 'No, mantenerla' }).click();
    await dialog.waitFor({ state: 'hidden' });
    assert.equal((await roundsOnServer())[0].status, 'preparada');
    assert.match(await current.textContent(), /Preparada/);

    // «Sí»: cancelled on the server, and the tablet shows no current round.
    await cancel.click();
    await dialog.getByRole('button', { name: 'Sí, cancelar la votación' }).click();
    await page.locator('#vot-estado').getByText('Se canceló la votación «Presupuesto 2026 (equivocada)».').waitFor();
    await current.getByText('No hay una votación en curso. Prepare otra con el formulario de abajo.').waitFor();
    assert.equal(await page.evaluate(() => document.activeElement.id), 'ronda-titulo',
      'ready to prepare the next one');
    assert.equal((await roundsOnServer())[0].status, 'cancelada');
    const row = page.locator('#vot-lista > li');
    assert.equal(await row.count(), 1);
    assert.match(await row.first().textContent(), /Cancelada/);
    await checkLayout(page, { minFontPx: 16 });
    await checkA11y(page, 'votación cancelada');
    await shot(page, '2-cancelada');

    // «Ver» still shows what it was, marked as cancelled, with no way to open it.
    await page.getByRole('button', { name: 'Ver «Presupuesto 2026 (equivocada)»' }).click();
    await current.getByText('Votación cancelada').waitFor();
    assert.equal(await current.getByRole('button', { name: 'Abrir votación' }).count(), 0);
    assert.equal(await current.getByRole('button', { name: 'Cancelar votación' }).count(), 0);

    // The right round: prepared, and it is the current one.
    await form.getByLabel('Presupuesto', { exact: true }).check();
    await form.getByLabel('Título').fill('Presupuesto 2026');
    await form.getByRole('button', { name: 'Preparar votación' }).click();
    await page.locator('#ronda-form-estado').getByText('Votación preparada: «Presupuesto 2026».').waitFor();
    await current.getByRole('heading', { name: 'Presupuesto 2026', exact: true }).waitFor();
    assert.match(await current.textContent(), /Preparada/);
    const after = await roundsOnServer();
    assert.deepEqual(after.map((r) => [r.title, r.status]),
      [['Presupuesto 2026 (equivocada)', 'cancelada'], ['Presupuesto 2026', 'preparada']]);
    await checkA11y(page, 'nueva votación después de cancelar');
    await shot(page, '3-nueva');
    assertNoProblems(s);
  } finally {
    await s.close();
  }
});

// The moderator's tablet against the REAL server: the «Incidencias» card of the Cierre tab.
// Closed while the assembly is only convocada; once registration opens the moderator notes what
// happened (an empty note is refused next to the field), sees it listed with its hour, and the
// server has it. The hint warns that the acta is public. axe and layout checks; screenshots
// moderar-incidencias-*.png.
// Run: ASAMBLEA_BINARY=build/src/cli/asamblea node --test tests/browser/moderar-incidencias.test.mjs
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
  return screenshot(page, `moderar-incidencias-${name}`);
}

async function moderatorToken() {
  const { status, data } = await apiJson(env.url, '/api/auth/login', {
    method: 'POST', body: { username: 'moderador', password: 'demo-moderador' },
  });
  assert.equal(status, 200);
  return data.token;
}

test('the moderator notes an incident while the assembly is open and sees it listed', async () => {
  const token = await moderatorToken();
  const s = await openPage(env.browser, env.url, 'desktop');
  const { page } = s;
  try {
    await moderatorLogin(page, CLUES, { tab: 'cierre' });
    const card = page.locator('section[aria-labelledby="incidencias-titulo"]');
    await card.waitFor({ state: 'visible' });
    // Convocada: nothing to note yet, and the page says why.
    await card.getByText('Las incidencias se anotan mientras la asamblea está abierta. Ahora está «Convocada».').waitFor();
    assert.equal(await card.getByLabel('Anotar incidencia').isDisabled(), true);
    await card.getByText('Todavía no hay incidencias anotadas.').waitFor();
    await card.getByText(/es pública cuando la asamblea se cierra: no escriba nombres/).waitFor();

    // Registration opens (as from another tablet): the card opens with it.
    const opened = await apiJson(env.url, `/api/c/${CLUES}/assembly/transition`, {
      method: 'POST', token, body: { to: 'registro' },
    });
    assert.equal(opened.status, 200);
    await page.reload();
    const box = card.getByLabel('Anotar incidencia');
    await box.waitFor();
    await page.waitForFunction(() => !document.getElementById('incidencia-texto').disabled);

    // An empty note is refused next to the field, and nothing is sent.
    await card.getByRole('button', { name: 'Anotar incidencia' }).click();
    await card.getByText('Escriba qué pasó (3 caracteres o más).').waitFor();
    assert.equal(await box.getAttribute('aria-invalid'), 'true');

    await box.fill('Se fue la luz 10 minutos; el registro siguió en papel.');
    await card.getByRole('button', { name: 'Anotar incidencia' }).click();
    await card.getByText(/Incidencia anotada a las \d{1,2}:\d{2} h\./).waitFor();
    const list = card.getByRole('list', { name: 'Incidencias', exact: true });
    await list.getByText('Se fue la luz 10 minutos; el registro siguió en papel.').waitFor();
    await list.getByText(/^\d{1,2}:\d{2} h · moderador$/).waitFor();
    await card.getByText('1 incidencia anotada').waitFor();
    assert.equal(await box.inputValue(), '', 'the box is empty for the next one');
    await checkLayout(page, { minFontPx: 16 });
    await checkA11y(page, 'incidencia anotada');
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'moderar-incidencias-1-anotada');

    const stored = await apiJson(env.url, `/api/c/${CLUES}/incidents`, { token });
    assert.equal(stored.status, 200);
    assert.deepEqual(stored.data.items.map((i) => [i.text, i.by]),
      [['Se fue la luz 10 minutos; el registro siguió en papel.', 'moderador']]);
    await shot(page, '2-cierre');
    assertNoProblems(s);
  } finally {
    await s.close();
  }
});

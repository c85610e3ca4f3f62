// Phones reach the server: the moderator's tablet against the REAL server, opened as 127.0.0.1.
// With a LAN address (the harness gives 192.0.2.10) the page is quiet and the links phones get
// carry that address; started with only a loopback address, the page warns that phones cannot
// open its links and says what to do. axe and layout checks; screenshot moderar-enlaces-1-aviso.png.
// Run: ASAMBLEA_BINARY=build/src/cli/asamblea node --test tests/browser/moderar-enlaces.test.mjs
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  LAN_ADDRESS, apiJson, assertNoProblems, checkA11y, checkLayout, moderatorLogin, openPage, screenshot, startAll,
} from './lib/harness.mjs';

const CLUES = 'CSIMB001234';
const WARNING = 'Los teléfonos no podrán abrir los enlaces de esta asamblea.';
const envs = [];

after(async () => {
  for (const env of envs) await env.teardown();
});

async function moderatorPage(env) {
  const s = await openPage(env.browser, env.url, 'desktop');
  await moderatorLogin(s.page, CLUES);
  await s.page.locator('#app').waitFor({ state: 'visible' });
  return s;
}

test('with a LAN address: no warning, and the links carry that address', async () => {
  const env = await startAll();
  envs.push(env);
  const port = new URL(env.url).port;
  const origin = await apiJson(env.url, '/api/link-origin');
  assert.equal(origin.status, 200);
  assert.deepEqual(origin.data, { origin: `http://${LAN_ADDRESS}:${port}`, source: 'lan', unreachable: false });

  const s = await moderatorPage(env);
  try {
    // The warning would come after the live connection starts; give it the same chance.
    await s.page.locator('#conexion', { hasText: 'En vivo' }).waitFor();
    assert.equal(await s.page.getByText(WARNING).count(), 0);
    assertNoProblems(s);
  } finally {
    await s.close();
  }
});

test('with only loopback: the moderator is told phones cannot open the links, and how to fix it', async () => {
  const env = await startAll({ extraArgs: ['--lan-address', '127.0.0.1'] });
  envs.push(env);
  const origin = await apiJson(env.url, '/api/link-origin');
  assert.equal(origin.data.unreachable, true);
  assert.equal(origin.data.source, 'loopback');

  const s = await moderatorPage(env);
  const { page } = s;
  try {
    const box = page.locator('#aviso-enlaces');
    await box.getByText(WARNING).waitFor();
    await box.getByText(origin.data.origin).waitFor();
    await box.getByText('--public-url').waitFor();
    await checkLayout(page, { minFontPx: 16 });
    await checkA11y(page, 'aviso de enlaces');
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'moderar-enlaces-1-aviso');
    assertNoProblems(s);
  } finally {
    await s.close();
  }
});

// Fast on the second visit (issue 16 item 9): the voter's page at 360 px, opened and then
// reloaded. Scripts and styles have content-hashed names kept a year (static_files /
// asset_names), so the reload fetches none of them again: the HTML costs a 304 and the rest
// comes from the browser's cache. Prints the bytes of both visits (README, "The voter's page").
// Counts what Chromium reports through the DevTools protocol (Network.loadingFinished's
// encodedDataLength: headers and body as received). No Playwright routes here: they turn the
// browser's HTTP cache off.
// Run: ASAMBLEA_BINARY=build/src/cli/asamblea node tests/browser/recarga.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { VIEWPORTS, apiJson, screenshot, startAll } from './lib/harness.mjs';

let env;
let clues;

before(async () => {
  env = await startAll();
  const list = await apiJson(env.url, '/api/clinics?per_page=1');
  assert.equal(list.status, 200);
  clues = list.data.items[0].clues;
});

after(async () => {
  if (env) await env.teardown();
});

/** Records every request of the page: url, type, status, bytes received, whether the cache served it. */
async function recordNetwork(context, page) {
  const cdp = await context.newCDPSession(page);
  const requests = new Map();
  const entry = (id) => {
    if (!requests.has(id)) requests.set(id, { id, bytes: 0, cached: false, status: 0 });
    return requests.get(id);
  };
  cdp.on('Network.requestWillBeSent', (e) => Object.assign(entry(e.requestId), { url: e.request.url, type: e.type }));
  cdp.on('Network.requestServedFromCache', (e) => { entry(e.requestId).cached = true; });
  cdp.on('Network.responseReceived', (e) => {
    const r = entry(e.requestId);
    r.type = e.type;
    r.status = e.response.status;
    if (e.response.fromDiskCache || e.response.fromServiceWorker || e.response.fromPrefetchCache) r.cached = true;
  });
  // The status on the wire: a revalidated page is reported above as the cached 200, here as 304.
  cdp.on('Network.responseReceivedExtraInfo', (e) => { entry(e.requestId).wire = e.statusCode; });
  cdp.on('Network.loadingFinished', (e) => { entry(e.requestId).bytes = e.encodedDataLength; });
  await cdp.send('Network.enable');
  return {
    take() {
      const list = [...requests.values()];
      requests.clear();
      return list;
    },
  };
}

const describe = (list) => list.map((r) => `  ${String(r.bytes).padStart(6)}  ${r.cached ? 'cache' : String(r.wire || r.status).padEnd(5)}  ${r.type}\t${new URL(r.url).pathname}`).join('\n');
const total = (list) => list.reduce((t, r) => t + r.bytes, 0);

test('voter page: the reload fetches no script or style again', async () => {
  const context = await env.browser.newContext({ ...VIEWPORTS.phone, baseURL: env.url, locale: 'es-MX', timezoneId: 'America/Mexico_City' });
  try {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    const net = await recordNetwork(context, page);

    await page.goto(`/c/${clues}/votar`);
    await page.waitForLoadState('networkidle');
    const first = net.take();
    await screenshot(page, 'recarga-1-primera-visita');

    await page.reload();
    await page.waitForLoadState('networkidle');
    const second = net.take();
    await screenshot(page, 'recarga-2-recarga');

    console.log(`voter page, first visit: ${total(first)} bytes received\n${describe(first)}`);
    console.log(`voter page, reload: ${total(second)} bytes received\n${describe(second)}`);

    const assets = (list) => list.filter((r) => r.type === 'Script' || r.type === 'Stylesheet');
    assert.ok(assets(first).length >= 3, 'the first visit loads the scripts and styles');
    assert.ok(assets(first).every((r) => /\.[0-9a-f]{8}\.(js|css)$/.test(new URL(r.url).pathname)),
      `the page asks for hashed names:\n${describe(assets(first))}`);
    const fetched = assets(second).filter((r) => !r.cached || r.bytes > 0 || r.status === 304);
    assert.deepEqual(fetched, [], `scripts and styles fetched again on the reload:\n${describe(fetched)}`);
    assert.equal(assets(second).length, assets(first).length, 'the reload uses the same scripts and styles');
    const doc = second.find((r) => r.type === 'Document');
    assert.ok(doc && doc.wire === 304, `the HTML is revalidated with its ETag (got ${doc && doc.wire})`);
    assert.ok(total(second) < total(first) / 4, 'the reload costs a fraction of the first visit');
    await page.getByRole('heading', { name: 'Entrar a la votación' }).waitFor();
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

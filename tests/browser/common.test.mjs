// web/js/common.js and web/js/words.js helpers, run in Chromium against the real server; plus a
// self-check of the harness.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkA11y, openPage, startAll } from './lib/harness.mjs';

let env;
let s;

before(async () => {
  env = await startAll();
  s = await openPage(env.browser, env.url, 'phone');
  await s.page.goto('/no-existe'); // any page of ours: same origin, strict CSP
});

after(async () => {
  if (s) await s.close();
  if (env) await env.teardown();
});

/** Runs fn(commonModule, arg) in the page (through DevTools, so the page's CSP does not apply). */
async function inPage(fn, arg, module = '/js/common.js') {
  await s.page.evaluate(async (path) => { window.testedModule = await import(path); }, module);
  return s.page.evaluate(`(${fn.toString()})(window.testedModule, ${JSON.stringify(arg ?? null)})`);
}

/** The same with web/js/words.js. */
const inWords = (fn, arg) => inPage(fn, arg, '/js/words.js');

test('fmtPesos: es-MX money from integer centavos', async () => {
  const out = await inWords((m) => [0, 5, 150, 80000000, 123456789, -150, 100000000000,
    '9007199254740993'].map((v) => m.fmtPesos(typeof v === 'string' ? BigInt(v) : v)));
  assert.deepEqual(out, ['$0.00', '$0.05', '$1.50', '$800,000.00', '$1,234,567.89', '-$1.50',
    '$1,000,000,000.00', '$90,071,992,547,409.93']);
});

test('fmtFecha: America/Mexico_City, Spanish words', async () => {
  const out = await inWords((m) => [
    m.fmtFecha('2026-02-21T17:00:00Z'),
    m.fmtFecha('2025-07-05T15:30:00Z'),
    m.fmtFecha('2024-12-31T23:59:00Z'),
    m.fmtFecha('no es fecha'),
  ]);
  assert.deepEqual(out, [
    'sábado 21 de febrero de 2026, 11:00 h',
    'sábado 5 de julio de 2025, 9:30 h',
    'martes 31 de diciembre de 2024, 17:59 h',
    'no es fecha',
  ]);
});

test('fmtHora, fmtClock, fmtNumero, plural: the short forms', async () => {
  const out = await inWords((m) => ({
    hora: [m.fmtHora('2026-02-21T17:05:00Z'), m.fmtHora('2026-02-21T15:00:00Z'), m.fmtHora(Date.UTC(2026, 1, 21, 6, 7)),
      m.fmtHora('no es hora')],
    clock: [0, 5, 65, 600, 3599, 3600, 3723, -4].map(m.fmtClock),
    numero: [0, 999, 1000, 1234567].map(m.fmtNumero),
    plural: [m.plural(1, 'persona', 'personas'), m.plural(0, 'persona', 'personas'),
      m.plural(1234, 'unidad', 'unidades')],
    words: [m.STATE.en_sesion, m.ROUND_STATUS.cancelada, m.KIND.motion, m.CATEGORY.obra, m.COSABI_ROLE.vocalia],
  }));
  assert.deepEqual(out.hora, ['11:05', '9:00', '0:07', '']);
  assert.deepEqual(out.clock, ['0:00', '0:05', '1:05', '10:00', '59:59', '1:00:00', '1:02:03', '0:00']);
  assert.deepEqual(out.numero, ['0', '999', '1,000', '1,234,567']);
  assert.deepEqual(out.plural, ['1 persona', '0 personas', '1,234 unidades']);
  assert.deepEqual(out.words, ['En sesión', 'Cancelada', 'Moción', 'Obra', 'Vocalías']);
});

test('stateBadge: icon and word for every state, a dashed badge for one it does not know', async () => {
  const out = await inPage((m) => ['convocada', 'en_sesion', 'cerrada', 'nuevo', null].map((state) => {
    const b = m.stateBadge(state, { small: state === 'cerrada' });
    return [b.className, b.querySelector('.icon').className, b.textContent];
  }));
  assert.deepEqual(out, [
    ['state-badge state-convocada', 'icon icon-state-convocada', 'Convocada'],
    ['state-badge state-en_sesion', 'icon icon-state-sesion', 'En sesión'],
    ['state-badge state-badge-sm state-cerrada', 'icon icon-state-cerrada', 'Cerrada'],
    ['state-badge state-otro', 'icon icon-state-convocada', 'nuevo'],
    ['state-badge state-otro', 'icon icon-state-convocada', 'Sin dato'],
  ]);
});

test('el(): text stays text, attributes and listeners', async () => {
  const out = await inPage((m) => {
    let clicked = 0;
    const node = m.el('p', { class: 'x', 'data-a': 1, hidden: false, title: '<t>', onclick: () => { clicked += 1; } },
      '<b>no html</b>', null, ['a', m.el('span', {}, 'b')], 0);
    node.click();
    let styleError = '';
    try { m.el('p', { style: 'color:red' }); } catch (e) { styleError = e.message; }
    return { html: node.innerHTML, cls: node.className, data: node.dataset.a, title: node.getAttribute('title'),
      hasHidden: node.hasAttribute('hidden'), clicked, styleError };
  });
  assert.equal(out.html, '&lt;b&gt;no html&lt;/b&gt;a<span>b</span>0');
  assert.deepEqual([out.cls, out.data, out.title, out.hasHidden], ['x', '1', '<t>', false]);
  assert.equal(out.clicked, 1);
  assert.match(out.styleError, /inline styles/);
});

test('api(): JSON on success, ApiError with the server fields on failure', async () => {
  const out = await inPage(async (m) => {
    const ok = await m.api('/api/entidades');
    const errors = [];
    for (const [path, opts] of [
      ['/api/c/ZZSSA999999', {}],
      ['/api/auth/login', { method: 'POST', body: { username: 'coordinador', password: 'mal' } }],
      ['/api/auth/me', { token: 'no-es-un-token' }],
    ]) {
      try {
        await m.api(path, opts);
        errors.push(null);
      } catch (e) {
        errors.push({ name: e.name, isApi: e instanceof m.ApiError, status: e.status, code: e.code, message: e.message });
      }
    }
    return { ok: Array.isArray(ok.items), errors };
  });
  assert.ok(out.ok);
  const [notFound, badLogin, noSession] = out.errors;
  assert.deepEqual({ ...notFound, message: undefined },
    { name: 'ApiError', isApi: true, status: 404, code: 'not_found', message: undefined });
  assert.ok(notFound.message.length > 0, 'a Spanish message from the server');
  assert.equal(badLogin.status, 401);
  assert.equal(badLogin.code, 'bad_credentials');
  assert.equal(noSession.status, 401);
});

test('api(): offline gives a Spanish message and code "network"', async () => {
  await s.page.route('**/api/entidades', (route) => route.abort('internetdisconnected'));
  const out = await inPage(async (m) => {
    try {
      await m.api('/api/entidades');
      return null;
    } catch (e) {
      return { status: e.status, code: e.code, message: e.message };
    }
  });
  await s.page.unroute('**/api/entidades');
  assert.equal(out.status, 0);
  assert.equal(out.code, 'network');
  assert.match(out.message, /Revise su conexión/);
});

test('api(): a 503 busy answer is retried after its Retry-After, other errors are not', async () => {
  // The real answer after `busyFirst` refusals shaped like the server's (queue_admission).
  let calls = 0;
  let busyFirst = 2;
  let code = 'busy';
  await s.page.route('**/api/entidades', (route) => {
    calls += 1;
    if (calls <= busyFirst) {
      return route.fulfill({ status: 503, contentType: 'application/json', headers: { 'Retry-After': '0' },
        body: JSON.stringify({ error: code, message: 'El servidor está ocupado. Intente de nuevo en un momento.' }) });
    }
    return route.continue();
  });
  const call = () => inPage(async (m) => {
    try {
      const r = await m.api('/api/entidades');
      return { items: Array.isArray(r.items) };
    } catch (e) {
      return { status: e.status, code: e.code, message: e.message, retries: m.BUSY_RETRIES };
    }
  });
  try {
    assert.deepEqual(await call(), { items: true });
    assert.equal(calls, 3, 'two busy answers, then the real one');

    calls = 0;
    busyFirst = 100; // busy for good: the error after the last retry
    const gaveUp = await call();
    assert.equal(gaveUp.status, 503);
    assert.equal(gaveUp.code, 'busy');
    assert.match(gaveUp.message, /ocupado/);
    assert.equal(calls, gaveUp.retries + 1);

    calls = 0;
    code = 'internal'; // a 503 that is not a refusal before work: not repeated
    const other = await call();
    assert.equal(other.code, 'internal');
    assert.equal(calls, 1);
  } finally {
    await s.page.unroute('**/api/entidades');
  }
});

test('small helpers', async () => {
  const out = await inPage((m) => ({
    clues: [m.cluesFromPath('/c/dfssa003441'), m.cluesFromPath('/c/DFSSA003441/votar'), m.cluesFromPath('/entrar.html')],
    url: [m.clinicUrl('DFSSA003441'), m.clinicUrl('DFSSA003441', 'votar')],
    safe: ['/c/X/moderar', '//evil.example', 'https://evil.example', '/\\evil', null].map(m.safeLocalPath),
  }));
  const espera = await inWords((m) => [1, 30, 60, 61, 120].map(m.fmtEspera));
  assert.deepEqual(out.clues, ['DFSSA003441', 'DFSSA003441', null]);
  assert.deepEqual(out.url, ['/c/DFSSA003441', '/c/DFSSA003441/votar']);
  assert.deepEqual(out.safe, ['/c/X/moderar', null, null, null, null]);
  assert.deepEqual(espera, ['1 segundo', '30 segundos', '1 minuto', '2 minutos', '2 minutos']);
});

test('harness: axe check fails on a serious violation', async () => {
  await s.page.goto('/no-existe');
  await checkA11y(s.page, 'clean 404');
  await s.page.evaluate(() => {
    const b = document.createElement('button'); // no accessible name: critical "button-name"
    document.querySelector('main').append(b);
  });
  await assert.rejects(checkA11y(s.page, 'broken'), /button-name/);
});

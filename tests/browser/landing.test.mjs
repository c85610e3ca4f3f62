// Landing, clinic, 404 and staff login pages in Chromium, on a phone and a desktop viewport.
// Run: ASAMBLEA_BINARY=build/src/cli/asamblea node tests/browser/landing.test.mjs
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  apiJson, assertNoProblems, checkA11y, checkLayout, focusedRing, openPage, screenshot, startAll,
} from './lib/harness.mjs';

let env;
let clinics = []; // every demo clinic, from the API
let entidades = [];

function pesos(centavos) {
  // Independent of web/js/common.js on purpose: "$1,234,567.00".
  const n = BigInt(centavos);
  return `$${(n / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${(n % 100n).toString().padStart(2, '0')}`;
}

before(async () => {
  env = await startAll();
  const list = await apiJson(env.url, '/api/clinics?per_page=100');
  assert.equal(list.status, 200, 'GET /api/clinics');
  clinics = list.data.items;
  assert.ok(clinics.length >= 3, `the demo should have at least 3 clinics, got ${clinics.length}`);
  const ents = await apiJson(env.url, '/api/entidades');
  assert.equal(ents.status, 200, 'GET /api/entidades');
  entidades = ents.data.items;
});

after(async () => {
  if (env) await env.teardown();
});

/** Status line text once it no longer says "Buscando…". */
async function settledStatus(page) {
  const status = page.locator('#estado');
  await page.waitForFunction(() => {
    const t = document.getElementById('estado').textContent;
    return t && !t.includes('Buscando');
  });
  return (await status.textContent()).trim();
}

async function resultClues(page) {
  return page.locator('#resultados li .mono').allTextContents();
}

for (const vp of ['phone', 'desktop']) {
  describe(`${vp}`, () => {
    test('landing lists the clinics, passes axe and the layout rules', async () => {
      const s = await openPage(env.browser, env.url, vp);
      try {
        const res = await s.page.goto('/');
        assert.equal(res.status(), 200);
        await s.page.getByRole('heading', { level: 1, name: 'Encuentre su unidad de salud' }).waitFor();
        const status = await settledStatus(s.page);
        const shown = Math.min(clinics.length, 20);
        assert.equal(status, `Mostrando 1–${shown} de ${clinics.length} ${clinics.length === 1 ? 'unidad' : 'unidades'}`);
        assert.equal(await s.page.locator('#resultados > li').count(), shown);
        // Every card: name linking to the clinic page, CLUES, place, institution, budget.
        const c = clinics[0];
        const card = s.page.locator('#resultados > li', { has: s.page.locator('.mono', { hasText: c.clues }) });
        assert.equal(await card.getByRole('link').getAttribute('href'), `/c/${c.clues}`);
        const text = await card.textContent();
        for (const part of [c.nombre, c.municipio, c.entidad, c.institucion, pesos(c.presupuesto_centavos)]) {
          assert.ok(text.includes(part), `card shows ${part}: ${text}`);
        }
        // The state list came from the API.
        const options = await s.page.locator('#entidad option').allTextContents();
        assert.deepEqual(options.slice(1), entidades);
        assert.equal(options[0], 'Todas las entidades');

        await checkA11y(s.page, `landing ${vp}`);
        await checkLayout(s.page, { minFontPx: vp === 'phone' ? 18 : 16 });
        await screenshot(s.page, `landing-${vp}`);

        // Keyboard: the first Tab reaches the skip link, and focus is visible.
        await s.page.keyboard.press('Tab');
        let ring = await focusedRing(s.page);
        assert.equal(ring.text, 'Saltar al contenido');
        assert.ok(ring.outline, 'skip link has a focus ring');
        await s.page.locator('#q').focus();
        ring = await focusedRing(s.page);
        assert.ok(ring.outline, 'search box has a focus ring');
        if (vp === 'phone') await screenshot(s.page, 'landing-phone-focus');
        assertNoProblems(s);
        assert.deepEqual([...s.cspMissing], [], 'the server sends a Content-Security-Policy on pages');
      } finally {
        await s.close();
      }
    });

    test('search as you type: by name, by CLUES, no results', async () => {
      const s = await openPage(env.browser, env.url, vp);
      const { page } = s;
      try {
        await page.goto('/');
        await settledStatus(page);

        // By name: a word from the first clinic's name, typed like a person would.
        const target = clinics[0];
        const word = target.nombre.split(/\s+/).sort((a, b) => b.length - a.length)[0];
        await page.locator('#q').pressSequentially(word.toLowerCase(), { delay: 30 });
        await page.waitForFunction((w) => new URL(location.href).searchParams.get('q') === w, word.toLowerCase());
        let status = await settledStatus(page);
        const expected = clinics.filter((c) => [c.nombre, c.clues, c.municipio]
          .some((f) => f.toLowerCase().includes(word.toLowerCase())));
        assert.match(status, new RegExp(`^Mostrando 1–${Math.min(20, expected.length)} de ${expected.length} `));
        const found = await resultClues(page);
        assert.equal(found.length, Math.min(20, expected.length));
        for (const clues of found) assert.ok(expected.some((c) => c.clues === clues), `${clues} matches «${word}»`);
        await screenshot(page, `landing-${vp}-nombre`);

        // By CLUES, in lower case.
        await page.locator('#q').fill(target.clues.toLowerCase());
        await page.waitForFunction((w) => new URL(location.href).searchParams.get('q') === w, target.clues.toLowerCase());
        status = await settledStatus(page);
        assert.equal(status, 'Mostrando 1–1 de 1 unidad');
        assert.deepEqual(await resultClues(page), [target.clues]);

        // Nothing found: say so, with what to try.
        await page.locator('#q').fill('xyzzy sin resultados');
        status = await page.locator('#estado', { hasText: 'No encontramos' }).textContent();
        assert.match(status, /No encontramos unidades con «xyzzy sin resultados»\. Revise cómo está escrito/);
        assert.equal(await page.locator('#resultados > li').count(), 0);
        assert.ok(await page.locator('#paginas').isHidden());
        await checkA11y(page, `landing ${vp} sin resultados`);
        await screenshot(page, `landing-${vp}-sin-resultados`);

        // The search survives a reload (state in the URL).
        await page.reload();
        assert.equal(await page.locator('#q').inputValue(), 'xyzzy sin resultados');
        await page.locator('#estado', { hasText: 'No encontramos' }).waitFor();
        assertNoProblems(s);
      } finally {
        await s.close();
      }
    });

    test('state filter', async () => {
      const s = await openPage(env.browser, env.url, vp);
      const { page } = s;
      try {
        await page.goto('/');
        await settledStatus(page);
        const entidad = clinics[clinics.length - 1].entidad;
        const expected = clinics.filter((c) => c.entidad === entidad);
        await page.locator('#entidad').selectOption(entidad);
        await page.waitForFunction((e) => new URL(location.href).searchParams.get('entidad') === e, entidad);
        const status = await settledStatus(page);
        assert.match(status, new RegExp(`de ${expected.length} unidad`));
        const places = await page.locator('#resultados > li').allTextContents();
        assert.equal(places.length, Math.min(20, expected.length));
        for (const t of places) assert.ok(t.includes(entidad), `result in ${entidad}: ${t}`);

        // Combined with a text that matches nothing in that state.
        await page.locator('#q').fill('xyzzy');
        const none = await page.locator('#estado', { hasText: 'No encontramos' }).textContent();
        assert.match(none, new RegExp(`con «xyzzy» en ${entidad}`));
        await screenshot(page, `landing-${vp}-entidad`);
        assertNoProblems(s);
      } finally {
        await s.close();
      }
    });

    test('works without the list of states', async () => {
      const s = await openPage(env.browser, env.url, vp);
      const { page } = s;
      try {
        await page.route('**/api/entidades', (route) => route.fulfill({
          status: 500, contentType: 'application/json', body: '{"error":"internal","message":"falla"}',
        }));
        await page.goto('/');
        const status = await settledStatus(page);
        assert.match(status, /^Mostrando 1–/);
        await page.locator('#entidad-hint', { hasText: 'No pudimos cargar la lista de entidades' }).waitFor();
        assert.equal(await page.locator('#entidad option').count(), 1);
        await checkA11y(page, `landing ${vp} sin entidades`);
        assertNoProblems(s, { allow: [/500/] });
      } finally {
        await s.close();
      }
    });

    test('paging with Anteriores / Siguientes', async () => {
      const s = await openPage(env.browser, env.url, vp);
      const { page } = s;
      try {
        // The demo has only a few clinics: ask the real server for one per page.
        await page.route('**/api/clinics?*', (route) => {
          const u = new URL(route.request().url());
          u.searchParams.set('per_page', '1');
          return route.continue({ url: u.toString() });
        });
        await page.goto('/');
        const n = clinics.length;
        assert.equal(await settledStatus(page), `Mostrando 1–1 de ${n} unidades`);
        const pager = page.getByRole('navigation', { name: 'Páginas de resultados' });
        await pager.waitFor();
        assert.equal(await pager.locator('#paginas-info').textContent(), `Página 1 de ${n}`);
        assert.ok(await page.getByRole('button', { name: 'Anteriores' }).isDisabled());
        const first = await resultClues(page);

        await page.getByRole('button', { name: 'Siguientes' }).click();
        await page.locator('#estado', { hasText: `Mostrando 2–2 de ${n}` }).waitFor();
        assert.equal(await pager.locator('#paginas-info').textContent(), `Página 2 de ${n}`);
        const second = await resultClues(page);
        assert.notDeepEqual(second, first);
        assert.equal(await page.evaluate(() => document.activeElement.id), 'resultados-titulo',
          'focus moves to the results after changing page');
        assert.equal(new URL(page.url()).searchParams.get('page'), '2');
        await checkA11y(page, `landing ${vp} página 2`);
        await screenshot(page, `landing-${vp}-pagina-2`);

        // Last page: Siguientes disabled.
        await page.goto(`/?page=${Math.max(2, n - 1)}`);
        await page.locator('#estado', { hasText: `Mostrando ${Math.max(2, n - 1)}–` }).waitFor();
        for (let p = Math.max(3, n); p <= n; p++) {
          await page.getByRole('button', { name: 'Siguientes' }).click();
          await page.locator('#estado', { hasText: `Mostrando ${p}–${p} de ${n}` }).waitFor();
        }
        assert.ok(await page.getByRole('button', { name: 'Siguientes' }).isDisabled());
        await page.getByRole('button', { name: 'Anteriores' }).click();
        await page.locator('#estado', { hasText: `Mostrando ${n - 1}–${n - 1} de ${n}` }).waitFor();

        // All pages together list every clinic exactly once (the demo has only a few).
        const seen = new Set();
        for (let p = 1; p <= Math.min(n, 8); p++) {
          await page.goto(`/?page=${p}`);
          await page.locator('#estado', { hasText: `Mostrando ${p}–${p} de ${n}` }).waitFor();
          for (const c of await resultClues(page)) seen.add(c);
        }
        if (n <= 8) assert.deepEqual([...seen].sort(), clinics.map((c) => c.clues).sort());
        else assert.equal(seen.size, 8);
        assertNoProblems(s);
      } finally {
        await s.close();
      }
    });

    test('open a clinic page from the results', async () => {
      const s = await openPage(env.browser, env.url, vp);
      const { page } = s;
      try {
        const c = clinics[0];
        await page.goto('/');
        await page.locator('#q').fill(c.clues);
        await page.locator('#estado', { hasText: 'Mostrando 1–1 de 1' }).waitFor();
        await page.getByRole('link', { name: c.nombre }).click();
        await page.waitForURL(`**/c/${c.clues}`);
        await page.getByRole('heading', { level: 1, name: c.nombre }).waitFor();
        assert.equal(await page.title(), `${c.nombre} (${c.clues}): La Clínica es Nuestra`);
        const body = await page.locator('#clinica').textContent();
        for (const part of [c.clues, c.municipio, c.entidad, c.institucion, c.tipo, String(c.consultorios),
          pesos(c.presupuesto_centavos)]) {
          assert.ok(body.includes(part), `clinic page shows ${part}`);
        }
        for (const [name, slug] of [['Votar', 'votar'], ['Pantalla', 'pantalla'], ['Moderar', 'moderar'],
          ['Seguimiento del COSABI', 'seguimiento']]) {
          assert.equal(await page.getByRole('link', { name, exact: true }).getAttribute('href'), `/c/${c.clues}/${slug}`);
        }
        // The chain's head, as the acta prints it, and where to download the chain.
        const head = await apiJson(env.url, `/api/c/${c.clues}/chain/head`);
        assert.equal(head.status, 200);
        assert.match(head.data.hash, /^[0-9a-f]{64}$/);
        await page.locator('[data-campo="bitacora-huella"]', { hasText: head.data.hash }).waitFor();
        assert.ok(body.includes('Bitácora pública'), 'clinic page has the public chain');
        assert.equal(await page.getByRole('link', { name: 'descargar la bitácora' }).getAttribute('href'),
          `/api/c/${c.clues}/chain`);
        await checkA11y(page, `clinic ${vp}`);
        await checkLayout(page, { minFontPx: vp === 'phone' ? 18 : 16 });
        await screenshot(page, `clinica-${vp}`);

        // The trailing-slash form is the same page.
        await page.goto(`/c/${c.clues}/`);
        await page.getByRole('heading', { level: 1, name: c.nombre }).waitFor();
        assertNoProblems(s);
      } finally {
        await s.close();
      }
    });

    test('unknown clinic and unknown page', async () => {
      const s = await openPage(env.browser, env.url, vp);
      const { page } = s;
      try {
        await page.goto('/c/ZZSSA999999');
        await page.getByRole('heading', { level: 1, name: 'No encontramos la unidad' }).waitFor();
        assert.match(await page.locator('#error').textContent(), /No existe una unidad de salud con la clave CLUES «ZZSSA999999»/);
        assert.equal(await page.getByRole('link', { name: 'Volver al inicio' }).getAttribute('href'), '/');
        assert.ok(await page.locator('#clinica').isHidden());
        await checkA11y(page, `clinic 404 ${vp}`);
        await screenshot(page, `clinica-404-${vp}`);

        const res = await page.goto('/no-existe/esta-pagina');
        assert.equal(res.status(), 404);
        await page.getByRole('heading', { level: 1, name: 'No encontramos esta página' }).waitFor();
        await page.getByRole('link', { name: 'Volver al inicio' }).click();
        await page.waitForURL((u) => u.pathname === '/');
        await page.goto('/no-existe');
        await checkA11y(page, `404 ${vp}`);
        await checkLayout(page, { minFontPx: vp === 'phone' ? 18 : 16 });
        await screenshot(page, `404-${vp}`);
        assertNoProblems(s, { allow: [/404/] });
      } finally {
        await s.close();
      }
    });

    test('staff login: empty fields, wrong password, coordinator, logout', async () => {
      const s = await openPage(env.browser, env.url, vp);
      const { page } = s;
      try {
        await page.goto('/entrar.html');
        await page.getByLabel('Usuario').waitFor();
        await checkA11y(page, `entrar ${vp}`);
        await checkLayout(page, { minFontPx: vp === 'phone' ? 18 : 16 });
        await screenshot(page, `entrar-${vp}`);

        // Empty: say which field is missing, in place.
        await page.getByRole('button', { name: 'Entrar', exact: true }).click();
        assert.equal(await page.locator('#usuario-error').textContent(), 'Escriba su usuario.');
        assert.equal(await page.getByLabel('Usuario').getAttribute('aria-invalid'), 'true');
        assert.equal(await page.evaluate(() => document.activeElement.id), 'usuario');

        // Wrong password.
        await page.getByLabel('Usuario').fill('coordinador');
        await page.getByLabel('Contraseña', { exact: true }).fill('no-es-esta');
        await page.getByRole('button', { name: 'Entrar', exact: true }).click();
        const alert = page.getByRole('alert').filter({ hasText: 'no son correctos' });
        await alert.waitFor();
        assert.match(await alert.textContent(), /El usuario o la contraseña no son correctos\..*intente de nuevo/);
        assert.equal(await page.getByLabel('Contraseña', { exact: true }).inputValue(), '');
        assert.equal(await page.evaluate(() => sessionStorage.getItem('asamblea.token')), null);
        await checkA11y(page, `entrar ${vp} error`);
        await screenshot(page, `entrar-${vp}-error`);

        // Right password.
        await page.getByLabel('Contraseña', { exact: true }).fill('demo-coordinador');
        await page.getByLabel('Mostrar contraseña').check();
        assert.equal(await page.getByLabel('Contraseña', { exact: true }).getAttribute('type'), 'text');
        await page.getByRole('button', { name: 'Entrar', exact: true }).click();
        await page.getByRole('heading', { name: 'Sesión iniciada' }).waitFor();
        assert.equal(await page.locator('#sesion-usuario').textContent(), 'coordinador');
        assert.equal(await page.locator('#sesion-rol').textContent(), 'Coordinación');
        const token = await page.evaluate(() => sessionStorage.getItem('asamblea.token'));
        assert.ok(token, 'token stored in sessionStorage');
        const user = JSON.parse(await page.evaluate(() => sessionStorage.getItem('asamblea.user')));
        assert.equal(user.role, 'coordinator');
        assert.equal((await apiJson(env.url, '/api/auth/me', { token })).status, 200);
        await checkA11y(page, `entrar ${vp} sesión`);
        await screenshot(page, `entrar-${vp}-sesion`);

        // A reload keeps the session (same tab).
        await page.reload();
        await page.getByRole('heading', { name: 'Sesión iniciada' }).waitFor();

        // Logout ends it on the server too.
        await page.getByRole('button', { name: 'Cerrar sesión' }).click();
        await page.getByRole('alert').filter({ hasText: 'Cerró su sesión' }).waitFor();
        await page.getByLabel('Usuario').waitFor();
        assert.equal(await page.evaluate(() => sessionStorage.getItem('asamblea.token')), null);
        assert.equal((await apiJson(env.url, '/api/auth/me', { token })).status, 401);
        assertNoProblems(s, { allow: [/401/] });
      } finally {
        await s.close();
      }
    });

    test('staff login: moderator sees the assigned clinic; too many attempts says to wait', async () => {
      const s = await openPage(env.browser, env.url, vp);
      const { page } = s;
      try {
        await page.goto('/entrar.html');
        await page.getByLabel('Usuario').fill('moderador');
        await page.getByLabel('Contraseña', { exact: true }).fill('demo-moderador');
        await page.getByRole('button', { name: 'Entrar', exact: true }).click();
        await page.getByRole('heading', { name: 'Sesión iniciada' }).waitFor();
        assert.equal(await page.locator('#sesion-rol').textContent(), 'Moderación');
        const user = JSON.parse(await page.evaluate(() => sessionStorage.getItem('asamblea.user')));
        assert.ok(user.clinics.length >= 1, 'moderator is scoped to a clinic');
        const clues = user.clinics[0];
        const moderar = page.locator(`#sesion-unidades a[href="/c/${clues}/moderar"]`);
        await moderar.waitFor();
        const name = clinics.find((c) => c.clues === clues)?.nombre;
        if (name) await page.locator('#sesion-unidades', { hasText: name }).waitFor();
        await checkA11y(page, `entrar ${vp} moderador`);
        await screenshot(page, `entrar-${vp}-moderador`);
        await page.getByRole('button', { name: 'Cerrar sesión' }).click();
        await page.getByLabel('Usuario').waitFor();

        // Rate limiting: the server's 429 (simulated here so the demo accounts are not locked).
        await page.route('**/api/auth/login', (route) => route.fulfill({
          status: 429,
          headers: { 'Retry-After': '120', 'Content-Type': 'application/json' },
          body: JSON.stringify({ error: 'too_many_attempts', message: 'Demasiados intentos.' }),
        }));
        await page.getByLabel('Usuario').fill('coordinador');
        await page.getByLabel('Contraseña', { exact: true }).fill('otra');
        await page.getByRole('button', { name: 'Entrar', exact: true }).click();
        const alert = page.getByRole('alert').filter({ hasText: 'Demasiados intentos' });
        await alert.waitFor();
        assert.match(await alert.textContent(), /espere 2 minutos y vuelva a intentar/);
        assert.ok(await page.getByRole('button', { name: 'Entrar', exact: true }).isDisabled());
        await checkA11y(page, `entrar ${vp} 429`);
        await screenshot(page, `entrar-${vp}-espere`);
        assertNoProblems(s, { allow: [/429/] });
      } finally {
        await s.close();
      }
    });
  });
}

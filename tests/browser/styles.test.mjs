// The shared stylesheet's components (web/guia.html): axe, layout rules and screenshots.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertNoProblems, checkA11y, checkLayout, focusedRing, openPage, screenshot, startAll,
} from './lib/harness.mjs';

let env;

before(async () => {
  env = await startAll();
});

after(async () => {
  if (env) await env.teardown();
});

// phone320 and zoom200: the narrowest phone, and 200 % zoom of a 1280 px window (reflow.test.mjs).
for (const vp of ['phone', 'desktop', 'phone320', 'zoom200']) {
  test(`style guide on ${vp}: accessible, fits, visible focus`, async () => {
    const s = await openPage(env.browser, env.url, vp);
    const { page } = s;
    try {
      const res = await page.goto('/guia.html');
      assert.equal(res.status(), 200);
      await checkA11y(page, `guia ${vp}`);
      await checkLayout(page, { minFontPx: vp.startsWith('phone') ? 18 : 16 });
      await screenshot(page, `guia-${vp}`);

      // Every status component carries a word, not only a colour.
      for (const text of await page.locator('.notice-title').allTextContents()) {
        assert.match(text, /^(Listo|Atención|Error|Aviso|Sin conexión|Cargando)\b/, `notice has a word: ${text}`);
      }
      for (const badge of await page.locator('.badge').all()) {
        assert.ok((await badge.textContent()).trim().length > 0, 'badge has a word');
      }

      // Keyboard focus is visible on a light and on a dark surface.
      await page.getByRole('button', { name: 'Principal' }).first().focus();
      await page.keyboard.press('Tab');
      let ring = await focusedRing(page);
      assert.equal(ring.text, 'Secundario');
      assert.ok(ring.outline, `focus ring on a light surface: ${JSON.stringify(ring)}`);
      await page.locator('.theme-dark').getByRole('button', { name: 'Principal' }).focus();
      await page.keyboard.press('Tab');
      ring = await focusedRing(page);
      assert.ok(ring.outline.includes('rgb(255, 255, 255)'), `white focus ring on dark: ${ring.outline}`);

      // Reduced motion stops the loading ring.
      await page.emulateMedia({ reducedMotion: 'reduce' });
      const iterations = await page.locator('.icon-loading').evaluate((n) => getComputedStyle(n).animationIterationCount);
      assert.equal(iterations, '1');
      assertNoProblems(s);
    } finally {
      await s.close();
    }
  });
}

// 200% zoom on a 1280 px screen lays out like a 640 px viewport; WCAG reflow asks for 320 px.
for (const width of [320, 640]) {
  test(`${width} px wide (zoom / reflow): no horizontal scroll on any page`, async () => {
    const s = await openPage(env.browser, env.url, 'phone', { viewport: { width, height: 700 } });
    try {
      const clinic = await (await fetch(`${env.url}/api/clinics`)).json();
      for (const path of ['/guia.html', '/', `/c/${clinic.items[0].clues}`, '/entrar.html', '/no-existe']) {
        await s.page.goto(path);
        await s.page.waitForLoadState('networkidle');
        await checkLayout(s.page, { minFontPx: 16 });
      }
      assertNoProblems(s, { allow: [/404/] });
    } finally {
      await s.close();
    }
  });
}

// Staff login against the real server's throttle (its own server, so no other test's account is locked).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertNoProblems, checkA11y, openPage, screenshot, startAll } from './lib/harness.mjs';

let env;

before(async () => {
  env = await startAll();
});

after(async () => {
  if (env) await env.teardown();
});

test('repeated wrong passwords: the page says how long to wait, then lets the person in', async () => {
  const s = await openPage(env.browser, env.url, 'phone');
  const { page } = s;
  try {
    await page.goto('/entrar.html');
    const user = page.getByLabel('Usuario');
    const pass = page.getByLabel('Contraseña', { exact: true });
    const submit = page.getByRole('button', { name: /^(Entrar|Entrando…)$/ });
    await user.fill('cosabi');

    let waitText = null;
    for (let i = 0; i < 15 && !waitText; i++) {
      await pass.fill(`equivocada-${i}`);
      await submit.click();
      const alert = page.getByRole('alert').filter({ hasText: /no son correctos|Demasiados intentos/ });
      await alert.waitFor();
      const text = await alert.textContent();
      if (/Demasiados intentos/.test(text)) waitText = text;
      else await page.getByRole('button', { name: 'Entrar', exact: true }).waitFor();
    }
    assert.ok(waitText, 'the server throttles repeated wrong passwords with a 429');
    const m = /espere (\d+) (segundos?|minutos?) y vuelva a intentar/.exec(waitText);
    assert.ok(m, `says how long to wait: ${waitText}`);
    assert.ok(await submit.isDisabled(), 'the button waits too');
    await checkA11y(page, 'entrar 429 real');
    await screenshot(page, 'entrar-phone-espere-real');

    // After the wait the page says so and the right password works.
    const seconds = Number(m[1]) * (m[2].startsWith('minuto') ? 60 : 1);
    assert.ok(seconds <= 120, `a short first wait (${seconds} s)`);
    await page.getByRole('alert').filter({ hasText: 'Ya puede intentar de nuevo' })
      .waitFor({ timeout: (seconds + 5) * 1000 });
    assert.ok(await submit.isEnabled());
    await pass.fill('demo-cosabi');
    await submit.click();
    await page.getByRole('heading', { name: 'Sesión iniciada' }).waitFor();
    assert.equal(await page.locator('#sesion-rol').textContent(), 'Comité de Salud (COSABI)');
    const clues = JSON.parse(await page.evaluate(() => sessionStorage.getItem('asamblea.user'))).clinics[0];
    await page.locator(`#sesion-unidades a[href="/c/${clues}/seguimiento"]`).waitFor();
    assertNoProblems(s, { allow: [/401/, /429/] });
  } finally {
    await s.close();
  }
});

test('?volver= sends the person back after logging in, only within the site', async () => {
  const s = await openPage(env.browser, env.url, 'desktop');
  const { page } = s;
  try {
    await page.goto('/entrar.html?volver=//ejemplo.invalid/robar');
    await page.getByLabel('Usuario').fill('coordinador');
    await page.getByLabel('Contraseña', { exact: true }).fill('demo-coordinador');
    await page.getByRole('button', { name: 'Entrar', exact: true }).click();
    await page.getByRole('heading', { name: 'Sesión iniciada' }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/entrar.html', 'a foreign address is ignored');

    await page.getByRole('button', { name: 'Cerrar sesión' }).click();
    await page.getByLabel('Usuario').waitFor();
    await page.goto('/entrar.html?volver=/guia.html');
    await page.getByLabel('Usuario').fill('coordinador');
    await page.getByLabel('Contraseña', { exact: true }).fill('demo-coordinador');
    await page.getByRole('button', { name: 'Entrar', exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/guia.html');
    assert.ok(await page.evaluate(() => sessionStorage.getItem('asamblea.token')), 'the token is kept');
    assertNoProblems(s);
  } finally {
    await s.close();
  }
});

test('a session that ended on the server shows the login form again', async () => {
  const s = await openPage(env.browser, env.url, 'phone');
  const { page } = s;
  try {
    await page.goto('/entrar.html');
    await page.evaluate(() => {
      sessionStorage.setItem('asamblea.token', 'vencido');
      sessionStorage.setItem('asamblea.user', JSON.stringify({ username: 'moderador', role: 'moderator', clinics: [] }));
    });
    await page.reload();
    await page.getByRole('alert').filter({ hasText: 'Su sesión terminó. Entre de nuevo.' }).waitFor();
    await page.getByLabel('Usuario').waitFor();
    assert.equal(await page.evaluate(() => sessionStorage.getItem('asamblea.token')), null);
    assertNoProblems(s, { allow: [/401/] });
  } finally {
    await s.close();
  }
});

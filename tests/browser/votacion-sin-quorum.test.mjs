// A budget round without quorum, against the REAL server: one person checked in, the demo's
// quorum of 20. The moderator's «Abrir votación» asks for a confirmation first (the server
// refuses with 409 sin_quorum until the body says confirm_without_quorum); «No abrir todavía»
// leaves it prepared. Once opened, voted, closed and shown, the projector, the phone and the
// tablet say «Sin quórum: resultado no válido» and mark nothing as «Seleccionada».
// axe and layout on each page, screenshots (votacion-sin-quorum-*.png).
// Run: ASAMBLEA_BINARY=build/src/cli/asamblea node --test tests/browser/votacion-sin-quorum.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  apiJson, assertNoProblems, checkA11y, checkLayout, moderatorLogin, pageSet, screenshot, startAll,
} from './lib/harness.mjs';

const CLUES = 'CSIMB001234';
const TITLE = 'Presupuesto con poca gente';
const PROJECTOR = { viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 1 };
const RAMPA = 'Rampa de acceso'; // a demo proposal ($120,000.00)
const NO_QUORUM = 'Sin quórum: resultado no válido.';
// The server's answer to the first «Abrir votación» (the page then asks); Chromium logs it too.
const REFUSED_OPEN = [/HTTP 409 .*\/rounds\/\d+\/open$/, /status of 409/];

let env;
let token;
let roundId;
let credential;
const pages = pageSet(() => env, 'votacion-sin-quorum');
const { open, shot } = pages;

async function call(method, pathname, body) {
  const r = await apiJson(env.url, pathname, { method, body, token });
  assert.ok(r.status < 300, `${method} ${pathname} → ${r.status} ${JSON.stringify(r.data)}`);
  return r.data;
}

before(async () => {
  env = await startAll();
  const login = await apiJson(env.url, '/api/auth/login', { method: 'POST', body: { username: 'moderador', password: 'demo-moderador' } });
  assert.equal(login.status, 200);
  token = login.data.token;
  const base = `/api/c/${CLUES}`;
  await call('POST', `${base}/assembly/transition`, { to: 'registro' });
  const checkedIn = await call('POST', `${base}/attendees`, {
    nombre: 'Ana López Cruz', identificador: 'QUORUM-1', sexo: 'mujer', mayor_de_edad: true,
  });
  credential = checkedIn.credential;
  await call('POST', `${base}/assembly/transition`, { to: 'en_sesion' });
  const assembly = await call('GET', `${base}/assembly`);
  assert.equal(assembly.quorum_min, 20, 'the demo quorum');
  roundId = (await call('POST', `${base}/rounds`, { kind: 'budget', title: TITLE, max_choices: 2 })).id;
});

after(async () => {
  await pages.closeAll();
  if (env) await env.teardown();
});



async function roundStatus() {
  return (await call('GET', `/api/c/${CLUES}/rounds`)).items.find((r) => r.id === roundId).status;
}

/** What a results block must and must not say when quorum did not hold. */
async function saysNoQuorum(container, label) {
  await container.getByText(NO_QUORUM).waitFor();
  const text = await container.textContent();
  assert.ok(!/Seleccionada/.test(text), `${label}: nothing is «Seleccionada»: ${text}`);
  assert.equal(await container.locator('.res-win, .row-selected').count(), 0, `${label}: no winner marked`);
  assert.match(text, /Sin quórum: había 1 asistente presente y se requieren 20; el resultado no es válido\./);
}

test('without quorum the moderator confirms the open, and every screen says the result is not valid', async () => {
  // ---------- The tablet: «Abrir votación» asks first ----------
  const mod = await open('desktop');
  const m = mod.page;
  await moderatorLogin(m, CLUES, { tab: 'votaciones' });
  await m.getByRole('tab', { name: /^Votaciones/ }).click();
  const current = m.locator('#vot-actual');
  await current.getByRole('heading', { name: TITLE }).waitFor();

  const opens = [];
  m.on('request', (req) => {
    if (req.method() === 'POST' && /\/rounds\/\d+\/open$/.test(new URL(req.url()).pathname)) opens.push(req.postDataJSON());
  });
  await current.getByRole('button', { name: 'Abrir votación' }).click();
  const dialog = m.getByRole('dialog');
  await dialog.getByRole('heading', { name: `¿Abrir «${TITLE}» sin quórum?` }).waitFor();
  assert.match(await dialog.textContent(), /Aún no hay quórum: hay 1 asistente presente y se requieren 20\./);
  assert.match(await dialog.textContent(), /Sin quórum: resultado no válido/);
  await checkA11y(m, 'moderador: confirmar sin quórum');
  await screenshot(m, 'votacion-sin-quorum-1-moderador-confirmar');

  // «No abrir todavía»: nothing opens, and the page says so.
  await dialog.getByRole('button', { name: 'No abrir todavía' }).click();
  await m.locator('#vot-estado').getByText(`La votación «${TITLE}» no se abrió.`).waitFor();
  assert.equal(await roundStatus(), 'preparada');
  assert.equal(opens.length, 1, 'one refused request, no retry');
  assert.equal(opens[0].confirm_without_quorum, undefined, 'the first request does not confirm');

  // Confirmed: the page retries with the flag.
  await current.getByRole('button', { name: 'Abrir votación' }).click();
  await dialog.getByRole('button', { name: 'Abrir sin quórum' }).click();
  await m.locator('#vot-estado').getByText(`Se abrió la votación «${TITLE}».`).waitFor();
  assert.equal(await roundStatus(), 'abierta');
  assert.equal(opens.length, 3);
  assert.equal(opens[2].confirm_without_quorum, true, 'the retry confirms');

  // ---------- The phone votes; the projector watches ----------
  const phone = await open('phone');
  const v = phone.page;
  await v.goto(credential.url);
  await v.waitForFunction((t) => document.getElementById('titulo').textContent === t, TITLE);
  await v.locator('.opcion label', { hasText: RAMPA }).click();
  await v.getByRole('button', { name: 'Enviar mi voto' }).click();
  await v.getByRole('button', { name: 'Confirmar y enviar' }).click();
  await v.getByText(/Su voto quedó registrado\. Comprobante:/).waitFor();

  const proj = await open('desktop', PROJECTOR);
  const p = proj.page;
  await p.goto(`/c/${CLUES}/pantalla`);
  await p.locator('#p-ronda', { hasText: TITLE }).waitFor();
  await p.locator('#p-quorum', { hasText: 'Aún no hay quórum (mínimo 20)' }).waitFor();

  // ---------- Close and show the results ----------
  await current.getByRole('button', { name: 'Cerrar votación' }).click();
  await dialog.getByRole('button', { name: 'Cerrar votación' }).click();
  await m.locator('#vot-estado').getByText(`Se cerró la votación «${TITLE}».`).waitFor();
  await current.getByRole('button', { name: 'Mostrar resultados' }).click();
  await m.locator('#vot-estado').getByText(`Resultados de «${TITLE}» publicados.`).waitFor();

  const rounds = await call('GET', `/api/c/${CLUES}/rounds`);
  const results = rounds.items.find((r) => r.id === roundId).results;
  assert.equal(results.quorum_met, false, 'the result records that quorum did not hold');

  // The projector.
  const res = p.locator('#p-res');
  await res.locator('h3', { hasText: /^Resultados$/ }).waitFor();
  await saysNoQuorum(res, 'pantalla');
  assert.equal(await res.locator('.res').count(), 8, 'every proposal with its votes');
  assert.match(await res.locator('.res').first().textContent(), new RegExp(`${RAMPA}\\s*1 voto`));
  await checkA11y(p, 'pantalla: sin quórum');
  await checkLayout(p, { minFontPx: 24 });
  const { scroll, inner } = await p.evaluate(() => ({ scroll: document.documentElement.scrollHeight, inner: innerHeight }));
  assert.ok(scroll <= inner + 1, `the projector fits its screen (${scroll}px on ${inner}px)`);
  await shot(p, '2-pantalla');

  // The phone.
  await v.locator('#res').getByRole('heading', { name: `Resultados: ${TITLE}` }).waitFor();
  await saysNoQuorum(v.locator('#res'), 'teléfono');
  await checkA11y(v, 'teléfono: sin quórum');
  await checkLayout(v);
  await shot(v, '3-telefono');

  // The tablet.
  await current.getByRole('heading', { name: 'Resultados', exact: true }).waitFor();
  await saysNoQuorum(current.locator('.results'), 'moderador');
  await checkA11y(m, 'moderador: resultados sin quórum');
  await shot(m, '4-moderador');

  assertNoProblems(mod, { allow: REFUSED_OPEN });
  assertNoProblems(phone);
  assertNoProblems(proj);
});

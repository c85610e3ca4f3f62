// The COSABI election end to end against the REAL server (issue 6): the moderator's tablet, four
// phones and the projector, each in its own browser context.
//
// 1. Seven people are checked in (REST, as the moderator); the assembly is in session.
// 2. Ana nominates herself for Presidencia from her phone ("Postularme al COSABI"); the moderator
//    nominates Luis for Presidencia and five people for the vocalías on the COSABI tab.
// 3. Presidencia: prepared from the COSABI tab, opened in Votaciones, four phones vote 2 to 2; the
//    projector and the tablet show the tie; the moderator prepares the segunda vuelta from the
//    COSABI tab with one button; the phones vote again; Ana wins.
// 4. Vocalías: 3 seats with parity. Three mujeres have the most approvals, so the third is skipped
//    for parity and a hombre takes the seat; the projector says so and lists the committee.
// 5. The tablet shows the committee and an invitation code; Ana turns it into a login on
//    /c/{clues}/cosabi-cuenta (the clinic's own address, so a proxy sharding by clinic routes
//    the claim), and that login works.
// axe on every page at the key moments, layout checks, screenshots (cosabi-*.png).
// Run: ASAMBLEA_BINARY=build/src/cli/asamblea node --test tests/browser/cosabi.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  apiJson, assertNoProblems, checkA11y, checkLayout, moderatorLogin, pageSet, screenshot, startAll,
} from './lib/harness.mjs';

const CLUES = 'CSIMB001234';
const PROJECTOR = { viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 1 };
const PEOPLE = [
  ['Ana Ruiz Torres', 'mujer'], ['Luis Mora Vega', 'hombre'], ['Eva Soto Lara', 'mujer'],
  ['Jorge Díaz Cruz', 'hombre'], ['Rosa Paz Ortiz', 'mujer'], ['Pedro Gil Ramos', 'hombre'],
  ['Sofía Luna Reyes', 'mujer'],
];
const [ANA, LUIS, EVA, JORGE, ROSA, PEDRO, SOFIA] = PEOPLE.map(([n]) => n);

let env;
let token;
const people = {}; // nombre → {id, code}
const pages = pageSet(() => env, 'cosabi');
const { open, shot } = pages;

before(async () => {
  env = await startAll();
  const login = await apiJson(env.url, '/api/auth/login', { method: 'POST', body: { username: 'moderador', password: 'demo-moderador' } });
  assert.equal(login.status, 200);
  token = login.data.token;
  const base = `/api/c/${CLUES}`;
  // The seven people make the quorum: the elections open without a confirmation and elect.
  assert.equal((await apiJson(env.url, `${base}/assembly`, { method: 'PATCH', body: { quorum_min: 7 }, token })).status, 200);
  assert.equal((await apiJson(env.url, `${base}/assembly/transition`, { method: 'POST', body: { to: 'registro' }, token })).status, 200);
  for (const [i, [nombre, sexo]] of PEOPLE.entries()) {
    const r = await apiJson(env.url, `${base}/attendees`, {
      method: 'POST',
      body: { nombre, identificador: `COSABI-${i + 1}`, sexo, mayor_de_edad: true }, token,
    });
    assert.equal(r.status, 201, JSON.stringify(r.data));
    people[nombre] = { id: r.data.attendee.id, code: r.data.credential.code };
  }
  assert.equal((await apiJson(env.url, `${base}/assembly/transition`, { method: 'POST', body: { to: 'en_sesion' }, token })).status, 200);
});

after(async () => {
  await pages.closeAll();
  if (env) await env.teardown();
});



async function fitsScreen(page, label) {
  const { scroll, inner } = await page.evaluate(() => ({ scroll: document.documentElement.scrollHeight, inner: innerHeight }));
  assert.ok(scroll <= inner + 1, `projector ${label}: page is ${scroll}px tall on a ${inner}px screen`);
}

// ---------- Phones ----------

async function phone(nombre) {
  const s = await open('phone');
  await s.page.goto(`/c/${CLUES}/votar#${people[nombre].code}`);
  await s.page.getByText(`Votando como ${nombre}.`).waitFor();
  await s.page.locator('#conexion', { hasText: 'Conectado' }).waitFor();
  return s;
}

async function waitHeading(page, text) {
  await page.waitForFunction((t) => document.getElementById('titulo').textContent === t, text);
}

/** Votes for the named candidates on a phone and waits for the receipt. */
async function vote(page, title, names) {
  await waitHeading(page, title);
  for (const n of names) await page.locator('#voto .opcion label', { hasText: n }).click();
  await page.waitForFunction((k) => document.querySelectorAll('#voto .opcion.sel').length === k, names.length);
  await page.getByRole('button', { name: 'Enviar mi voto' }).click();
  await waitHeading(page, 'Revise su voto');
  await page.getByRole('button', { name: 'Confirmar y enviar' }).click();
  await page.getByText(/Su voto quedó registrado\. Comprobante:/).waitFor();
}

// ---------- Tablet ----------

async function openTab(page, name) {
  await page.getByRole('tab', { name: new RegExp(`^${name}`) }).click();
  await page.locator(`#panel-${name.toLowerCase()}`).waitFor({ state: 'visible' });
}

const roleCard = (page, label) => page.locator('.cosabi-role', { has: page.getByRole('heading', { name: label, exact: true }) });

/** Votaciones: open the displayed round, wait for `ballots` votes, close it and reveal. */
async function openRound(page, title) {
  await page.locator('#ronda-actual-titulo', { hasText: title }).waitFor();
  await page.locator('#ronda-abrir').click();
  await page.locator('#vot-estado').getByText(`Se abrió la votación «${title}».`).waitFor();
}

async function closeAndReveal(page, title, ballots) {
  await page.locator('#participacion').getByText(`${ballots} de 7`).waitFor();
  await page.locator('#ronda-cerrar').click();
  await page.getByRole('dialog').getByRole('button', { name: 'Cerrar votación' }).click();
  await page.locator('#vot-estado').getByText(`Se cerró la votación «${title}».`).waitFor();
  await page.locator('#ronda-revelar').click();
  await page.locator('#vot-estado').getByText(`Resultados de «${title}» publicados.`).waitFor();
}

test('a COSABI election: nominations, a tie and its runoff, vocalías with parity, the committee', async () => {
  // ---------- The tablet, the projector and four phones ----------
  const mod = await open('desktop');
  const m = mod.page;
  await moderatorLogin(m, CLUES, { tab: 'cosabi' });
  await m.locator('#panel-cosabi').waitFor({ state: 'visible' });
  await m.locator('#conexion').getByText('En vivo', { exact: true }).waitFor();
  await roleCard(m, 'Presidencia').getByText('Nadie se ha postulado todavía.').waitFor();
  assert.equal(await m.locator('.cosabi-role').count(), 5);
  await checkA11y(m, 'moderar cosabi: vacío');
  await checkLayout(m, { minFontPx: 16 });
  await shot(m, 'moderar-1-vacio');

  const proj = await open('desktop', PROJECTOR);
  const p = proj.page;
  await p.goto(`/c/${CLUES}/pantalla`);
  await p.locator('#p-asistentes', { hasText: '7' }).waitFor();

  const phones = {};
  for (const n of [ANA, LUIS, EVA, JORGE]) phones[n] = await phone(n);

  // ---------- 2. Nominations: Ana from her phone, the rest by the moderator ----------
  const a = phones[ANA].page;
  await a.getByRole('button', { name: 'Postularme al COSABI' }).click();
  await a.getByRole('heading', { name: 'Postularme al COSABI' }).waitFor();
  await checkA11y(a, 'votar: postularme');
  await checkLayout(a);
  await a.getByRole('button', { name: 'Postularme', exact: true }).click();
  await a.locator('#cosabi .field-error').getByText('Elija un cargo.').waitFor();
  await a.locator('#cosabi label', { hasText: 'Presidencia' }).click();
  await a.getByRole('button', { name: 'Postularme', exact: true }).click();
  await a.getByText('Su postulación a Presidencia quedó registrada.', { exact: false }).waitFor();
  await a.getByRole('button', { name: 'Retirar mi postulación a Presidencia' }).waitFor();
  await checkA11y(a, 'votar: postulada');
  await checkLayout(a);
  await a.locator('#cosabi').evaluate((n) => n.scrollIntoView({ block: 'start' }));
  await screenshot(a, 'cosabi-votar-1-postulada');
  // A second role, then withdrawn from the phone.
  await a.locator('#cosabi label', { hasText: 'Tesorería' }).click();
  await a.getByRole('button', { name: 'Postularme', exact: true }).click();
  await a.getByRole('button', { name: 'Retirar mi postulación a Tesorería' }).click();
  await a.getByText('Retiró su postulación a Tesorería.').waitFor();
  assert.equal(await a.getByRole('button', { name: /^Retirar mi postulación/ }).count(), 1);
  await a.getByRole('button', { name: 'Cerrar', exact: true }).click();
  await a.getByRole('button', { name: 'Postularme al COSABI' }).waitFor();
  assert.equal(await a.evaluate(() => document.activeElement.id), 'cosabi-btn');

  // The tablet sees the phone's nomination without a reload.
  const presidencia = roleCard(m, 'Presidencia');
  await presidencia.getByText(ANA, { exact: true }).waitFor();
  await presidencia.getByText('Se postuló desde su teléfono').waitFor();
  await roleCard(m, 'Tesorería').getByText('Nadie se ha postulado todavía.').waitFor();

  const nominate = async (nombre, cargo) => {
    await m.getByLabel('Cargo', { exact: true }).selectOption({ label: cargo });
    await m.getByLabel('Persona registrada').selectOption({ label: nombre });
    await m.getByRole('button', { name: 'Postular', exact: true }).click();
    await m.locator('#postular-estado').getByText(`Se registró la postulación de ${nombre} a ${cargo}.`).waitFor();
  };
  // Nothing chosen: said next to the field.
  await m.getByRole('button', { name: 'Postular', exact: true }).click();
  await m.locator('#postular-persona-error').getByText('Elija a la persona que se postula.').waitFor();
  await nominate(LUIS, 'Presidencia');
  for (const n of [EVA, ROSA, SOFIA, JORGE, PEDRO]) await nominate(n, 'Vocalías');
  // A second nomination of the same person to the same role is refused with the server's words.
  await m.getByLabel('Cargo', { exact: true }).selectOption({ label: 'Vocalías' });
  await m.getByLabel('Persona registrada').selectOption({ label: EVA });
  await m.getByRole('button', { name: 'Postular', exact: true }).click();
  await m.locator('#postular-estado').getByText('Esa persona ya está postulada a este cargo.').waitFor();
  const vocalias = roleCard(m, 'Vocalías');
  await vocalias.locator('.cosabi-nominee').nth(4).waitFor();
  assert.equal(await vocalias.locator('.cosabi-nominee').count(), 5);
  await presidencia.getByText('Postulación de la mesa').waitFor();
  await checkA11y(m, 'moderar cosabi: postulaciones');
  await shot(m, 'moderar-2-postulaciones');

  // ---------- 3. Presidencia: a tie, then the segunda vuelta ----------
  // Prepared by mistake, cancelled in Votaciones: the role is free to prepare again.
  await presidencia.getByRole('button', { name: 'Preparar la elección de Presidencia' }).click();
  await m.locator('#cosabi-estado').getByText('Elección preparada: «Presidencia».').waitFor();
  await presidencia.getByRole('button', { name: 'Ir a Votaciones para Presidencia' }).click();
  await m.locator('#panel-votaciones').waitFor({ state: 'visible' });
  await m.getByRole('button', { name: 'Cancelar votación' }).click();
  await m.getByRole('button', { name: 'Sí, cancelar la votación' }).click();
  await m.locator('#vot-estado').getByText('Se canceló la votación', { exact: false }).waitFor();
  await m.getByRole('tab', { name: /^COSABI/ }).click();
  await m.locator('#panel-cosabi').waitFor({ state: 'visible' });
  await presidencia.getByRole('button', { name: 'Preparar la elección de Presidencia' }).click();
  await m.locator('#cosabi-estado').getByText('Elección preparada: «Presidencia».').waitFor();
  await presidencia.getByText('Votación preparada').waitFor();
  // Its candidates are fixed now: no "Retirar" in the card.
  assert.equal(await presidencia.getByRole('button', { name: /^Retirar/ }).count(), 0);
  await presidencia.getByRole('button', { name: 'Ir a Votaciones para Presidencia' }).click();
  await m.locator('#panel-votaciones').waitFor({ state: 'visible' });
  const title = 'Elección de presidencia del COSABI';
  await m.locator('#ronda-actual-titulo', { hasText: title }).waitFor();
  assert.match(await m.locator('#vot-actual').textContent(), /Cargo del COSABIPresidencia/);
  await openRound(m, title);

  // The projector shows the candidates while the vote is open.
  await p.locator('#p-ronda', { hasText: title }).waitFor();
  await p.locator('#p-tipo').getByText('COSABI: Presidencia').waitFor();
  await p.locator('#p-opciones').getByText(ANA).waitFor();
  await p.locator('#p-aviso').getByText('Se elige a una persona: la que tenga más votos.').waitFor();
  await checkA11y(p, 'pantalla: presidencia abierta');
  await fitsScreen(p, 'presidencia abierta');
  await shot(p, 'pantalla-1-presidencia-abierta');

  // While a vote is open the phone shows only the ballot (no "Postularme").
  await waitHeading(a, title);
  assert.equal(await a.locator('#cosabi').isHidden(), true);
  await vote(a, title, [ANA]);
  await checkA11y(a, 'votar: recibo de la elección');
  await vote(phones[EVA].page, title, [ANA]);
  await vote(phones[LUIS].page, title, [LUIS]);
  await vote(phones[JORGE].page, title, [LUIS]);
  await closeAndReveal(m, title, 4);

  // The tie, everywhere.
  const tie = `Empate entre ${ANA} y ${LUIS}: habrá segunda vuelta.`;
  await p.locator('.p-empate').getByText(tie).waitFor();
  await p.locator('.res-summary').getByText('Hay empate: se necesita una segunda vuelta.').waitFor();
  await checkA11y(p, 'pantalla: empate');
  await fitsScreen(p, 'empate');
  await shot(p, 'pantalla-2-empate');
  await phones[LUIS].page.locator('#res-body').getByText('Hay empate: se necesita una segunda vuelta.').waitFor();
  await m.locator('#vot-actual').getByText(`Empate: ${ANA} y ${LUIS} tienen los mismos votos.`).waitFor();
  await checkA11y(m, 'moderar votaciones: empate');
  await shot(m, 'moderar-3-empate-votaciones');

  // One button on the COSABI tab prepares the segunda vuelta among the tied only.
  await openTab(m, 'COSABI');
  await presidencia.getByText('Empate').first().waitFor();
  await presidencia.getByText(`${ANA} y ${LUIS} tienen los mismos votos.`).waitFor();
  await checkA11y(m, 'moderar cosabi: empate');
  await shot(m, 'moderar-4-empate-cosabi');
  await presidencia.getByRole('button', { name: 'Preparar segunda vuelta de Presidencia' }).click();
  const runoffTitle = `${title} (segunda vuelta)`;
  await m.locator('#cosabi-estado').getByText(`Segunda vuelta preparada: «${runoffTitle}».`).waitFor();
  await m.locator('#cosabi-estado').getByText(`Solo entre ${ANA} y ${LUIS}.`).waitFor();
  await presidencia.getByRole('button', { name: 'Ir a Votaciones para Presidencia' }).click();
  await m.locator('#panel-votaciones').waitFor({ state: 'visible' });
  await openRound(m, runoffTitle);
  await p.locator('#p-tipo').getByText('Segunda vuelta').waitFor();
  await shot(p, 'pantalla-3-segunda-vuelta');
  assert.equal(await p.locator('#p-opciones > li').count(), 2, await p.locator('#p-opciones').innerHTML());
  // The phone's ballot has the two tied people only.
  await waitHeading(a, runoffTitle);
  assert.equal(await a.locator('#voto .opcion').count(), 2);
  await checkA11y(a, 'votar: segunda vuelta');
  await checkLayout(a);
  await screenshot(a, 'cosabi-votar-2-segunda-vuelta');
  await vote(a, runoffTitle, [ANA]);
  await vote(phones[EVA].page, runoffTitle, [ANA]);
  await vote(phones[LUIS].page, runoffTitle, [LUIS]);
  await vote(phones[JORGE].page, runoffTitle, [ANA]);
  await closeAndReveal(m, runoffTitle, 4);
  await p.locator('.res-summary').getByText(`Ganó «${ANA}» con 3 votos.`).waitFor();
  await p.locator('#p-cosabi').getByText(ANA).waitFor();
  await p.locator('#p-cosabi-t', { hasText: 'COSABI 2026' }).waitFor();
  await checkA11y(p, 'pantalla: presidencia electa');
  await shot(p, 'pantalla-4-presidencia-electa');
  await fitsScreen(p, 'presidencia electa');
  await a.locator('#res-body').getByText(`Ganó «${ANA}» con 3 votos.`).waitFor();

  // ---------- 4. Vocalías: 3 seats with parity ----------
  await openTab(m, 'COSABI');
  await presidencia.getByText(`Persona electa: ${ANA}`).waitFor();
  await vocalias.getByLabel('Lugares', { exact: true }).fill('3');
  assert.equal(await vocalias.getByLabel(/^Paridad/).isChecked(), true, 'parity is on by default');
  // The rule by what it does (words.js RULE), with its one line under it; no technical name.
  const rule = vocalias.getByLabel('Regla para contar');
  assert.deepEqual(await rule.locator('option').allTextContents(),
    ['Los más votados ocupan los lugares', 'Reparto proporcional de los lugares']);
  await vocalias.getByText('Cada lugar es para la candidatura con más votos, en orden.').waitFor();
  assert.doesNotMatch(await m.locator('#panel-cosabi').innerText(), /Phragm|\(av\)/);
  await vocalias.getByRole('button', { name: 'Preparar la elección de Vocalías' }).click();
  await m.locator('#cosabi-estado').getByText('Elección preparada: «Vocalías».').waitFor();
  await vocalias.getByRole('button', { name: 'Ir a Votaciones para Vocalías' }).click();
  const vTitle = 'Elección de vocalías del COSABI';
  await m.locator('#panel-votaciones').waitFor({ state: 'visible' });
  await m.locator('#ronda-actual-titulo', { hasText: vTitle }).waitFor();
  assert.match(await m.locator('#vot-actual').textContent(), /ParidadSí: ningún sexo ocupa más de 2 lugares/);
  await openRound(m, vTitle);
  await p.locator('#p-aviso').getByText('Se eligen 3 lugares; cada persona vota hasta por 3. Con paridad: ningún sexo ocupa más de 2 de los 3 lugares.').waitFor();
  await fitsScreen(p, 'vocalías abierta');
  await shot(p, 'pantalla-5-vocalias-abierta');
  // Checkboxes, at most 3.
  await waitHeading(a, vTitle);
  assert.equal(await a.locator('#voto .opcion input[type="checkbox"]').count(), 5);
  await a.getByText('Elija hasta 3 opciones.').waitFor();
  await vote(a, vTitle, [EVA, ROSA, SOFIA]);
  await vote(phones[LUIS].page, vTitle, [EVA, ROSA, SOFIA]);
  await vote(phones[EVA].page, vTitle, [EVA, ROSA, JORGE]);
  await vote(phones[JORGE].page, vTitle, [EVA, SOFIA, JORGE]);
  await closeAndReveal(m, vTitle, 4);

  // Approvals: Eva 4, Rosa 3, Sofía 3, Jorge 2, Pedro 0 → Eva, Rosa, and Jorge instead of Sofía.
  const res = p.locator('#p-res');
  await res.getByText('Se ocuparon 3 de 3 lugares. Con paridad: ningún sexo ocupa más de 2 de los 3 lugares.').waitFor();
  const sofia = res.locator('.res', { hasText: SOFIA });
  assert.match(await sofia.textContent(), /Se omitió por paridad: el sexo «mujer» ya tenía todos los lugares/);
  assert.equal(await sofia.locator('.badge').count(), 0);
  for (const n of [EVA, ROSA, JORGE]) assert.equal(await res.locator('.res-win', { hasText: n }).count(), 1, `${n} elected`);
  await p.locator('#p-cosabi').getByText(JORGE).waitFor();
  assert.deepEqual(await p.locator('#p-cosabi .p-cosabi-cargo').allTextContents(),
    ['Presidencia', 'Vocalía 1', 'Vocalía 2', 'Vocalía 3']);
  await checkA11y(p, 'pantalla: vocalías con paridad');
  await fitsScreen(p, 'vocalías con paridad');
  await shot(p, 'pantalla-6-vocalias-paridad');
  await a.locator('#res-body').getByText('Se omitió por paridad', { exact: false }).waitFor();
  await a.locator('#res').evaluate((n) => n.scrollIntoView({ block: 'start' }));
  await checkA11y(a, 'votar: resultados con paridad');
  await screenshot(a, 'cosabi-votar-3-paridad');

  // ---------- 5. The committee and an invitation code turned into a login ----------
  await openTab(m, 'COSABI');
  const table = m.locator('.cosabi-table');
  await table.getByText(JORGE, { exact: true }).waitFor();
  assert.deepEqual(await table.locator('tbody th').allTextContents(), ['Presidencia', 'Vocalía 1', 'Vocalía 2', 'Vocalía 3']);
  assert.deepEqual(await table.locator('tbody td:first-of-type').allTextContents(), [ANA, EVA, ROSA, JORGE]);
  await vocalias.getByText(`Personas electas: ${EVA}, ${ROSA}, ${JORGE}`).waitFor();
  await m.getByRole('button', { name: `Generar código de invitación para ${ANA}` }).click();
  const code = (await m.locator('#cosabi-codigo-valor').textContent()).trim();
  assert.match(code, /^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
  await m.locator('#cosabi-codigo').getByText(`/c/${CLUES}/cosabi-cuenta`).waitFor();
  await m.locator('#cosabi-codigo').getByText('vence el', { exact: false }).waitFor();
  await table.getByText('Código entregado').waitFor();
  await checkA11y(m, 'moderar cosabi: comité con código');
  await checkLayout(m, { minFontPx: 16 });
  await shot(m, 'moderar-5-comite');

  // Ana, on her phone: the code becomes her committee login.
  const claim = await open('phone');
  const c = claim.page;
  // Without the clinic in the address the page asks for its CLUES.
  await c.goto('/cosabi-cuenta.html');
  await c.getByLabel('Clave de la unidad (CLUES)').waitFor();
  await c.goto(`/c/${CLUES}/cosabi-cuenta`);
  await c.locator('#unidad-fija').getByText(CLUES).waitFor();
  assert.equal(await c.getByLabel('Clave de la unidad (CLUES)').isVisible(), false);
  await checkA11y(c, 'cosabi-cuenta');
  await checkLayout(c);
  await c.getByLabel('Código de invitación').pressSequentially(code.replace(/-/g, '').toLowerCase());
  assert.equal(await c.getByLabel('Código de invitación').inputValue(), code);
  await c.getByLabel('Elija un usuario').fill('Ana');
  await c.getByLabel('Elija una contraseña').fill('corta');
  await c.getByRole('button', { name: 'Crear mi cuenta' }).click();
  await c.locator('#usuario-error').getByText('Use de 3 a 40 letras minúsculas').waitFor();
  await c.locator('#contrasena-error').getByText('al menos 10 caracteres').waitFor();
  await checkA11y(c, 'cosabi-cuenta: errores');
  await screenshot(c, 'cosabi-cuenta-1-errores');
  await c.getByLabel('Elija un usuario').fill('moderador'); // taken: the server says so
  await c.getByLabel('Elija una contraseña').fill('presidenta-2026');
  await c.getByRole('button', { name: 'Crear mi cuenta' }).click();
  await c.locator('#usuario-error').getByText('Ya existe el usuario «moderador». Elija otro.').waitFor();
  await c.getByLabel('Elija un usuario').fill('ana.ruiz');
  await c.getByRole('button', { name: 'Crear mi cuenta' }).click();
  await c.getByRole('heading', { name: 'Cuenta creada' }).waitFor();
  await c.getByText('Su usuario es «ana.ruiz», para presidencia del COSABI 2026.', { exact: false }).waitFor();
  // The pointer still rests where «Crear mi cuenta» was, now over the «Entrar» link: a link
  // styled as a button must keep its contrast in :hover (touch screens stay there after a tap).
  await checkA11y(c, 'cosabi-cuenta: lista');
  await screenshot(c, 'cosabi-cuenta-2-lista');
  const logged = await apiJson(env.url, '/api/auth/login', { method: 'POST', body: { username: 'ana.ruiz', password: 'presidenta-2026' } });
  assert.equal(logged.status, 200);
  assert.equal(logged.data.user.role, 'committee');
  assert.deepEqual(logged.data.user.clinics, [CLUES]);
  await table.getByText('Ya tiene cuenta').waitFor({ timeout: 15_000 });

  // The public committee, as the API gives it.
  const pub = await apiJson(env.url, `/api/c/${CLUES}/committee`);
  assert.deepEqual(pub.data.members.map((x) => [x.role, x.seat, x.nombre]),
    [['presidencia', 1, ANA], ['vocalia', 1, EVA], ['vocalia', 2, ROSA], ['vocalia', 3, JORGE]]);

  // Expected failures only: the 409s of the refused nomination and the taken username.
  for (const s of [mod, proj, claim, ...Object.values(phones)]) {
    assertNoProblems(s, { allow: [/409/, /status of 409/] });
  }
  void PEDRO;
});

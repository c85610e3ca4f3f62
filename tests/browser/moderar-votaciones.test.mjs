// The Votaciones tab of the moderator's tablet, against the docs/api.md contract served by
// tests/browser/lib/moderar-mock.mjs (REST) and a mocked WebSocket (snapshots), until the real
// end-to-end test with phones and the projector arrives with issue 4. Login and the clinic still
// come from the real server.
// Run: ASAMBLEA_BINARY=build/src/cli/asamblea node tests/browser/moderar-votaciones.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertNoProblems, checkA11y, checkLayout, moderatorLogin, openPage, screenshot, startAll,
} from './lib/harness.mjs';
import { installMockApi, installMockSocket } from './lib/moderar-mock.mjs';

const CLUES = 'CSIMB001234';
let env;

before(async () => {
  env = await startAll();
});

after(async () => {
  if (env) await env.teardown();
});

// The counting rules as the moderator reads them (words.js RULE, RULE_HINT): what each does.
const PLAIN_RULES = [
  ['Los más votados hasta agotar el presupuesto',
    'Entran primero las propuestas con más votos; se salta la que ya no cabe en el dinero que queda.'],
  ['Reparto proporcional: cada grupo decide su parte',
    'El presupuesto se divide en partes iguales entre quienes votan; cada propuesta se paga con las partes de quienes la apoyaron.'],
  ['Reparto proporcional, usando todo el presupuesto',
    'Como el reparto proporcional, pero si sobra dinero se agranda la parte de cada persona hasta usarlo.'],
  ['Reparto proporcional y lo que sobre, a los más votados',
    'Primero el reparto proporcional; el dinero que aún sobre va a las propuestas más votadas que quepan.'],
];
// Technical names stay in the docs and the acta's annex: never on a screen.
const JARGON = [/\bMES\b/, /Phragm|greedy|Igualdad de partes|\(av\)/i];

async function assertNoJargon(page, where) {
  const text = await page.evaluate(() => document.body.innerText);
  for (const re of JARGON) assert.doesNotMatch(text, re, `${where}: a technical rule name is on screen`);
}

async function shot(page, name) {
  await page.evaluate(() => window.scrollTo(0, 0));
  return screenshot(page, name);
}

/** A tablet page with the mocked API and socket, an assembly in session and three people in. */
async function setup(viewport) {
  const s = viewport
    ? await openPage(env.browser, env.url, 'desktop', { viewport })
    : await openPage(env.browser, env.url, 'desktop');
  const mock = await installMockApi(s.context, { clues: CLUES, state: 'en_sesion' });
  const socket = await installMockSocket(s.context, mock);
  const codes = [];
  for (const [i, nombre] of ['Ana Ruiz', 'Luis Mora', 'Eva Soto'].entries()) {
    const { status, body } = mock.handle('POST', 'attendees', new URLSearchParams(), {
      authorization: 'Bearer test', 'content-type': 'application/json',
    }, JSON.stringify({ nombre, identificador: `ID-${i}00`, sexo: i % 2 ? 'hombre' : 'mujer', mayor_de_edad: true }));
    assert.equal(status, 201);
    codes.push(body.credential.code);
  }
  const { page } = s;
  await moderatorLogin(page, CLUES, { tab: 'votaciones' });
  await page.locator('#panel-votaciones').waitFor({ state: 'visible' });
  return { s, page, mock, socket, codes };
}

test('a budget round: prepare, open with a countdown, live participation and results, close, reveal', async () => {
  const { s, page, mock, socket, codes } = await setup();
  try {
    await page.locator('#conexion').getByText('En vivo', { exact: true }).waitFor();
    assert.ok(mock.hellos && mock.hellos[0].token, 'hello carries the staff token');
    await page.getByText('No hay votaciones todavía.').waitFor();
    await checkA11y(page, 'votaciones vacía');

    const form = page.locator('#form-ronda');
    // A bad number is caught next to its field, and nothing is sent.
    await form.getByLabel('Título').fill('Presupuesto 2026');
    await form.getByLabel('Máximo de propuestas por persona').fill('0');
    await form.getByRole('button', { name: 'Preparar votación' }).click();
    await page.locator('#ronda-max-error').getByText('Escriba un número entero, 1 o más, o déjelo vacío.').waitFor();
    assert.equal(await page.evaluate(() => document.activeElement.id), 'ronda-max');
    assert.equal(mock.rounds.length, 0);

    // A refusal from the server: its message is shown and nothing is created.
    await form.getByLabel('Máximo de propuestas por persona').fill('3');
    mock.refuseNextRound = { status: 409, body: { error: 'round_open', message: 'Ya hay una votación preparada con ese título.' } };
    await form.getByRole('button', { name: 'Preparar votación' }).click();
    await page.locator('#ronda-form-estado').getByText('No se preparó la votación.').waitFor();
    assert.match(await page.locator('#ronda-form-estado').textContent(), /Ya hay una votación preparada con ese título\./);
    assert.equal(mock.rounds.length, 0);

    // The counting rule is chosen by what it does, in plain words, one line of explanation each.
    const rules = form.getByRole('group', { name: 'Regla para contar' });
    for (const [name, why] of PLAIN_RULES) {
      const radio = rules.getByRole('radio', { name, exact: true });
      assert.equal(await radio.evaluate((n) => document.getElementById(n.getAttribute('aria-describedby')).textContent), why);
    }
    assert.equal(await rules.getByRole('radio').count(), PLAIN_RULES.length);
    assert.ok(await rules.getByRole('radio', { name: PLAIN_RULES[0][0] }).isChecked(), 'the default is the first');
    await assertNoJargon(page, 'votaciones, formulario');
    await rules.getByRole('radio', { name: PLAIN_RULES[0][0] }).check();
    await form.getByRole('button', { name: 'Preparar votación' }).click();
    await page.locator('#ronda-form-estado').getByText('Votación preparada: «Presupuesto 2026».').waitFor();
    const current = page.locator('#vot-actual');
    await current.getByRole('heading', { name: 'Presupuesto 2026' }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement.id), 'ronda-actual-titulo');
    assert.match(await current.textContent(), /Preparada/);
    assert.match(await current.textContent(), /Máximo por persona3 propuestas/);
    assert.match(await current.textContent(), /Opciones8/, 'the 8 accepted proposals');
    assert.match(await current.textContent(), /ReglaLos más votados hasta agotar el presupuesto/);
    await checkA11y(page, 'votaciones preparada');
    await shot(page, 'moderar-votaciones-1280-preparada');

    await current.getByLabel('Cuenta regresiva').selectOption('120');
    await current.getByRole('button', { name: 'Abrir votación' }).click();
    await page.locator('#vot-estado').getByText('Se abrió la votación «Presupuesto 2026».').waitFor();
    await current.getByText('0 de 3').waitFor();
    await current.getByText(/Se cierra sola en (2:00|1:5\d)/).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement.id), 'ronda-cerrar');

    // Ballots arrive (phones); the snapshot updates participation without a reload.
    const round = mock.rounds[0];
    mock.vote(codes[0], round.id, ['4', '2']);
    await current.getByText('1 de 3').waitFor();
    assert.match(await current.locator('#participacion').textContent(), /1 de 3 ha votado/);
    mock.vote(codes[1], round.id, ['4']);
    await current.getByText('2 de 3').waitFor();
    assert.equal(await current.locator('progress').getAttribute('value'), '2');

    // Live results on: the partial table appears.
    await current.getByLabel('Mostrar resultados en vivo en la pantalla y los teléfonos').check();
    await page.locator('#vot-estado').getByText('Los resultados se muestran en vivo.').waitFor();
    await current.getByRole('heading', { name: 'Resultados en vivo (parciales)' }).waitFor();
    await checkLayout(page, { minFontPx: 16 });
    await checkA11y(page, 'votaciones abierta en vivo');
    await shot(page, 'moderar-votaciones-1280-abierta');

    // Close: a question first; then reveal.
    await current.getByRole('button', { name: 'Cerrar votación' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Han votado 2 de 3 personas.').waitFor();
    await dialog.getByRole('button', { name: 'Cerrar votación' }).click();
    await page.locator('#vot-estado').getByText('Se cerró la votación «Presupuesto 2026».').waitFor();
    assert.match(await current.textContent(), /Cerrada/);
    assert.equal(await page.evaluate(() => document.activeElement.id), 'ronda-revelar');
    await page.keyboard.press('Enter');
    await page.locator('#vot-estado').getByText('Resultados de «Presupuesto 2026» publicados.').waitFor();
    await current.getByRole('heading', { name: 'Resultados', exact: true }).waitFor();
    const rows = current.locator('tbody tr');
    assert.equal(await rows.count(), 8);
    const first = await rows.first().textContent();
    assert.match(first, /Rampa de acceso/);
    assert.match(first, /Seleccionada/);
    assert.match(first, /Seleccionada: 2 votos, costo \$120,000\.00\./);
    assert.match(await current.textContent(), /Se eligieron 2 propuestas por/);
    assert.match(await current.textContent(), /Resultados publicados/);
    await checkLayout(page, { minFontPx: 16 });
    await checkA11y(page, 'votaciones resultados');
    await shot(page, 'moderar-votaciones-1280-resultados');
    await assertNoJargon(page, 'votaciones, resultados');

    // The socket drops: the bar says so, polling takes over, and it comes back by itself.
    socket.dropAll();
    await page.locator('#conexion').getByText('Sin conexión en vivo; actualizando cada 3 s').waitFor();
    await page.locator('#conexion').getByText('En vivo', { exact: true }).waitFor({ timeout: 8000 });
    const lastHello = mock.hellos[mock.hellos.length - 1];
    assert.ok(Number.isInteger(lastHello.version), `the reconnect says which version it has (${JSON.stringify(lastHello)})`);
    assertNoProblems(s, { allow: [/\/rounds$/, /status of 409/] }); // the refused round
  } finally {
    await s.close();
  }
});

test('motion and election rounds; opening waits for the session; 1024x768', async () => {
  const { s, page, mock } = await setup({ width: 1024, height: 768 });
  try {
    const form = page.locator('#form-ronda');
    await form.getByLabel('Moción (sí / no)').check();
    assert.ok(await page.locator('#ronda-budget').isHidden());
    await form.getByLabel('Título').fill('¿Aprobamos el acta anterior?');
    await form.getByRole('button', { name: 'Preparar votación' }).click();
    await page.locator('#vot-actual').getByRole('heading', { name: '¿Aprobamos el acta anterior?' }).waitFor();
    assert.match(await page.locator('#vot-actual').textContent(), /Opciones3/);

    await form.getByLabel('Elección').check();
    assert.ok(await page.locator('#ronda-election').isVisible());
    await form.getByLabel('Título').fill('Presidencia del COSABI');
    await form.getByLabel('Candidaturas, una por línea').fill('Carmen Vázquez');
    await form.getByRole('button', { name: 'Preparar votación' }).click();
    await page.locator('#ronda-candidatos-error').getByText('Escriba al menos dos candidaturas').waitFor();
    assert.equal(await page.evaluate(() => document.activeElement.id), 'ronda-candidatos');
    await checkA11y(page, 'votaciones elección con error');
    await form.getByLabel('Candidaturas, una por línea').fill('Carmen Vázquez\nJosé Ramírez\nLucía Hernández');
    await form.getByRole('button', { name: 'Preparar votación' }).click();
    await page.locator('#vot-actual').getByRole('heading', { name: 'Presidencia del COSABI' }).waitFor();
    const election = mock.rounds.find((r) => r.kind === 'election');
    assert.deepEqual(election.options.map((o) => o.label), ['Carmen Vázquez', 'José Ramírez', 'Lucía Hernández']);

    // The list shows every round; "Ver" brings one up.
    assert.equal(await page.locator('#vot-lista > li').count(), 2);
    await page.getByRole('button', { name: 'Ver «¿Aprobamos el acta anterior?»' }).click();
    await page.locator('#vot-actual').getByRole('heading', { name: '¿Aprobamos el acta anterior?' }).waitFor();

    // Suspended: opening is off, and the page says why.
    mock.assembly.resumes_to = 'en_sesion';
    mock.assembly.state = 'suspendida';
    mock.onChange();
    await page.locator('.mod-bar').getByText('Suspendida').waitFor();
    await page.getByText('Para abrir la votación, la asamblea debe estar «En sesión» (pestaña Cierre).').waitFor();
    assert.ok(await page.getByRole('button', { name: 'Abrir votación' }).isDisabled());
    await checkLayout(page, { minFontPx: 16 });
    await checkA11y(page, 'votaciones suspendida');
    await shot(page, 'moderar-votaciones-1024-suspendida');
    assertNoProblems(s);
  } finally {
    await s.close();
  }
});

test('the counting rule is chosen by what it does: a proportional round says so, and no jargon', async () => {
  const { s, page, mock } = await setup({ width: 1024, height: 768 });
  try {
    const form = page.locator('#form-ronda');
    await form.getByLabel('Título').fill('Presupuesto proporcional');
    const rules = form.getByRole('group', { name: 'Regla para contar' });
    await rules.getByRole('radio', { name: PLAIN_RULES[1][0] }).check();
    await form.scrollIntoViewIfNeeded();
    await checkA11y(page, 'votaciones regla proporcional');
    await shot(page, 'moderar-votaciones-1024-reglas');
    await form.getByRole('button', { name: 'Preparar votación' }).click();
    await page.locator('#ronda-form-estado').getByText('Votación preparada: «Presupuesto proporcional».').waitFor();
    assert.equal(mock.rounds[0].rule, 'mes', 'the plain choice sends the rule the server knows');
    assert.match(await page.locator('#vot-actual').textContent(), /ReglaReparto proporcional: cada grupo decide su parte/);
    assert.ok(await rules.getByRole('radio', { name: PLAIN_RULES[0][0] }).isChecked(), 'the form is back to the default');
    await assertNoJargon(page, 'votaciones, ronda proporcional');
    assertNoProblems(s);
  } finally {
    await s.close();
  }
});

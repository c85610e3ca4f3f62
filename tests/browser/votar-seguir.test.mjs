// The phone follows the assembly after the vote (issue 16 item 6), against the REAL server: a
// voter at 360 px votes; the moderator (over REST) gives them the floor («Le toca hablar»), then to
// another person (who speaks, who waits); reveals the round (the selected proposals with their
// amounts and votes, the rule in plain words); closes the assembly (a closing screen whose links to
// the acta and the clinic's public page answer 200). axe, layout and a screenshot at each step; the
// projector's result too, without a technical rule name (item 7).
// Run: ASAMBLEA_BINARY=build/src/cli/asamblea node tests/browser/votar-seguir.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  SCREENSHOT_DIR, apiJson, assertNoProblems, checkA11y, checkLayout, pageSet, startAll,
} from './lib/harness.mjs';

const CLUES = 'CSIMB001234';
const base = `/api/c/${CLUES}`;
const PEOPLE = [
  { nombre: 'María López Hernández', identificador: 'SEG-3001', sexo: 'mujer', mayor_de_edad: true },
  { nombre: 'Juan Pérez Gómez', identificador: 'SEG-3002', sexo: 'hombre', mayor_de_edad: true },
  { nombre: 'Rosa Díaz Ruiz', identificador: 'SEG-3003', sexo: 'mujer', mayor_de_edad: true },
];
const CISTERNA = 'Cisterna y bomba de agua'; // $150,000.00 in the demo
const RAMPA = 'Rampa de acceso'; //             $120,000.00
const JARGON = [/\bMES\b/, /Phragm|greedy|Igualdad de partes|\(av\)/i];

let env;
let token;
const codes = [];
const ids = [];
const pages = pageSet(() => env, 'votar-seguir');

const api = async (pathname, method = 'GET', body = undefined, expect = 200) => {
  const res = await apiJson(env.url, base + pathname, { method, body, token });
  assert.equal(res.status, expect, `${method} ${pathname}: ${JSON.stringify(res.data)}`);
  return res.data;
};
/** A person asks for the floor from their phone's credential (as the phone's button does). */
async function askFloor(code) {
  const res = await fetch(`${env.url}${base}/floor`, { method: 'POST', headers: { Accept: 'application/json', Authorization: `Credential ${code}` } });
  assert.equal(res.status, 201, await res.text());
}

before(async () => {
  env = await startAll();
  const login = await apiJson(env.url, '/api/auth/login', { method: 'POST', body: { username: 'moderador', password: 'demo-moderador' } });
  assert.equal(login.status, 200);
  token = login.data.token;
  await api('/assembly', 'PATCH', { quorum_min: 3 });
  await api('/assembly/transition', 'POST', { to: 'registro' });
  for (const p of PEOPLE) {
    const d = await api('/attendees', 'POST', p, 201);
    codes.push(d.credential.code);
    ids.push(d.attendee.id);
  }
  await api('/assembly/transition', 'POST', { to: 'en_sesion' });
});

after(async () => {
  await pages.closeAll();
  if (env) await env.teardown();
});

/** What the phone's screen shows with `locator` at the top (the full page is in pages.shot). */
async function phoneView(page, name, locator) {
  await locator.evaluate((n) => n.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `votar-seguir-${name}.png`), animations: 'disabled' });
}

async function pageText(page) {
  return page.evaluate(() => document.body.innerText);
}

function noJargon(text, where) {
  for (const re of JARGON) assert.doesNotMatch(text, re, `${where}: a technical rule name is on screen`);
}

test('after voting the phone follows the floor, the result and the close', async () => {
  const round = await api('/rounds', 'POST', { kind: 'budget', title: 'Presupuesto 2026', max_choices: 3, rule: 'greedy' }, 201);
  await api(`/rounds/${round.id}/open`, 'POST', {});

  const s = await pages.open('phone');
  const { page } = s;
  await page.goto(`/c/${CLUES}/votar#${codes[0]}`);
  await page.getByRole('heading', { name: 'Presupuesto 2026' }).waitFor();
  await page.getByLabel(CISTERNA).check();
  await page.getByLabel(RAMPA).check();
  await page.getByRole('button', { name: 'Enviar mi voto' }).click();
  await page.getByRole('button', { name: 'Confirmar y enviar' }).click();
  await page.getByText('Su voto quedó registrado.').waitFor();
  // The other two vote from their phones: two proposals with two votes each get selected.
  for (const i of [1, 2]) {
    const p = await pages.open('phone');
    await p.page.goto(`/c/${CLUES}/votar#${codes[i]}`);
    await p.page.getByLabel(i === 1 ? RAMPA : CISTERNA).check();
    await p.page.getByRole('button', { name: 'Enviar mi voto' }).click();
    await p.page.getByRole('button', { name: 'Confirmar y enviar' }).click();
    await p.page.getByText('Su voto quedó registrado.').waitFor();
    await p.close();
  }

  // The floor: this person asks from the phone, the other two from theirs; the moderator gives it.
  await page.getByRole('button', { name: 'Pedir la palabra' }).click();
  await page.locator('#palabra-txt').getByText(/Usted está en la fila: lugar 1 de 1\./).waitFor();
  await askFloor(codes[1]);
  await askFloor(codes[2]);
  const queue = await api('/floor');
  const mine = queue.waiting.find((w) => w.attendee_id === ids[0]);
  await api(`/floor/${mine.id}/give`, 'POST');
  const banner = page.locator('#seguir .le-toca');
  await banner.getByText('Le toca hablar', { exact: true }).waitFor();
  const box = await banner.boundingBox();
  assert.ok(box.y + box.height <= 740, `«Le toca hablar» is on the first screen (bottom at ${box.y + box.height}px)`);
  const fila = page.locator('#palabra-sigue');
  assert.deepEqual(await fila.locator('ol li').allTextContents(), [PEOPLE[1].nombre, PEOPLE[2].nombre]);
  await checkLayout(page);
  await checkA11y(page, 'votar-seguir: le toca hablar');
  await pages.shot(page, '1-le-toca-hablar');

  // The moderator moves on: Juan speaks, Rosa waits; the banner goes away.
  await api('/floor/next', 'POST');
  await fila.getByText(PEOPLE[1].nombre).waitFor();
  await banner.waitFor({ state: 'detached' });
  assert.match(await fila.locator('.palabra-ahora').textContent(), new RegExp(`^Tiene la palabra: ${PEOPLE[1].nombre}$`));
  assert.deepEqual(await fila.locator('ol li').allTextContents(), [PEOPLE[2].nombre]);
  assert.match(await fila.textContent(), /En la fila \(1\):/);
  await checkLayout(page);
  await checkA11y(page, 'votar-seguir: otra persona habla');
  await pages.shot(page, '2-otra-persona-habla');
  await phoneView(page, '2b-otra-persona-habla-pantalla', page.locator('#palabra'));

  // Close and reveal: the phone shows the selected proposals with their amounts and votes.
  await api(`/rounds/${round.id}/close`, 'POST');
  const revealed = await api(`/rounds/${round.id}/reveal`, 'POST');
  const res = page.locator('#res');
  await res.getByRole('heading', { name: 'Resultados: Presupuesto 2026' }).waitFor();
  const picked = res.locator('.res-elegidas');
  await picked.waitFor();
  const selected = revealed.results.lines.filter((l) => l.selected);
  assert.ok(selected.length >= 2, JSON.stringify(revealed.results));
  assert.match(await picked.getByRole('heading').textContent(), new RegExp(`${selected.length} propuestas seleccionadas`));
  const items = await picked.locator('li').allTextContents();
  assert.equal(items.length, selected.length);
  for (const l of selected) {
    const cost = round.options.find((o) => String(o.id) === String(l.id)).cost_centavos;
    const pesos = `$${(cost / 100).toLocaleString('en-US')}.00`;
    assert.ok(items.some((t) => t.includes(l.label) && t.includes(pesos) && t.includes(`${l.votes} voto`)),
      `${l.label} with ${pesos} and ${l.votes} votes in ${JSON.stringify(items)}`);
  }
  assert.match(await res.textContent(), /Regla para contar: Los más votados hasta agotar el presupuesto\./);
  await res.getByText(revealed.results.summary).waitFor();
  await checkLayout(page);
  await checkA11y(page, 'votar-seguir: resultados');
  noJargon(await pageText(page), 'phone, result');
  await pages.shot(page, '3-resultados');
  await page.setViewportSize({ width: 320, height: 640 });
  await checkLayout(page);
  await page.setViewportSize({ width: 360, height: 740 });
  await phoneView(page, '3b-resultados-pantalla', res);

  // The projector shows the same result, without a technical rule name either.
  const proj = await pages.open('desktop', { viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 1 });
  await proj.page.goto(`/c/${CLUES}/pantalla`);
  await proj.page.locator('#p-res').getByText(revealed.results.summary).waitFor();
  noJargon(await pageText(proj.page), 'projector, result');
  await proj.close();

  // The assembly closes: a thank-you, the acta and the clinic's public page, both answering.
  await api('/assembly/transition', 'POST', { to: 'cerrada' });
  await page.getByRole('heading', { name: 'La asamblea terminó', level: 1 }).waitFor();
  const cierre = page.locator('#seguir .cierre');
  await cierre.getByRole('heading', { name: '¡Gracias por participar!' }).waitFor();
  assert.ok(await page.locator('#voto').isHidden(), 'the ballot area gives way to the closing screen');
  assert.ok(await page.locator('#palabra').isHidden(), 'no floor to ask for after the close');
  const receipt = await cierre.locator('.comprobante').textContent();
  assert.match(receipt, /^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  const acta = cierre.getByRole('link', { name: 'Ver el acta (PDF)' });
  const publica = cierre.getByRole('link', { name: 'Página pública de la clínica' });
  assert.match(await acta.getAttribute('href'), new RegExp(`^/api/c/${CLUES}/acta\\.pdf\\?edition=\\d{4}$`));
  assert.equal(await publica.getAttribute('href'), `/c/${CLUES}`);
  const pdf = await page.request.get(await acta.getAttribute('href'));
  assert.equal(pdf.status(), 200);
  assert.equal(pdf.headers()['content-type'], 'application/pdf');
  await writeFile(path.join(SCREENSHOT_DIR, 'votar-seguir-acta.pdf'), await pdf.body());
  const pub = await page.request.get(await publica.getAttribute('href'));
  assert.equal(pub.status(), 200);
  await checkLayout(page);
  await checkA11y(page, 'votar-seguir: cierre');
  noJargon(await pageText(page), 'phone, closed');
  await pages.shot(page, '4-cierre');
  await page.setViewportSize({ width: 320, height: 640 });
  await checkLayout(page);
  await pages.shot(page, '4c-cierre-320');
  await page.setViewportSize({ width: 360, height: 740 });
  await phoneView(page, '4b-cierre-pantalla', page.locator('#contenido'));

  // A reload after the close (a phone that slept) comes back to the same closing screen.
  await page.reload();
  await page.locator('#seguir .cierre').getByRole('link', { name: 'Ver el acta (PDF)' }).waitFor();
  await page.locator('#conexion').getByText('Conectado').waitFor();
  assert.ok(await page.locator('#seguir .cierre').isVisible());

  // The public page opens from the link.
  await publica.click();
  await page.waitForURL(`**/c/${CLUES}`);
  assert.equal(new URL(page.url()).pathname, `/c/${CLUES}`);
  assertNoProblems(s);
});

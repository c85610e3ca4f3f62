// The back row can read the projector (issue 16 item 2), against the REAL server: a moderator
// (REST calls with its token) and voters (their credentials, ballots over the WebSocket) drive the
// demo assembly of CSIMB001234 through every projector state, and one projector page follows it:
//
//   registro     lobby: registration open, two people, no quorum yet
//   quorum       eight people, quorum reached
//   palabra      in session: someone speaking, two waiting
//   abierta      a budget round of 25 proposals with long titles open (countdown, ballots)
//   resultado    the same round closed and revealed: 25 result lines, paged by themselves
//   cosabi       the vocalías election open (5 seats, parity), then its result with the committee
//   cerrada      the assembly closed: the public page's address and the elected committee
//
// For each state, at 1280x720 and at 1920x1080, the test walks every visible text node and takes
// the smallest computed font-size: it must be at least 3.5 % of the screen height (38 px at 1080p,
// 25 px at 720p, UI.md). Nothing is exempt: the projector has no fine print the room may skip (the
// connection banner only shows when the link is lost, and it is as large as the rest). And nothing
// may overflow: no scrollbar, every visible element's box inside the viewport, no element whose
// content is wider (or, when it clips, taller) than its box. The smallest size per state is printed.
//
// Long lists (the options of an open round, the result lines, the committee) are split into pages
// that fit the screen and rotate by themselves with «Página 2 de 3»; the test waits for one
// rotation without touching anything, then steps through the pages with the presenter remote's
// PageDown key to check every page fits and that every proposal is on one. With
// prefers-reduced-motion the pages change without animation. On a phone or a portrait screen
// (360 and 320 px) the page is one column that scrolls, with every list whole.
// Screenshots: pantalla-legible-<state>-<width>.png (and -p<N> for further pages).
// Run: ASAMBLEA_BINARY=build/src/cli/asamblea node tests/browser/pantalla-legible.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  apiJson, assertNoProblems, checkA11y, checkLayout, pageSet, startAll,
} from './lib/harness.mjs';

const CLUES = 'CSIMB001234';
const SIZES = [{ width: 1280, height: 720 }, { width: 1920, height: 1080 }];
const MIN_SHARE = 0.035; // of the screen height (UI.md: 38 px at 1080p)
const PROPOSALS = 25;
const QR_404 = /join-qr\.svg|404/; // a server without the join QR: the slot hides quietly

// Long titles as a community writes them (3–120 characters each).
const LONG_TITLES = [
  'Rehabilitación completa de los baños de la sala de espera con acceso para personas en silla de ruedas',
  'Compra de un electrocardiógrafo portátil de doce derivaciones para las consultas de urgencia',
  'Impermeabilización del techo del área de vacunación y cambio de las canaletas del patio trasero',
  'Sustitución de las ventanas rotas del consultorio dos y colocación de mosquiteros en todas las salas',
  'Instalación de una barda perimetral con portón de acceso vehicular para la ambulancia municipal',
  'Bancas de tres plazas con respaldo para la fila de la mañana y sombra para quienes esperan afuera',
  'Refrigerador certificado para vacunas con termómetro de registro continuo y planta de respaldo',
  'Señalización en español y en tsotsil de consultorios, farmacia, baños y salidas de emergencia',
  'Reparación de la red eléctrica del edificio antiguo y cambio de todas las lámparas por ahorradoras',
  'Mesa de exploración ginecológica con pierneras y biombo para dar privacidad a las pacientes',
  'Tinaco de mil cien litros con bomba y tubería nueva para que no falte el agua en temporada de secas',
  'Pintura de muros y herrería de toda la unidad, por dentro y por fuera, con pintura lavable',
  'Computadora, impresora y lector de códigos para el control de la farmacia y del expediente clínico',
  'Rampa de concreto con barandal en la entrada principal y en la puerta del área de urgencias',
  'Silla de ruedas, dos muletas y una andadera para préstamo a derechohabientes de las comunidades',
  'Archiveros metálicos con cerradura para guardar los expedientes en papel de los últimos diez años',
  'Lámpara de chicote y estuche de diagnóstico para la revisión de niñas y niños en el consultorio uno',
  'Cortinas antibacteriales, colchonetas y sábanas para la sala de observación y la de curaciones',
  'Arreglo del piso del pasillo principal, que se encharca cuando llueve y ya causó caídas de pacientes',
  'Báscula con estadímetro para adultos y báscula pesabebés digital para el control de niño sano',
  'Techado del área de espera exterior con lámina galvanizada y estructura metálica con canalón',
  'Botiquín de primeros auxilios y camilla rígida para trasladar pacientes a la ambulancia',
  'Aire acondicionado para la farmacia, donde el calor echa a perder los medicamentos en verano',
  'Mobiliario para la sala de lactancia: sillón reclinable, lavabo, cambiador y refrigerador chico',
  'Cerca de malla ciclónica para el huerto de plantas medicinales que cuida el grupo de parteras',
];
const CATEGORIES = ['obra', 'equipamiento', 'obra', 'mejoramiento', 'obra', 'mobiliario', 'equipamiento',
  'mejoramiento', 'mejoramiento', 'mobiliario', 'obra', 'mejoramiento', 'equipamiento', 'obra',
  'equipamiento', 'mobiliario', 'equipamiento', 'mobiliario', 'mejoramiento', 'equipamiento', 'obra',
  'equipamiento', 'equipamiento', 'mobiliario', 'obra'];

// Eight people: two before quorum, six more after (quorum_min is set to 3).
const PEOPLE = [
  ['María Guadalupe Hernández Martínez', 'mujer'], ['José Luis Gómez Santiz', 'hombre'],
  ['Rosa Elena Díaz Ruiz', 'mujer'], ['Juan Carlos Pérez López', 'hombre'],
  ['Ana Patricia Méndez Girón', 'mujer'], ['Pedro Antonio Velasco Cruz', 'hombre'],
  ['Sofía Alejandra Núñez Pale', 'mujer'], ['Miguel Ángel Jiménez Collazo', 'hombre'],
];

let env;
let token;
const pages = pageSet(() => env, 'pantalla-legible');
const people = []; // {id, nombre, code}

async function api(path, { method = 'POST', body, credential } = {}) {
  if (credential) {
    const res = await fetch(`${env.url}${path}`, {
      method,
      headers: { Accept: 'application/json', 'Content-Type': 'application/json', Authorization: `Credential ${credential}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const data = await res.json().catch(() => null);
    assert.ok(res.ok, `${method} ${path}: ${res.status} ${JSON.stringify(data)}`);
    return data;
  }
  const res = await apiJson(env.url, path, { method, body, token });
  assert.ok(res.status >= 200 && res.status < 300, `${method} ${path}: ${res.status} ${JSON.stringify(res.data)}`);
  return res.data;
}
const mod = (path, body, method = 'POST') => api(`/api/c/${CLUES}${path}`, { method, body });

before(async () => {
  env = await startAll();
  const login = await apiJson(env.url, '/api/auth/login', { method: 'POST', body: { username: 'moderador', password: 'demo-moderador' } });
  assert.equal(login.status, 200);
  token = login.data.token;
  await mod('/assembly', { quorum_min: 3 }, 'PATCH');
  // The demo's accepted proposals, then long ones up to 25.
  const have = (await mod('/proposals', undefined, 'GET')).items.length;
  for (let i = 0; have + i < PROPOSALS; i += 1) {
    const p = await mod('/proposals', {
      title: LONG_TITLES[i], category: CATEGORIES[i], cost_centavos: (18 + 7 * i) * 100_000, source: 'asamblea',
    });
    await mod(`/proposals/${p.id}/accept`);
  }
  assert.equal((await mod('/proposals', undefined, 'GET')).items.length, PROPOSALS);
});

after(async () => {
  await pages.closeAll();
  if (env) await env.teardown();
});

async function checkIn([nombre, sexo], i) {
  const r = await mod('/attendees', { nombre, identificador: `LEG-${1000 + i}`, sexo, mayor_de_edad: true });
  people.push({ id: r.attendee.id, nombre, code: r.credential.code });
}

/** Ballots over the WebSocket, each with its voter's credential, from a page of the server's origin. */
async function vote(voter, roundId, choices) {
  const receipts = await voter.evaluate(async ({ clues, ballots }) => {
    const one = ({ code, roundId: round, choices: picked }) => new Promise((resolve, reject) => {
      const ws = new WebSocket(`ws://${location.host}/ws/c/${clues}`);
      const ballotId = `leg${Math.random().toString(36).slice(2, 14)}`;
      ws.onopen = () => ws.send(JSON.stringify({ type: 'hello', credential: code }));
      ws.onmessage = (ev) => {
        const m = JSON.parse(ev.data);
        if (m.type === 'welcome') ws.send(JSON.stringify({ type: 'ballot', round_id: round, ballot_id: ballotId, choices: picked }));
        else if (m.type === 'ack') { ws.close(); resolve(m.receipt); } else if (m.type === 'error') { ws.close(); reject(new Error(`${m.error}: ${m.message}`)); }
      };
      ws.onerror = () => reject(new Error('socket error'));
    });
    const out = [];
    for (const b of ballots) out.push(await one(b));
    return out;
  }, { clues: CLUES, ballots: choices.map((c, i) => ({ code: people[i].code, roundId, choices: c })) });
  assert.equal(receipts.length, choices.length);
}

/** Two frames: the pager (a ResizeObserver) has split the lists for the new size. */
const settle = (page) => page.evaluate(() => new Promise((r) => { requestAnimationFrame(() => requestAnimationFrame(r)); }));

/**
 * The smallest font among visible text, and everything that overflows or is cut off.
 * Visible: checkVisibility() with opacity and visibility, a non-empty box, not a 1-px
 * visually-hidden text.
 */
function measure(page) {
  return page.evaluate(() => {
    const W = innerWidth;
    const H = innerHeight;
    const name = (e) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${e.classList.length ? `.${[...e.classList].join('.')}` : ''}`;
    const shown = (e) => e.checkVisibility({ opacityProperty: true, visibilityProperty: true });
    const problems = [];
    let min = Infinity;
    let where = '';
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent.replace(/\s+/g, ' ').trim();
      const e = n.parentElement;
      if (!text || !e || !shown(e)) continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      const boxes = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
      if (!boxes.length || boxes.every((r) => r.width <= 1 && r.height <= 1)) continue;
      const size = parseFloat(getComputedStyle(e).fontSize);
      if (size < min) {
        min = size;
        where = `${name(e)} «${text.slice(0, 40)}»`;
      }
      for (const r of boxes) {
        if (r.left < -1 || r.top < -1 || r.right > W + 1 || r.bottom > H + 1) {
          problems.push(`text «${text.slice(0, 40)}» in ${name(e)} at ${Math.round(r.left)},${Math.round(r.top)}–${Math.round(r.right)},${Math.round(r.bottom)}`);
        }
      }
    }
    for (const e of document.body.querySelectorAll('*')) {
      if (!shown(e)) continue;
      const r = e.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.left < -1 || r.top < -1 || r.right > W + 1 || r.bottom > H + 1) {
        problems.push(`${name(e)} box ${Math.round(r.left)},${Math.round(r.top)}–${Math.round(r.right)},${Math.round(r.bottom)} outside ${W}x${H}`);
      }
      if (e.scrollWidth > e.clientWidth + 1 && e.clientWidth > 0) problems.push(`${name(e)} content ${e.scrollWidth}px wide in ${e.clientWidth}px`);
      const s = getComputedStyle(e);
      if (s.overflowY !== 'visible' && e.clientHeight > 0 && e.scrollHeight > e.clientHeight + 1) {
        problems.push(`${name(e)} cuts off its content: ${e.scrollHeight}px tall in ${e.clientHeight}px`);
      }
    }
    const doc = document.documentElement;
    if (doc.scrollHeight > H + 1 || doc.scrollWidth > W + 1) problems.push(`the page scrolls: ${doc.scrollWidth}x${doc.scrollHeight} on ${W}x${H}`);
    return { min, where, problems, height: H };
  });
}

const report = [];
const failures = [];

/** One state at both sizes: font, overflow, screenshot; axe once at 1920x1080. */
async function checkState(page, state, { axe = true } = {}) {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await settle(page);
    await checkPage(page, state, size);
    await pages.shot(page, `${state}-${size.width}`);
  }
  if (axe) await checkA11y(page, `pantalla ${state}`);
}

async function checkPage(page, state, size, label = '') {
  const m = await measure(page);
  const share = (m.min / m.height) * 100;
  const line = `${state}${label} ${size.width}x${size.height}: smallest text ${m.min.toFixed(1)} px = ${share.toFixed(2)} % of the height (${m.where})`;
  report.push(line);
  console.log(line);
  // Collected, so one run reports every state; the test fails at its end.
  if (m.min < MIN_SHARE * m.height - 0.05) failures.push(`${line}: under 3.5 %`);
  for (const p of m.problems) failures.push(`${state}${label} at ${size.width}x${size.height}: ${p}`);
}

/**
 * A phone or a portrait screen (360 and 320 px wide): one column that scrolls, every list whole,
 * nothing wider than the screen, text at least 18 px.
 */
async function narrow(page, state) {
  for (const width of [360, 320]) {
    await page.setViewportSize({ width, height: 740 });
    await settle(page);
    await checkLayout(page, { minFontPx: 18 });
    assert.equal(await page.locator('.p-pagina:visible').count(), 0, `${state} at ${width} px: lists show whole, without pages`);
    await pages.shot(page, `${state}-${width}`);
  }
  await page.setViewportSize(SIZES[1]);
  await settle(page);
}

/** The pager of a list: {page, pages} from its «Página N de M», or null when it fits at once. */
async function pagerOf(page, selector) {
  const loc = page.locator(selector);
  if (!(await loc.isVisible())) return null;
  const m = /^Página (\d+) de (\d+)$/.exec((await loc.textContent()).trim());
  assert.ok(m, `${selector} reads «Página N de M»: ${await loc.textContent()}`);
  return { page: Number(m[1]), pages: Number(m[2]) };
}

/**
 * Steps through every page of a paged list with PageDown (a presenter remote), checking each
 * page at the current size; returns the texts of the items seen (`item` selector).
 */
async function everyPage(page, state, size, pagerSel, item) {
  const seen = new Set();
  const first = await pagerOf(page, pagerSel);
  const total = first ? first.pages : 1;
  for (let i = 0; i < total; i += 1) {
    const now = await pagerOf(page, pagerSel);
    if (i > 0) {
      await checkPage(page, state, size, ` página ${now.page}`);
      await pages.shot(page, `${state}-${size.width}-p${now.page}`);
    }
    for (const t of await page.locator(`${item}:visible`).allTextContents()) seen.add(t.replace(/\s+/g, ' ').trim());
    if (total > 1) {
      const before = now.page;
      await page.keyboard.press('PageDown');
      await page.waitForFunction(([sel, was]) => !document.querySelector(sel).textContent.startsWith(`Página ${was} `), [pagerSel, before]);
      await settle(page);
    }
  }
  if (total > 1) assert.equal((await pagerOf(page, pagerSel)).page, first.page, 'PageDown comes back round to the first page');
  return { seen, pages: total };
}

test('the projector is readable from the back row in every state, at 1280x720 and 1920x1080', async () => {
  const voter = (await pages.open('desktop')).page;
  await voter.goto('/');
  const s = await pages.open('desktop', { viewport: SIZES[1], deviceScaleFactor: 1 });
  const { page } = s;

  // ---------- registro: the lobby before quorum ----------
  await mod('/assembly/transition', { to: 'registro' });
  await checkIn(PEOPLE[0], 0);
  await checkIn(PEOPLE[1], 1);
  await page.goto(`/c/${CLUES}/pantalla`);
  await page.locator('#p-estado', { hasText: 'Registro abierto' }).waitFor();
  await page.locator('#p-asistentes', { hasText: /^2$/ }).waitFor();
  await page.locator('#p-quorum', { hasText: 'Aún no hay quórum' }).waitFor();
  await checkState(page, 'registro');

  // ---------- quorum ----------
  for (let i = 2; i < PEOPLE.length; i += 1) await checkIn(PEOPLE[i], i);
  await page.locator('#p-asistentes', { hasText: /^8$/ }).waitFor();
  await page.locator('#p-quorum', { hasText: 'Hay quórum (mínimo 3)' }).waitFor();
  await checkState(page, 'quorum', { axe: false });

  // ---------- palabra: someone speaking, two waiting ----------
  await mod('/assembly/transition', { to: 'en_sesion' });
  for (const p of people.slice(0, 3)) await api(`/api/c/${CLUES}/floor`, { credential: p.code });
  await mod('/floor/next');
  await page.locator('#p-palabra', { hasText: `${people[0].nombre} tiene la palabra` }).waitFor();
  await page.locator('#p-palabra', { hasText: '2 personas esperan turno' }).waitFor();
  await page.locator('#p-palabra', { hasText: `Siguen: ${people[1].nombre} y ${people[2].nombre}.` }).waitFor();
  await checkState(page, 'palabra');
  // The floor is over before the vote.
  const floor = await mod('/floor', undefined, 'GET');
  await mod(`/floor/${floor.current.id}/done`);
  for (const p of people.slice(1, 3)) await api(`/api/c/${CLUES}/floor`, { method: 'DELETE', credential: p.code });
  await page.locator('#p-palabra').waitFor({ state: 'hidden' });

  // ---------- abierta: 25 proposals, countdown, ballots ----------
  const round = await mod('/rounds', { kind: 'budget', title: 'Presupuesto 2026' });
  assert.equal(round.options.length, PROPOSALS);
  await mod(`/rounds/${round.id}/open`, { duration_seconds: 900 });
  const ids = round.options.map((o) => String(o.id));
  // Six of eight vote: many approvals for a few, a long tail, two proposals with none.
  await vote(voter, round.id, [
    ids.slice(0, 6), ids.slice(0, 4).concat(ids.slice(10, 14)), ids.slice(1, 3).concat(ids.slice(14, 20)),
    ids.slice(0, 2).concat(ids.slice(20, 23)), [ids[5], ids[7], ids[9]], ids.slice(3, 9),
  ]);
  await page.locator('#p-part-num', { hasText: '6 de 8 han votado' }).waitFor();
  await page.locator('#p-cuenta', { hasText: /^Cierra en 1[45]:\d\d$/ }).waitFor();
  await checkState(page, 'abierta');
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await settle(page);
    const { seen, pages: n } = await everyPage(page, 'abierta', size, '#p-opciones-pagina', '#p-opciones .p-op');
    console.log(`abierta ${size.width}x${size.height}: ${PROPOSALS} options on ${n} pages`);
    assert.equal(seen.size, PROPOSALS, `every option is on a page at ${size.width}x${size.height}`);
  }

  // ---------- resultado: revealed, 25 lines, paging by itself ----------
  await mod(`/rounds/${round.id}/close`);
  await mod(`/rounds/${round.id}/reveal`);
  await page.locator('#p-res h3', { hasText: /^Resultados$/ }).waitFor();
  await checkState(page, 'resultado');
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await settle(page);
    const pager = await pagerOf(page, '#p-res-pagina');
    assert.ok(pager && pager.pages >= 2, `25 results are paged at ${size.width}x${size.height}`);
    const { seen, pages: n } = await everyPage(page, 'resultado', size, '#p-res-pagina', '#p-res .res-head > :first-child');
    console.log(`resultado ${size.width}x${size.height}: ${PROPOSALS} lines on ${n} pages`);
    assert.equal(seen.size, PROPOSALS, `every result line is on a page at ${size.width}x${size.height}`);
  }
  await narrow(page, 'resultado');
  // Nobody touches anything: the next page comes by itself (with less motion: no animation).
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const was = await pagerOf(page, '#p-res-pagina');
  await page.waitForFunction((p) => !document.getElementById('p-res-pagina').textContent.startsWith(`Página ${p} `), was.page, { timeout: 30_000 });
  const next = await pagerOf(page, '#p-res-pagina');
  assert.equal(next.page, was.page % was.pages + 1, 'the next page, then round to the first');
  assert.equal(await page.evaluate(() => document.getAnimations().filter((a) => a.playState === 'running').length), 0,
    'with prefers-reduced-motion the page changes without animation');
  await page.emulateMedia({ reducedMotion: 'no-preference' });

  // ---------- cosabi: presidencia elected, vocalías open, then their result and the committee ----------
  await mod('/nominations', { role: 'presidencia', attendee_id: people[0].id });
  await mod('/nominations', { role: 'presidencia', attendee_id: people[1].id });
  const pres = await mod('/rounds', { kind: 'election', role: 'presidencia' });
  await mod(`/rounds/${pres.id}/open`, { duration_seconds: 600 });
  await vote(voter, pres.id, [[String(people[0].id)], [String(people[0].id)], [String(people[1].id)]]);
  await mod(`/rounds/${pres.id}/close`);
  await mod(`/rounds/${pres.id}/reveal`);
  for (const p of people.slice(1)) await mod('/nominations', { role: 'vocalia', attendee_id: p.id });
  const voc = await mod('/rounds', { kind: 'election', role: 'vocalia', seats: 5, parity: true });
  await mod(`/rounds/${voc.id}/open`, { duration_seconds: 600 });
  const cand = voc.options.map((o) => String(o.id));
  await vote(voter, voc.id, [cand.slice(0, 5), cand.slice(1, 6), cand.slice(2, 7), cand.slice(0, 3)]);
  await page.locator('#p-ronda', { hasText: 'Elección de vocalías del COSABI' }).waitFor();
  await page.locator('#p-part-num', { hasText: '4 de 8 han votado' }).waitFor();
  await checkState(page, 'cosabi-abierta');
  await mod(`/rounds/${voc.id}/close`);
  await mod(`/rounds/${voc.id}/reveal`);
  await page.locator('#p-res h3', { hasText: /^Resultados$/ }).waitFor();
  await page.locator('#p-cosabi-lista li').nth(5).waitFor({ state: 'attached' });
  assert.equal(await page.locator('#p-res .res').count(), voc.options.length, 'a line per candidate');
  await checkState(page, 'cosabi-resultado');

  // ---------- cerrada ----------
  await mod('/assembly/transition', { to: 'cerrada' });
  await page.locator('#p-estado', { hasText: 'Cerrada' }).waitFor();
  await page.locator('#p-ronda', { hasText: 'La asamblea terminó' }).waitFor();
  // Phones now go to the clinic's public page (results, committee, acta), not to the ballot.
  await page.locator('#p-publica-url', { hasText: `/c/${CLUES}` }).waitFor();
  assert.equal(await page.locator('#p-unirse').isVisible(), false);
  // The elected committee takes the main column.
  await page.locator('#p-main #p-cosabi-lista li').nth(5).waitFor({ state: 'attached' });
  await checkState(page, 'cerrada');

  await narrow(page, 'cerrada');
  console.log(`\nsmallest text per state:\n  ${report.join('\n  ')}`);
  assert.deepEqual(failures, [], 'text under 3.5 % of the screen height, or something overflows');
  assertNoProblems(s, { allow: [QR_404] });
});

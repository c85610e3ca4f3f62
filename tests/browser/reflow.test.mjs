// Reflow and zoom (issue 16 item 8, WCAG 1.4.10): every page at 320 CSS px (the narrowest phone)
// and at 200 % zoom of a 1280x800 window (a 640x400 viewport drawn at 2x). On each: no
// horizontal scroll, no two visible controls on top of each other, no control cut off by a
// container that hides its overflow (nor a button or tab whose own words spill out), no words
// squeezed into a column a few letters wide, no icon without its picture, and axe without serious or critical findings. Screenshots: reflow-<size>-<page>.png. The projector
// (pantalla) has its own test at its own sizes.
// Run: ASAMBLEA_BINARY=build/src/cli/asamblea node tests/browser/reflow.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { apiJson, assertNoProblems, checkA11y, pageSet, startAll } from './lib/harness.mjs';

const CLUES = 'CSIMB001234'; // the demo clinic with a moderator and a committee
const SIZES = ['phone320', 'zoom200'];

let env;
const pages = pageSet(() => env, 'reflow');

before(async () => {
  env = await startAll();
  const clinic = await apiJson(env.url, `/api/c/${CLUES}`);
  assert.equal(clinic.status, 200, 'the demo has the clinic');
});

after(async () => {
  await pages.closeAll();
  if (env) await env.teardown();
});

/**
 * What breaks reflow on the page as it is now: a horizontal scroll, controls that overlap,
 * controls cut off by an ancestor with overflow hidden/clip, and buttons or tabs whose own
 * content is wider or taller than they are.
 */
function reflowReport() {
  const out = { scroll: null, overlaps: [], clipped: [], blank: [], squeezed: [] };
  const doc = document.documentElement;
  if (doc.scrollWidth > doc.clientWidth + 1) out.scroll = `${doc.scrollWidth}px > ${doc.clientWidth}px`;
  const label = (n) => {
    const cls = typeof n.className === 'string' && n.className.trim() ? `.${n.className.trim().split(/\s+/).join('.')}` : '';
    const text = (n.getAttribute('aria-label') || n.textContent || n.value || '').trim().replace(/\s+/g, ' ').slice(0, 32);
    return `${n.tagName.toLowerCase()}${n.id ? `#${n.id}` : ''}${cls} "${text}"`;
  };
  const shown = (n) => {
    const r = n.getBoundingClientRect();
    if (r.width < 2 || r.height < 2) return false; // visually hidden (clip: 1 px)
    // Also what a closed <details> keeps out of sight (content-visibility: hidden).
    if (!n.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) return false;
    for (let e = n; e; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.display === 'none' || s.visibility === 'hidden' || Number(s.opacity) === 0) return false;
    }
    return !n.closest('.skip-link, .visually-hidden');
  };
  const fixed = (n) => {
    for (let e = n; e; e = e.parentElement) if (getComputedStyle(e).position === 'fixed') return e;
    return null;
  };
  const controls = [...document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary, [role=tab]')]
    .filter(shown)
    .map((n) => ({ n, r: n.getBoundingClientRect(), fixed: fixed(n) }));

  for (let i = 0; i < controls.length; i += 1) {
    for (let j = i + 1; j < controls.length; j += 1) {
      const a = controls[i];
      const b = controls[j];
      if (a.n.contains(b.n) || b.n.contains(a.n)) continue;
      if (a.fixed !== b.fixed) continue; // a bar fixed over the page scrolls past it by design
      const w = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
      const h = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
      if (w > 1 && h > 1) out.overlaps.push(`${label(a.n)} and ${label(b.n)} (${Math.round(w)}x${Math.round(h)} px)`);
    }
  }

  for (const { n, r } of controls) {
    for (let e = n.parentElement; e && e !== document.body; e = e.parentElement) {
      const s = getComputedStyle(e);
      const box = e.getBoundingClientRect();
      const clipX = s.overflowX === 'hidden' || s.overflowX === 'clip';
      const clipY = s.overflowY === 'hidden' || s.overflowY === 'clip';
      if ((clipX && (r.left < box.left - 1 || r.right > box.right + 1))
        || (clipY && (r.top < box.top - 1 || r.bottom > box.bottom + 1))) {
        out.clipped.push(`${label(n)} cut off by ${label(e).split(' ')[0]}`);
        break;
      }
    }
    if (n.matches('button, [role=tab], a.btn')) {
      // The control's own words: wider or taller than the control (spilling out or cut off).
      if (n.scrollWidth > n.clientWidth + 1 || n.scrollHeight > n.clientHeight + 1) {
        out.clipped.push(`${label(n)}: its content (${n.scrollWidth}x${n.scrollHeight}) does not fit ${n.clientWidth}x${n.clientHeight}`);
      }
    }
  }
  // Words squeezed into a column a few letters wide (a grid or flex track left no room).
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    const text = t.textContent.trim();
    const n = t.parentElement;
    if (text.length < 8 || !/[a-záéíóú]{3}/i.test(text) || !n || n.closest('svg, .visually-hidden, script, style')) continue;
    if (!n.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
    const range = document.createRange();
    range.selectNodeContents(t);
    const r = range.getBoundingClientRect();
    const em = parseFloat(getComputedStyle(n).fontSize);
    if (r.width > 0 && r.width < 3 * em && r.height > 3 * em) out.squeezed.push(`${label(n)} ${Math.round(r.width)}x${Math.round(r.height)} px`);
  }

  // An icon whose class names no picture is drawn as a solid square (its stylesheet missing).
  for (const n of document.querySelectorAll('.icon')) {
    const s = getComputedStyle(n);
    if (n.checkVisibility() && (s.maskImage || s.webkitMaskImage) === 'none') out.blank.push(`${n.className}`);
  }
  return out;
}

/** Checks the page as it is now; returns the problems found (and takes the screenshot). */
async function check(page, size, name) {
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => document.fonts.ready);
  // Lists still saying "Cargando…" are checked once they are filled (a spinner that stays is
  // checked as it is).
  await page.waitForFunction(() => ![...document.querySelectorAll('.icon-loading')].some((n) => n.checkVisibility()), null, { timeout: 5000 })
    .catch(() => {});
  const report = await page.evaluate(reflowReport);
  const problems = [];
  if (report.scroll) problems.push(`horizontal scroll: ${report.scroll}`);
  for (const o of report.overlaps) problems.push(`overlap: ${o}`);
  for (const c of report.clipped) problems.push(`clipped: ${c}`);
  for (const b of new Set(report.blank)) problems.push(`icon drawn as a square: ${b}`);
  for (const q of report.squeezed) problems.push(`words squeezed into a narrow column: ${q}`);
  try {
    await checkA11y(page, `${name} ${size}`);
  } catch (e) {
    problems.push(e.message);
  }
  await pages.shot(page, `${size}-${name}`);
  return problems.map((p) => `${name} at ${size}: ${p}`);
}

async function staffLogin(page, path, username, password) {
  await page.goto(path);
  await page.waitForURL((u) => u.pathname === '/entrar.html');
  await page.getByLabel('Usuario').fill(username);
  await page.getByLabel('Contraseña', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Entrar', exact: true }).click();
  await page.waitForURL((u) => u.pathname === path);
}

const PUBLIC = [
  ['inicio', '/', 'Encuentre su unidad de salud'],
  ['entrar', '/entrar.html', null],
  ['votar', `/c/${CLUES}/votar`, 'Entrar a la votación'],
  ['clinica', `/c/${CLUES}`, null],
  ['cosabi-cuenta', `/c/${CLUES}/cosabi-cuenta`, 'Crear su cuenta del COSABI'],
  ['nacional', '/nacional', 'Cuentas claras de todo el país'],
  ['alertas', '/nacional/alertas', 'Alertas para auditoría'],
  ['guia', '/guia.html', null],
  ['404', '/no-existe', 'No encontramos esta página'],
];

const MODERATOR_TABS = ['Registro', 'Propuestas', 'Palabra', 'Votaciones', 'COSABI', 'Cierre'];

async function moderatorTabs(size, state) {
  const s = await pages.open(size);
  const path = `/c/${CLUES}/moderar`;
  await staffLogin(s.page, path, 'moderador', 'demo-moderador');
  const found = [];
  for (const tab of MODERATOR_TABS) {
    const button = s.page.getByRole('tab', { name: new RegExp(`^${tab}`) });
    await button.click();
    await s.page.waitForFunction((t) => document.querySelector('[role=tab][aria-selected=true]')?.textContent.trim().startsWith(t), tab);
    found.push(...await check(s.page, size, `moderar-${state}-${tab.toLowerCase()}`));
  }
  assert.deepEqual(found, []);
  assertNoProblems(s);
}

/** The assembly in session: people registered, a speaker and one waiting, a revealed motion, an open budget round. */
async function startSession() {
  const login = await apiJson(env.url, '/api/auth/login', { method: 'POST', body: { username: 'moderador', password: 'demo-moderador' } });
  assert.equal(login.status, 200);
  const call = async (method, path, body, auth = { token: login.data.token }) => {
    const res = await apiJson(env.url, `/api/c/${CLUES}${path}`, { method, body, ...auth });
    assert.ok(res.status < 300, `${method} ${path}: ${res.status} ${JSON.stringify(res.data)}`);
    return res.data;
  };
  await call('PATCH', '/assembly', { quorum_min: 2 });
  await call('POST', '/assembly/transition', { to: 'registro' });
  const people = ['María Guadalupe Hernández López', 'José Luis Pérez Gómez', 'Ana Sofía Ramírez Cruz'];
  const codes = [];
  for (const [i, nombre] of people.entries()) {
    const out = await call('POST', '/attendees', { nombre, identificador: `REF-${i}`, sexo: i === 1 ? 'hombre' : 'mujer', mayor_de_edad: true });
    codes.push(out.credential.code);
  }
  await call('POST', '/assembly/transition', { to: 'en_sesion' });
  const voter = async (code, method) => {
    const res = await fetch(`${env.url}/api/c/${CLUES}/floor`, { method, headers: { Accept: 'application/json', Authorization: `Credential ${code}` } });
    assert.ok(res.status < 300, `floor ${method}: ${res.status}`);
  };
  await voter(codes[0], 'POST');
  await voter(codes[1], 'POST');
  await call('POST', '/floor/next');
  const motion = await call('POST', '/rounds', { kind: 'motion', title: '¿Aprobamos el orden del día con el punto de la farmacia?' });
  await call('POST', `/rounds/${motion.id}/open`, {});
  await call('POST', `/rounds/${motion.id}/close`);
  await call('POST', `/rounds/${motion.id}/reveal`);
  const budget = await call('POST', '/rounds', { kind: 'budget', title: 'Presupuesto 2026', max_choices: 3 });
  await call('POST', `/rounds/${budget.id}/open`, { duration_seconds: 1800 });
}

for (const size of SIZES) {
  test(`public pages at ${size}`, async () => {
    const s = await pages.open(size);
    const found = [];
    for (const [name, path, heading] of PUBLIC) {
      await s.page.goto(path);
      if (heading) await s.page.getByRole('heading', { level: 1, name: heading }).waitFor();
      else await s.page.locator('h1').first().waitFor();
      found.push(...await check(s.page, size, name));
    }
    assert.deepEqual(found, []);
    assertNoProblems(s, { allow: [/404/] });
  });

  test(`the moderator's tablet, every tab, at ${size} (convocada)`, () => moderatorTabs(size, 'convocada'));

  test(`coordination, red flags and national pages for the coordinator at ${size}`, async () => {
    const s = await pages.open(size);
    await staffLogin(s.page, '/coordinacion.html', 'coordinador', 'demo-coordinador');
    await s.page.getByRole('heading', { level: 1, name: 'Coordinación de asambleas' }).waitFor();
    await s.page.locator('#tabla tbody tr').first().waitFor();
    const found = [...await check(s.page, size, 'coordinacion')];
    await s.page.goto('/nacional/alertas');
    await s.page.locator('article[data-key]').first().waitFor();
    found.push(...await check(s.page, size, 'alertas-coordinador'));
    assert.deepEqual(found, []);
    assertNoProblems(s, { allow: [/404/] });
  });

  test(`the committee's follow-up, board and a work, at ${size}`, async () => {
    const s = await pages.open(size);
    const path = `/c/${CLUES}/seguimiento`;
    await staffLogin(s.page, path, 'cosabi-tesoreria', 'demo-cosabi-tesoreria');
    await s.page.getByRole('heading', { level: 1, name: 'Seguimiento de obras' }).waitFor();
    const found = [...await check(s.page, size, 'seguimiento')];
    await s.page.locator('.work-title a').first().click();
    await s.page.locator('#obra-titulo').waitFor();
    found.push(...await check(s.page, size, 'seguimiento-obra'));
    assert.deepEqual(found, []);
    assertNoProblems(s);
  });
}

test('the assembly goes into session (registration, the floor, a revealed motion, an open budget round)', () => startSession());

for (const size of SIZES) {
  test(`the moderator's tablet, every tab, at ${size} (en sesión)`, () => moderatorTabs(size, 'en-sesion'));
}

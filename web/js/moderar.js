// The moderator's tablet, /c/{clues}/moderar: login check, the assembly bar that is always
// visible, the six tabs, and the live connection. Each tab lives in its own module.
import { api, clearSession, clinicUrl, el, icon, notice, replaceChildren, stateBadge } from './common.js';
import { linkOrigin } from './link-origin.js';
import { startStaffPage } from './staff.js';
import { STATE, fmtFecha, plural } from './words.js';
import { announce, ctx, loginUrl, on, setAssembly } from './moderar-ctx.js';
import { startLive } from './moderar-live.js';
import * as registro from './moderar-registro.js';
import * as propuestas from './moderar-propuestas.js';
import * as palabra from './moderar-palabra.js';
import * as votaciones from './moderar-votaciones.js';
import * as cosabi from './moderar-cosabi.js';
import * as cierre from './moderar-cierre.js';
import * as incidencias from './moderar-incidencias.js';

const TABS = { registro, propuestas, palabra, votaciones, cosabi, cierre };
const TAB_NAMES = Object.keys(TABS);

const loadingEl = document.getElementById('cargando');
const fatalEl = document.getElementById('fatal');
const appEl = document.getElementById('app');

let currentTab = null;

// ---------- Fatal states: no assembly, wrong clinic, ... ----------

function fatal(title, kind, ...body) {
  replaceChildren(loadingEl);
  appEl.hidden = true;
  replaceChildren(fatalEl, el('h1', {}, title), notice(kind, ...body));
  fatalEl.focus?.();
}

function otherUserButton() {
  return el('button', {
    type: 'button',
    class: 'btn btn-secondary',
    onclick: () => {
      clearSession();
      location.assign(loginUrl());
    },
  }, 'Entrar con otro usuario');
}

function showWrongClinic(user) {
  const clinics = Array.isArray(user.clinics) ? user.clinics : [];
  const mine = clinics.length
    ? el('div', { class: 'stack-sm' },
      el('p', {}, clinics.length === 1 ? 'Su usuario modera esta unidad:' : 'Su usuario modera estas unidades:'),
      el('ul', { class: 'list-plain cluster' }, clinics.map((c) => el('li', {},
        el('a', { class: 'btn', href: clinicUrl(c, 'moderar') }, 'Moderar ', el('span', { class: 'mono' }, c))))))
    : el('p', {}, 'Su usuario todavía no tiene unidades asignadas. Pida a la coordinación que se las asigne.');
  fatal('No puede moderar esta unidad', 'error',
    `Su usuario (${user.username}) no tiene permiso para moderar la unidad ${ctx.clues}.`,
    { word: 'Sin permiso:' },
    el('p', {}, 'Revise que abrió la dirección de su unidad, o entre con el usuario de moderación de esta unidad.'),
    mine,
    el('p', {}, otherUserButton()));
}

function showWrongRole(user) {
  fatal('No puede moderar esta unidad', 'error',
    'La moderación de la asamblea es solo para moderación y coordinación.',
    { word: 'Sin permiso:' },
    el('p', {}, `Su usuario (${user.username}) es del Comité de Salud (COSABI).`),
    el('p', { class: 'cluster' },
      el('a', { class: 'btn', href: clinicUrl(ctx.clues, 'seguimiento') }, 'Ir a Seguimiento'),
      otherUserButton()));
}

// ---------- The bar that is always visible ----------

function renderBar() {
  const a = ctx.assembly;
  if (!a) return;
  const clinicName = ctx.clinic ? ctx.clinic.nombre : ctx.clues;
  document.getElementById('titulo').textContent = `Asamblea ${a.edition || ''}`.trim();
  document.title = `Moderar: ${clinicName} (${ctx.clues}): La Clínica es Nuestra`;
  document.getElementById('fecha').textContent = a.scheduled_at ? fmtFecha(a.scheduled_at) : 'Sin fecha programada';
  replaceChildren(document.getElementById('estado-asamblea'),
    el('span', { class: 'visually-hidden' }, 'Estado: '), stateBadge(a.state));

  const n = Number(a.attendance) || 0;
  const q = Number(a.quorum_min) || 0;
  const met = a.quorum_met ?? n >= q;
  replaceChildren(document.getElementById('asistencia'),
    el('span', { class: 'num', id: 'asistentes' }, plural(n, 'asistente', 'asistentes')),
    ' · ',
    el('span', { class: met ? 'quorum quorum-ok' : 'quorum quorum-falta' },
      `quórum ${q} `,
      met
        ? [el('span', { 'aria-hidden': 'true' }, '✓'), el('span', { class: 'visually-hidden' }, '(alcanzado)')]
        : [icon('warning'), ` faltan ${Math.max(0, q - n)}`]));
}

function renderTabCount() {
  const waiting = ctx.floor && Array.isArray(ctx.floor.waiting) ? ctx.floor.waiting.length : 0;
  const count = document.getElementById('tab-palabra-cuenta');
  count.textContent = waiting ? `(${waiting})` : '';
  const tab = document.getElementById('tab-palabra');
  if (waiting) tab.setAttribute('aria-label', `Palabra, ${plural(waiting, 'persona', 'personas')} en espera`);
  else tab.removeAttribute('aria-label');
}

// ---------- Tabs (WAI-ARIA tabs pattern, automatic activation) ----------

function tabButtons() {
  return [...document.querySelectorAll('[role="tab"]')];
}

function selectTab(name, { focus = false, updateHash = true } = {}) {
  if (!TABS[name]) name = 'registro';
  for (const btn of tabButtons()) {
    const selected = btn.dataset.tab === name;
    btn.setAttribute('aria-selected', String(selected));
    btn.tabIndex = selected ? 0 : -1;
    document.getElementById(btn.getAttribute('aria-controls')).hidden = !selected;
    if (selected && focus) btn.focus();
  }
  if (updateHash && location.hash !== `#${name}`) history.replaceState(null, '', `#${name}`);
  const changed = currentTab !== name;
  currentTab = name;
  ctx.activeTab = name;
  if (changed && TABS[name].onShow) TABS[name].onShow();
}

function setupTabs() {
  const list = document.querySelector('[role="tablist"]');
  list.addEventListener('click', (event) => {
    const btn = event.target.closest('[role="tab"]');
    if (btn) selectTab(btn.dataset.tab);
  });
  list.addEventListener('keydown', (event) => {
    const buttons = tabButtons();
    const i = buttons.indexOf(document.activeElement);
    if (i < 0) return;
    let j = null;
    if (event.key === 'ArrowRight') j = (i + 1) % buttons.length;
    else if (event.key === 'ArrowLeft') j = (i - 1 + buttons.length) % buttons.length;
    else if (event.key === 'Home') j = 0;
    else if (event.key === 'End') j = buttons.length - 1;
    if (j === null) return;
    event.preventDefault();
    selectTab(buttons[j].dataset.tab, { focus: true });
  });
  window.addEventListener('hashchange', () => {
    const name = location.hash.slice(1);
    if (TABS[name] && name !== currentTab) selectTab(name, { updateHash: false });
  });
}

// ---------- Start ----------

async function loadAssembly() {
  try {
    setAssembly(await api(`/api/c/${encodeURIComponent(ctx.clues)}/assembly`, { token: ctx.token }));
    return true;
  } catch (err) {
    if (err.status === 404) {
      fatal('Todavía no hay asamblea', 'info',
        `La unidad ${ctx.clinic ? ctx.clinic.nombre : ctx.clues} no tiene una asamblea convocada.`,
        { word: 'Aviso:' },
        el('p', {}, 'La coordinación convoca las asambleas. Cuando la convoque, recargue esta página.'),
        el('p', {}, el('button', { type: 'button', class: 'btn', onclick: () => location.reload() }, 'Recargar')));
    } else {
      fatal('No pudimos abrir la asamblea', 'error', 'No pudimos cargar la asamblea.',
        el('p', {}, err.message),
        el('p', {}, el('button', { type: 'button', class: 'btn', onclick: () => location.reload() }, 'Intentar de nuevo')));
    }
    return false;
  }
}

async function init() {
  const user = await startStaffPage(ctx, fatal);
  if (!user) return;
  ctx.user = user;

  const clinics = Array.isArray(user.clinics) ? user.clinics : [];
  if (user.role !== 'moderator' && user.role !== 'coordinator') {
    showWrongRole(user);
    return;
  }
  const national = user.role === 'coordinator' && clinics.length === 0;
  if (!national && !clinics.map((c) => String(c).toUpperCase()).includes(ctx.clues)) {
    showWrongClinic(user);
    return;
  }

  try {
    ctx.clinic = await api(`/api/c/${encodeURIComponent(ctx.clues)}`);
    document.getElementById('unidad-nombre').textContent = ctx.clinic.nombre;
  } catch (err) {
    if (err.status === 404) {
      fatal('No encontramos la unidad', 'warning', `No existe una unidad de salud con la clave CLUES «${ctx.clues}».`,
        { word: 'No encontrada:' },
        el('p', {}, el('a', { class: 'btn', href: '/' }, 'Buscar la unidad')));
      return;
    }
    // Not fatal: the assembly call below says whether the server is reachable.
  }

  on('assembly', ({ assembly, before }) => {
    renderBar();
    if (before && before.state !== assembly.state) {
      announce(`La asamblea cambió a: ${STATE[assembly.state] || assembly.state}.`);
    }
  });
  on('floor', renderTabCount);
  on('goto', (name) => selectTab(name, { focus: true }));

  if (!(await loadAssembly())) return;

  for (const mod of Object.values(TABS)) mod.init();
  incidencias.init();
  setupTabs();
  replaceChildren(loadingEl);
  appEl.hidden = false;
  renderBar();
  const fromHash = location.hash.slice(1);
  selectTab(TABS[fromHash] ? fromHash : 'registro', { updateHash: false });
  startLive();
  warnIfUnreachable();
}

// Phones cannot open links to "localhost": when the server found no LAN address and has no
// --public-url, the credentials' QR codes and the projector's address would point nowhere.
async function warnIfUnreachable() {
  const { origin, unreachable } = await linkOrigin();
  if (!unreachable) return;
  const box = el('div', { class: 'container', id: 'aviso-enlaces' },
    notice('warning', 'Los teléfonos no podrán abrir los enlaces de esta asamblea.',
      el('p', {}, 'Los códigos QR y la dirección para votar apuntan a ',
        el('strong', { class: 'mono' }, origin),
        ', que solo existe en este equipo. Abra esta página con la dirección del equipo en la red ',
        '(la que muestra scripts/run, por ejemplo http://192.168.1.20:8080) o inicie el servidor con ',
        el('span', { class: 'mono nowrap' }, '--public-url'), '.')));
  appEl.prepend(box);
}

init();

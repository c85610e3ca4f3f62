// Tab "Cierre", the card «Incidencias»: what happened during the assembly (a power cut, a recess,
// a protest), noted by the moderator while it is open (registro, en sesión, suspendida). Each one
// is printed in the acta, which is public once the assembly is cerrada: the hint says so, so
// nobody writes personal data. GET / POST /api/c/{clues}/incidents (docs/api.md).
import { el, replaceChildren } from './common.js';
import {
  busy, call, changed, ctx, fieldError, on, show, showError,
} from './moderar-ctx.js';
import { STATE, fmtHora, plural } from './words.js';

const OPEN_STATES = ['registro', 'en_sesion', 'suspendida'];
const MAX_CHARS = 500;

let form;
let input;
let errorEl;
let button;
let statusEl;
let listEl;
let countEl;
let closedEl;
let loadedFor = null; // the assembly id whose incidents are shown

function isOpen() {
  return !!ctx.assembly && OPEN_STATES.includes(ctx.assembly.state);
}

function renderList(items) {
  countEl.textContent = items.length ? plural(items.length, 'incidencia anotada', 'incidencias anotadas') : '';
  if (!items.length) {
    replaceChildren(listEl, el('li', { class: 'muted' }, 'Todavía no hay incidencias anotadas.'));
    return;
  }
  replaceChildren(listEl, items.map((i) => el('li', { class: 'incident' },
    el('p', { class: 'incident-when muted' },
      el('time', { datetime: i.at }, `${fmtHora(i.at)} h`),
      i.by ? ` · ${i.by}` : ''),
    el('p', { class: 'incident-text' }, i.text))));
}

async function load() {
  if (!ctx.assembly) return;
  loadedFor = ctx.assembly.id ?? null;
  try {
    const data = await call('incidents');
    renderList(Array.isArray(data.items) ? data.items : []);
  } catch (err) {
    showError(statusEl, 'No se pudieron cargar las incidencias.', err);
  }
}

function renderState() {
  const a = ctx.assembly;
  if (!a || !changed('incidencias', a.state, a.id)) return;
  const open = isOpen();
  input.disabled = !open;
  button.disabled = !open;
  closedEl.hidden = open;
  closedEl.textContent = open ? ''
    : `Las incidencias se anotan mientras la asamblea está abierta. Ahora está «${STATE[a.state] || a.state}».`;
  if (loadedFor !== (a.id ?? null)) load();
}

async function submit(event) {
  event.preventDefault();
  const text = input.value.trim();
  if (text.length < 3) {
    fieldError(input, errorEl, 'Escriba qué pasó (3 caracteres o más).');
    input.focus();
    return;
  }
  if (text.length > MAX_CHARS) {
    fieldError(input, errorEl, `Escriba a lo más ${MAX_CHARS} caracteres.`);
    input.focus();
    return;
  }
  const undo = busy(button, 'Anotando…');
  try {
    const noted = await call('incidents', { method: 'POST', body: { text } });
    undo();
    input.value = '';
    show(statusEl, 'ok', `Incidencia anotada a las ${fmtHora(noted.at)} h.`);
    await load();
  } catch (err) {
    undo();
    if (err.field === 'text') {
      fieldError(input, errorEl, err.message);
      input.focus();
    } else showError(statusEl, 'No se anotó la incidencia.', err);
  }
}

export function init() {
  form = document.getElementById('form-incidencia');
  if (!form) return;
  input = document.getElementById('incidencia-texto');
  errorEl = document.getElementById('incidencia-texto-error');
  button = document.getElementById('incidencia-enviar');
  statusEl = document.getElementById('incidencia-estado');
  listEl = document.getElementById('incidencias-lista');
  countEl = document.getElementById('incidencias-cuenta');
  closedEl = document.getElementById('incidencia-cerrada');
  input.addEventListener('input', () => fieldError(input, errorEl, null));
  form.addEventListener('submit', submit);
  on('assembly', renderState);
  renderState();
}

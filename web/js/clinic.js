// Clinic page, served for /c/{CLUES}: the clinic's data, what its assembly decided (results,
// COSABI, acta, the check of a vote receipt), where the money went (works, quotes, invoices,
// photos, the proof score) and its audit chain. Public: no login, counts only about attendees.
import { api, clinicUrl, cluesFromPath, el, notice, replaceChildren } from './common.js';
import { fmtNumero, fmtPesos } from './words.js';
import { loadRecord, renderRecord } from './clinic-record.js';
import { loadWorks, renderWorks } from './clinic-works.js';

const statusEl = document.getElementById('estado');
const errorEl = document.getElementById('error');
const article = document.getElementById('clinica');

function fill(name, text) {
  for (const node of article.querySelectorAll(`[data-campo="${name}"]`)) {
    node.textContent = text === undefined || text === null || text === '' ? 'Sin dato' : String(text);
  }
}

function showNotFound(clues) {
  document.title = 'Unidad no encontrada: La Clínica es Nuestra';
  replaceChildren(statusEl);
  replaceChildren(errorEl,
    el('h1', {}, 'No encontramos la unidad'),
    notice('warning', clues
      ? `No existe una unidad de salud con la clave CLUES «${clues}».`
      : 'La dirección no incluye la clave CLUES de una unidad.',
    { word: 'No encontrada:' },
    el('p', {}, 'Revise la clave o busque su unidad por nombre o municipio.'),
    el('p', {}, el('a', { class: 'btn', href: '/' }, 'Volver al inicio'))));
}

function showError(err, clues) {
  replaceChildren(statusEl);
  replaceChildren(errorEl, notice('error', 'No pudimos cargar la unidad.',
    el('p', {}, err.message),
    el('p', {}, el('button', {
      type: 'button',
      class: 'btn btn-secondary',
      onclick: () => load(clues),
    }, 'Intentar de nuevo'))));
}

function render(c) {
  const place = [c.municipio, c.entidad].filter(Boolean).join(', ');
  document.title = `${c.nombre} (${c.clues}): La Clínica es Nuestra`;
  fill('clues', c.clues);
  fill('nombre', c.nombre || c.clues);
  fill('lugar', place);
  fill('presupuesto', Number.isFinite(c.presupuesto_centavos) ? fmtPesos(c.presupuesto_centavos) : null);
  fill('institucion', c.institucion);
  fill('tipo', c.tipo);
  fill('consultorios', Number.isFinite(c.consultorios) ? fmtNumero(c.consultorios) : null);
  fill('municipio', c.municipio);
  fill('entidad', c.entidad);
  for (const link of article.querySelectorAll('[data-pagina]')) {
    link.href = clinicUrl(c.clues, link.dataset.pagina);
  }
  for (const link of article.querySelectorAll('[data-bitacora]')) {
    link.href = `/api/c/${encodeURIComponent(c.clues)}/chain`;
  }
  replaceChildren(statusEl);
  replaceChildren(errorEl);
  article.hidden = false;
}

// The head of the clinic's audit chain: what the acta prints, so anyone can compare them.
async function loadChainHead(clues) {
  try {
    const head = await api(`/api/c/${encodeURIComponent(clues)}/chain/head`);
    fill('bitacora-evento', head.seq > 0 ? `el evento ${fmtNumero(head.seq)}` : 'el inicio (aún no hay eventos)');
    fill('bitacora-huella', head.hash);
  } catch {
    fill('bitacora-evento', null);
    fill('bitacora-huella', null);
  }
}

function failed(box, what, err, retry) {
  replaceChildren(box, notice('error', `No pudimos cargar ${what}.`, el('p', {}, err.message),
    el('p', {}, el('button', { type: 'button', class: 'btn btn-secondary', onclick: retry }, 'Intentar de nuevo'))));
}

// The assembly and the spending of one year; null: the newest closed assembly and the newest
// year with works.
async function loadYear(clues, edition) {
  const recordBox = document.getElementById('asamblea-registro');
  const worksBox = document.getElementById('obras-publicas');
  const again = () => loadYear(clues, edition);
  const [record, works] = await Promise.allSettled([loadRecord(clues, edition), loadWorks(clues, edition)]);
  if (record.status === 'fulfilled') {
    renderRecord(recordBox, record.value, clues);
    fillEditions(clues, record.value);
  } else if (record.reason && record.reason.status === 404) {
    replaceChildren(recordBox, el('p', { class: 'muted' }, 'Esta unidad todavía no tiene asamblea registrada.'));
  } else {
    failed(recordBox, 'la asamblea', record.reason, again);
  }
  if (works.status === 'fulfilled') renderWorks(worksBox, works.value);
  else failed(worksBox, 'las obras', works.reason, again);
}

function fillEditions(clues, record) {
  const form = document.getElementById('form-anio');
  const select = document.getElementById('anio');
  const years = (record.editions || []).map((e) => e.edition);
  form.hidden = years.length < 2;
  replaceChildren(select, years.map((y) => el('option', { value: String(y), selected: y === record.edition }, String(y))));
  select.onchange = () => loadYear(clues, Number(select.value));
}

async function load(clues) {
  replaceChildren(errorEl);
  replaceChildren(statusEl, el('p', { class: 'status-line' },
    el('span', { class: 'icon icon-loading', 'aria-hidden': 'true' }), ' Cargando la unidad…'));
  try {
    render(await api(`/api/c/${encodeURIComponent(clues)}`));
    await Promise.all([loadChainHead(clues), loadYear(clues, null)]);
  } catch (err) {
    if (err.status === 404) showNotFound(clues);
    else showError(err, clues);
  }
}

const clues = cluesFromPath();
if (clues) load(clues);
else showNotFound(null);

// Red flags for auditors, served for /nacional/alertas: every flag of an edition grouped by state
// and kind, each with its evidence and links to its clinics' public pages, and whether a
// coordinator reviewed it. Public; a coordinator's session adds the review form to each flag
// (alertas-revision.js).
import { ApiError, api, el, getToken, getUser, notice, replaceChildren } from './common.js';
import { fmtNumero, fmtPesos, plural } from './words.js';
import { reviewForm } from './alertas-revision.js';

const summaryEl = document.getElementById('resumen');
const errorEl = document.getElementById('error');
const listEl = document.getElementById('alertas');
const form = document.getElementById('filtros');
const stateSelect = document.getElementById('estado-filtro');
const editionInput = document.getElementById('edicion');
const thresholdsEl = document.getElementById('umbrales');
const pendingBox = document.getElementById('pendientes');
let lastDoc = null;

const CAVEAT = 'Un motivo para revisar, no un veredicto';

function coordinatorToken() {
  const user = getUser();
  const token = getToken();
  return token && user && user.role === 'coordinator' ? token : null;
}

function fillStates(states, chosen) {
  const options = [el('option', { value: '' }, 'Todos los estados')];
  for (const s of [...states].sort((a, b) => a.localeCompare(b, 'es'))) {
    options.push(el('option', { value: s, selected: s === chosen }, s));
  }
  replaceChildren(stateSelect, options);
}

function fillThresholds(t) {
  replaceChildren(thresholdsEl,
    el('li', {}, `Cotizaciones casi iguales: a ${t.quote_gap_percent} % o menos una de otra.`),
    el('li', {}, `Proveedor dominante: gana en ${t.supplier_min_clinics} clínicas o más de un estado, `
      + `o en dos o más con ${t.supplier_share_percent} % o más del gasto del estado.`),
    el('li', {}, `Proveedores juntos: los mismos 2 o 3 RFC cotizan juntos en ${t.ring_min_works} obras o más.`),
    el('li', {}, `Precio atípico: precio unitario mayor a ${t.outlier_multiple} veces la mediana del estado para la misma categoría.`),
    el('li', {}, `Gasto sin comprobar: más de ${t.unproven_days} días desde la primera factura sin foto de después ni acta de entrega-recepción.`));
}

function flagCard(flag, token, edition) {
  const reviewed = flag.reviewed && flag.review;
  const reviewBox = el('div', { class: 'stack-sm' },
    reviewed
      ? el('p', {}, el('span', { class: 'badge badge-ok' }, 'Revisada'), ' ',
        el('span', { class: 'al-nota' }, flag.review.note))
      : el('p', {}, el('span', { class: 'badge badge-warning' }, 'Sin revisar')));
  const card = el('article', { class: ['card', 'stack-sm', 'al-alerta', reviewed && 'al-revisada'], dataset: { key: flag.key } },
    el('p', { class: 'card-title' }, flag.summary),
    el('p', { class: 'al-clinicas cluster' },
      flag.clinics.map((c) => el('a', { href: `/c/${encodeURIComponent(c.clues)}` }, `${c.nombre} (${c.clues})`))),
    el('ul', { class: 'al-evidencia' }, flag.evidence.map((e) => el('li', {}, e))),
    flag.amount_centavos > 0 ? el('p', { class: 'muted' }, 'Monto: ', el('span', { class: 'money' }, fmtPesos(flag.amount_centavos))) : null,
    el('p', { class: 'muted small' }, CAVEAT + '.'),
    reviewBox);
  if (token) {
    card.appendChild(reviewForm(flag, { token, edition, onDone: () => load() }));
  }
  return card;
}

function render(doc) {
  const token = coordinatorToken();
  fillStates(doc.states, doc.state);
  editionInput.value = String(doc.edition);
  fillThresholds(doc.thresholds);
  const count = doc.flags.length;
  replaceChildren(summaryEl, el('p', { class: 'lead' },
    count === 0
      ? `Sin alertas en ${doc.edition}${doc.state ? ` para ${doc.state}` : ''}.`
      : `${plural(count, 'alerta', 'alertas')} en ${doc.edition}`
        + `${doc.state ? ` para ${doc.state}` : ''}; ${plural(doc.reviewed, 'revisada', 'revisadas')}. `
        + `${CAVEAT}.`));
  const shown = pendingBox.checked ? doc.flags.filter((f) => !f.reviewed) : doc.flags;
  if (pendingBox.checked && shown.length === 0 && count > 0) {
    summaryEl.appendChild(el('p', {}, 'Todas las alertas de esta vista ya están revisadas.'));
  }
  const byState = new Map();
  for (const f of shown) {
    if (!byState.has(f.state)) byState.set(f.state, new Map());
    const kinds = byState.get(f.state);
    if (!kinds.has(f.kind)) kinds.set(f.kind, []);
    kinds.get(f.kind).push(f);
  }
  const sections = [];
  let n = 0;
  for (const [state, kinds] of byState) {
    const id = `estado-${++n}`;
    sections.push(el('section', { class: 'al-estado stack', 'aria-labelledby': id },
      el('h2', { id }, state),
      [...kinds.values()].map((flags) => el('section', { class: 'al-tipo stack-sm' },
        el('h3', {}, `${flags[0].title} (${fmtNumero(flags.length)})`),
        flags.map((f) => flagCard(f, token, doc.edition))))));
  }
  replaceChildren(listEl, sections);
}

function query() {
  const params = new URLSearchParams();
  const state = stateSelect.value;
  const edition = editionInput.value.trim();
  if (edition) params.set('edition', edition);
  if (state) params.set('state', state);
  return params;
}

async function load() {
  replaceChildren(errorEl);
  const params = query();
  try {
    lastDoc = await api(`/api/open/red-flags?${params}`);
    render(lastDoc);
  } catch (err) {
    replaceChildren(summaryEl);
    replaceChildren(errorEl, notice('error', 'No pudimos cargar las alertas.',
      el('p', {}, err instanceof ApiError ? err.message : String(err))));
  }
}

form.addEventListener('submit', (ev) => {
  ev.preventDefault();
  const params = query();
  history.replaceState(null, '', `${location.pathname}${params.toString() ? `?${params}` : ''}`);
  load();
});
stateSelect.addEventListener('change', () => form.requestSubmit());
pendingBox.addEventListener('change', () => {
  if (lastDoc) render(lastDoc);
});

const initial = new URLSearchParams(location.search);
if (initial.get('state')) fillStates([initial.get('state')], initial.get('state'));
if (initial.get('edition')) editionInput.value = initial.get('edition');
load();

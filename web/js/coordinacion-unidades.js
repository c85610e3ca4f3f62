// Section 2 of the coordinator's page, "Unidades y asambleas": clinics (paged, filtered like the
// landing page) with their assembly's state and scheduled time, links to moderate and project,
// and a CSV of every clinic of the filter.
import { ApiError, api, clinicUrl, debounce, el, icon, notice, replaceChildren, stateBadge } from './common.js';
import { fmtFecha, fmtNumero, plural } from './words.js';
import {
  DEBOUNCE_MS, PAGE_PATH, PARALLEL, $id, mapLimit,
} from './coordinacion-ctx.js';
import { learnInstitutions } from './coordinacion-catalog.js';
import { saveCsv, sayIn, slug } from './coordinacion-csv.js';

const PER_PAGE = 20;

const filterForm = $id('filtro');
const qInput = $id('q');
export const tableSelect = $id('entidad');
const statusEl = $id('estado');
const errorEl = $id('error');
const rowsEl = $id('filas');
const pager = $id('paginas');
const prevBtn = $id('anteriores');
const nextBtn = $id('siguientes');
const csvBtn = $id('csv');
const csvStatus = $id('csv-estado');

const params = new URLSearchParams(location.search);
export const table = {
  q: (params.get('q') || '').trim(),
  entidad: params.get('entidad') || '',
  page: Math.max(1, Number.parseInt(params.get('page') || '1', 10) || 1),
};
const assemblies = new Map(); // clues -> assembly | null (none), for this page's life
let tableController = null;
let tableSeq = 0;

/** GET /api/c/{clues}/assembly; null on 404 (no assembly). Cached until the next schedule. */
async function assemblyOf(clues, signal) {
  if (assemblies.has(clues)) return assemblies.get(clues);
  let a;
  try {
    a = await api(`/api/c/${encodeURIComponent(clues)}/assembly`, { signal });
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) a = null;
    else throw err;
  }
  assemblies.set(clues, a);
  return a;
}

function setStatus(kind, text) {
  replaceChildren(statusEl, kind && text ? icon(kind) : null, el('span', {}, text));
}

function syncUrl() {
  const p = new URLSearchParams();
  if (table.q) p.set('q', table.q);
  if (table.entidad) p.set('entidad', table.entidad);
  if (table.page > 1) p.set('page', String(table.page));
  const qs = p.toString();
  history.replaceState(null, '', qs ? `${PAGE_PATH}?${qs}` : PAGE_PATH);
}

function describeFilter() {
  const parts = [];
  if (table.q) parts.push(`con «${table.q}»`);
  if (table.entidad) parts.push(`en ${table.entidad}`);
  return parts.join(' ');
}

function fillAssemblyCells(row, a, failed) {
  const stateCell = row.querySelector('.co-cell-state');
  const dateCell = row.querySelector('.co-cell-date');
  if (failed) {
    replaceChildren(stateCell, el('span', { class: 'co-row-error' }, icon('warning'), ' No se pudo cargar'));
    replaceChildren(dateCell, el('span', { class: 'muted' }, '—'));
    return;
  }
  if (!a) {
    replaceChildren(stateCell, el('span', { class: 'state-badge state-badge-sm state-none' }, 'Sin asamblea'));
    replaceChildren(dateCell, el('span', { class: 'muted' }, 'Sin fecha'));
    return;
  }
  replaceChildren(stateCell, stateBadge(a.state, { small: true }),
    el('span', { class: 'co-edition muted' }, `Edición ${a.edition}`));
  replaceChildren(dateCell, a.scheduled_at
    ? el('time', { datetime: a.scheduled_at }, fmtFecha(a.scheduled_at))
    : el('span', { class: 'muted' }, 'Sin fecha'));
}

function renderRow(c) {
  const place = [c.entidad, c.municipio].filter(Boolean);
  return el('tr', { dataset: { clues: c.clues } },
    el('th', { scope: 'row', class: 'co-cell-clinic' },
      el('a', { href: clinicUrl(c.clues) }, c.nombre || c.clues),
      el('span', { class: 'co-clues mono' }, c.clues)),
    el('td', {}, place.length ? [el('span', { class: 'co-block' }, place[0]),
      place[1] ? el('span', { class: 'co-block muted' }, place[1]) : null] : '—'),
    el('td', { class: 'co-cell-inst' }, c.institucion || '—'),
    el('td', { class: 'co-cell-state' }, el('span', { class: 'muted' }, 'Cargando…')),
    el('td', { class: 'co-cell-date' }, el('span', { class: 'muted' }, 'Cargando…')),
    el('td', { class: 'co-cell-actions' }, el('div', { class: 'co-actions' },
      el('a', { class: 'btn btn-secondary co-btn-row', href: clinicUrl(c.clues, 'moderar') },
        'Moderar', el('span', { class: 'visually-hidden' }, ` ${c.clues}`)),
      el('a', { class: 'btn btn-secondary co-btn-row', href: clinicUrl(c.clues, 'pantalla') },
        'Pantalla', el('span', { class: 'visually-hidden' }, ` ${c.clues}`)),
      el('a', { class: 'btn btn-secondary co-btn-row', href: clinicUrl(c.clues, 'seguimiento') },
        'Seguimiento', el('span', { class: 'visually-hidden' }, ` ${c.clues}`)))));
}

export async function loadTable({ focusTable = false } = {}) {
  if (tableController) tableController.abort();
  tableController = new AbortController();
  const { signal } = tableController;
  const mine = ++tableSeq;
  syncUrl();
  replaceChildren(errorEl);
  setStatus('loading', 'Cargando las unidades…');
  rowsEl.setAttribute('aria-busy', 'true');

  const p = new URLSearchParams({ page: String(table.page), per_page: String(PER_PAGE) });
  if (table.q) p.set('q', table.q);
  if (table.entidad) p.set('entidad', table.entidad);
  let data;
  try {
    data = await api(`/api/clinics?${p}`, { signal });
  } catch (err) {
    if (err.name === 'AbortError' || mine !== tableSeq) return;
    rowsEl.removeAttribute('aria-busy');
    setStatus('error', 'No pudimos cargar las unidades.');
    replaceChildren(rowsEl);
    pager.hidden = true;
    replaceChildren(errorEl, notice('error', 'No pudimos cargar las unidades.',
      el('p', {}, err.message),
      el('p', {}, el('button', { type: 'button', class: 'btn btn-secondary', onclick: () => loadTable() },
        'Intentar de nuevo'))));
    return;
  }
  if (mine !== tableSeq) return;

  const items = Array.isArray(data.items) ? data.items : [];
  const total = Number(data.total) || 0;
  const perPage = Number(data.per_page) || PER_PAGE;
  const page = Number(data.page) || table.page;
  const pages = Math.max(1, Math.ceil(total / perPage));
  if (items.length === 0 && total > 0 && table.page > pages) {
    table.page = pages;
    loadTable({ focusTable });
    return;
  }
  learnInstitutions(items);

  const rows = items.map(renderRow);
  replaceChildren(rowsEl, rows);
  if (total === 0) {
    const filter = describeFilter();
    replaceChildren(rowsEl, el('tr', {}, el('td', { colspan: '6', class: 'muted' },
      filter ? `No hay unidades ${filter}.` : 'Todavía no hay unidades registradas.')));
    rowsEl.removeAttribute('aria-busy');
    setStatus('info', filter
      ? `No encontramos unidades ${filter}. Revise cómo está escrito o busque por municipio o CLUES.`
      : 'Todavía no hay unidades registradas.');
    pager.hidden = true;
    csvBtn.disabled = true;
    return;
  }
  csvBtn.disabled = false;
  pager.hidden = pages <= 1;
  $id('paginas-info').textContent = `Página ${fmtNumero(page)} de ${fmtNumero(pages)}`;
  prevBtn.disabled = page <= 1;
  nextBtn.disabled = page >= pages;
  const first = (page - 1) * perPage + 1;
  const last = first + items.length - 1;
  // With several servers, one that does not answer leaves its states out (the API says which).
  const range = `${fmtNumero(first)}–${fmtNumero(last)} de ${plural(total, 'unidad', 'unidades')}`
    + (data.missing_message ? ` (${data.missing_message})` : '');
  setStatus('loading', `Mostrando ${range}; cargando sus asambleas…`);
  if (focusTable) {
    const heading = $id('unidades-titulo');
    heading.setAttribute('tabindex', '-1');
    heading.focus();
  }

  let failures = 0;
  await mapLimit(items, PARALLEL, async (c, i) => {
    try {
      const a = await assemblyOf(c.clues, signal);
      if (mine === tableSeq) fillAssemblyCells(rows[i], a, false);
    } catch (err) {
      if (err.name === 'AbortError') return;
      failures += 1;
      if (mine === tableSeq) fillAssemblyCells(rows[i], null, true);
    }
  });
  if (mine !== tableSeq) return;
  rowsEl.removeAttribute('aria-busy');
  if (failures) {
    setStatus('warning', `Mostrando ${range}. No pudimos cargar ${plural(failures, 'asamblea', 'asambleas')}.`);
    replaceChildren(errorEl, notice('warning', 'Algunas asambleas no se pudieron cargar.',
      el('p', {}, el('button', {
        type: 'button',
        class: 'btn btn-secondary',
        onclick: () => loadTable(),
      }, 'Intentar de nuevo'))));
  } else {
    setStatus(data.missing_message ? 'warning' : 'ok', `Mostrando ${range}.`);
  }
}


/** After a schedule: the assemblies changed, so read them again. */
export function reloadTable() {
  assemblies.clear();
  loadTable();
}

// ---------- CSV of the current filter ----------

async function onCsv() {
  const p = new URLSearchParams();
  if (table.q) p.set('q', table.q);
  if (table.entidad) p.set('entidad', table.entidad);
  const qs = p.toString();
  const parts = ['unidades-asambleas', table.entidad ? slug(table.entidad) : 'todas',
    table.q ? slug(table.q) : null, new Date().toISOString().slice(0, 10)].filter(Boolean);
  const name = `${parts.join('-')}.csv`;
  csvBtn.disabled = true;
  const say = sayIn(csvStatus);
  say('loading', 'Preparando el CSV…');
  try {
    const rows = await saveCsv(`/api/clinics.csv${qs ? `?${qs}` : ''}`, name);
    say('ok', `Listo: se descargó ${name} con ${plural(rows, 'unidad', 'unidades')}.`);
  } catch (err) {
    say('error', `No pudimos preparar el CSV: ${err.message} Intente de nuevo.`);
  } finally {
    csvBtn.disabled = false;
  }
}

export function setupTable() {
  qInput.value = table.q;
  const searchSoon = debounce(() => {
    const q = qInput.value.trim();
    if (q === table.q) return;
    table.q = q;
    table.page = 1;
    loadTable();
  }, DEBOUNCE_MS);
  qInput.addEventListener('input', searchSoon);
  tableSelect.addEventListener('change', () => {
    table.entidad = tableSelect.value;
    table.page = 1;
    loadTable();
  });
  filterForm.addEventListener('submit', (event) => {
    event.preventDefault();
    table.q = qInput.value.trim();
    table.entidad = tableSelect.value;
    table.page = 1;
    loadTable({ focusTable: true });
  });
  prevBtn.addEventListener('click', () => {
    if (table.page <= 1) return;
    table.page -= 1;
    loadTable({ focusTable: true });
  });
  nextBtn.addEventListener('click', () => {
    table.page += 1;
    loadTable({ focusTable: true });
  });
  csvBtn.addEventListener('click', onCsv);
}

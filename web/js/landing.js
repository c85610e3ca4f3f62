// Landing page: find a clinic by name, CLUES or municipio, optionally within one state.
import { api, clinicUrl, debounce, el, icon, notice, replaceChildren } from './common.js';
import { fmtNumero, fmtPesos } from './words.js';

const PER_PAGE = 20;
const DEBOUNCE_MS = 300;

const form = document.getElementById('buscar');
const qInput = document.getElementById('q');
const select = document.getElementById('entidad');
const selectHint = document.getElementById('entidad-hint');
const statusEl = document.getElementById('estado');
const errorEl = document.getElementById('error');
const list = document.getElementById('resultados');
const heading = document.getElementById('resultados-titulo');
const pager = document.getElementById('paginas');
const prevBtn = document.getElementById('anteriores');
const nextBtn = document.getElementById('siguientes');
const pagerInfo = document.getElementById('paginas-info');

const params = new URLSearchParams(location.search);
const state = {
  q: (params.get('q') || '').trim(),
  entidad: params.get('entidad') || '',
  page: Math.max(1, Number.parseInt(params.get('page') || '1', 10) || 1),
  total: 0,
};

let controller = null;
let seq = 0;

qInput.value = state.q;
ensureOption(state.entidad);
select.value = state.entidad;

function ensureOption(name) {
  if (!name || [...select.options].some((o) => o.value === name)) return;
  select.append(el('option', { value: name }, name));
}

async function loadEntidades() {
  try {
    const data = await api('/api/entidades');
    const names = Array.isArray(data && data.items) ? data.items : [];
    for (const name of names) ensureOption(String(name));
    select.value = state.entidad;
  } catch {
    // The search works without the list: say so and keep "Todas las entidades".
    selectHint.textContent = 'No pudimos cargar la lista de entidades. Puede buscar por nombre, CLUES o municipio.';
    selectHint.hidden = false;
  }
}

function setStatus(kind, text) {
  const symbol = { loading: 'loading', empty: 'info', error: 'error', warning: 'warning' }[kind];
  replaceChildren(statusEl, symbol && text ? icon(symbol) : null, el('span', {}, text));
}

function syncUrl() {
  const p = new URLSearchParams();
  if (state.q) p.set('q', state.q);
  if (state.entidad) p.set('entidad', state.entidad);
  if (state.page > 1) p.set('page', String(state.page));
  const qs = p.toString();
  history.replaceState(null, '', qs ? `/?${qs}` : '/');
}

function describeFilter() {
  const parts = [];
  if (state.q) parts.push(`con «${state.q}»`);
  if (state.entidad) parts.push(`en ${state.entidad}`);
  return parts.join(' ');
}

async function search({ focusResults = false } = {}) {
  if (controller) controller.abort();
  controller = new AbortController();
  const mine = ++seq;
  syncUrl();
  replaceChildren(errorEl);
  setStatus('loading', 'Buscando…');
  list.setAttribute('aria-busy', 'true');

  const p = new URLSearchParams({ page: String(state.page), per_page: String(PER_PAGE) });
  if (state.q) p.set('q', state.q);
  if (state.entidad) p.set('entidad', state.entidad);

  let data;
  try {
    data = await api(`/api/clinics?${p}`, { signal: controller.signal });
  } catch (err) {
    if (err.name === 'AbortError' || mine !== seq) return;
    list.removeAttribute('aria-busy');
    setStatus('error', '');
    replaceChildren(list);
    pager.hidden = true;
    replaceChildren(errorEl, notice('error', 'No pudimos cargar las unidades.',
      el('p', {}, err.message),
      el('p', {}, el('button', { type: 'button', class: 'btn btn-secondary', onclick: () => search() },
        'Intentar de nuevo'))));
    return;
  }
  if (mine !== seq) return;
  list.removeAttribute('aria-busy');

  const items = Array.isArray(data.items) ? data.items : [];
  const total = Number(data.total) || 0;
  const perPage = Number(data.per_page) || PER_PAGE;
  const page = Number(data.page) || state.page;
  const pages = Math.max(1, Math.ceil(total / perPage));

  // A stale ?page= beyond the end: go to the last page instead of showing nothing.
  if (items.length === 0 && total > 0 && state.page > pages) {
    state.page = pages;
    search({ focusResults });
    return;
  }
  state.total = total;

  replaceChildren(list, items.map(renderClinic));

  if (total === 0) {
    const filter = describeFilter();
    setStatus('empty', filter
      ? `No encontramos unidades ${filter}. Revise cómo está escrito o busque por municipio o CLUES.`
      : 'Todavía no hay unidades registradas.');
    pager.hidden = true;
    return;
  }

  const first = (page - 1) * perPage + 1;
  const last = first + items.length - 1;
  // With several servers, one that does not answer leaves its states out (the API says which).
  const shown = `Mostrando ${fmtNumero(first)}–${fmtNumero(last)} de ${fmtNumero(total)} ${total === 1 ? 'unidad' : 'unidades'}`;
  if (data.missing_message) setStatus('warning', `${shown}. ${data.missing_message}`);
  else setStatus('ok', shown);

  pager.hidden = pages <= 1;
  pagerInfo.textContent = `Página ${fmtNumero(page)} de ${fmtNumero(pages)}`;
  prevBtn.disabled = page <= 1;
  nextBtn.disabled = page >= pages;

  if (focusResults) {
    heading.setAttribute('tabindex', '-1');
    heading.focus();
    heading.scrollIntoView({ block: 'start' });
  }
}

function renderClinic(c) {
  const place = [c.municipio, c.entidad].filter(Boolean).join(', ');
  return el('li', { class: 'card card-link' },
    el('h3', { class: 'card-title' }, el('a', { href: clinicUrl(c.clues) }, c.nombre || c.clues)),
    el('p', { class: 'muted' },
      'CLUES ', el('span', { class: 'mono' }, c.clues), c.tipo ? ` · ${c.tipo}` : null),
    el('dl', { class: 'facts facts-stacked' },
      place ? [el('dt', {}, 'Ubicación'), el('dd', {}, place)] : null,
      c.institucion ? [el('dt', {}, 'Institución'), el('dd', {}, c.institucion)] : null,
      Number.isFinite(c.presupuesto_centavos) ? [
        el('dt', {}, 'Presupuesto asignado'),
        el('dd', { class: 'money' }, fmtPesos(c.presupuesto_centavos)),
      ] : null));
}

const searchSoon = debounce(() => {
  const q = qInput.value.trim();
  if (q === state.q) return;
  state.q = q;
  state.page = 1;
  search();
}, DEBOUNCE_MS);

qInput.addEventListener('input', searchSoon);

select.addEventListener('change', () => {
  state.entidad = select.value;
  state.page = 1;
  search();
});

form.addEventListener('submit', (event) => {
  event.preventDefault();
  state.q = qInput.value.trim();
  state.entidad = select.value;
  state.page = 1;
  search({ focusResults: true });
});

prevBtn.addEventListener('click', () => {
  if (state.page <= 1) return;
  state.page -= 1;
  search({ focusResults: true });
});

nextBtn.addEventListener('click', () => {
  state.page += 1;
  search({ focusResults: true });
});

loadEntidades();
search();

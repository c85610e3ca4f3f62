// Section 0 of the coordinator's page, "Tablero nacional": GET /api/national/dashboard every 15 s
// (and on «Actualizar»): totals as big numbers and every assembly's state, attendance, quorum and
// round, filtered by entidad and state; the same rows as a CSV file the server writes.
import { ApiError, api, clinicUrl, el, icon, notice, replaceChildren, stateBadge } from './common.js';
import { ROUND_STATUS, TIME_ZONE, fmtFecha, fmtNumero, plural } from './words.js';
import { $id, session, sessionEnded } from './coordinacion-ctx.js';
import { saveCsv, sayIn, slug } from './coordinacion-csv.js';

const DASH_EVERY_MS = 15_000;
const DASH_MAX_PAGES = 25;      // 2,000 rows each: far more than one server's clinics
// When a server of the fleet did not answer and the API sent no sentence of its own.
const MISSING_SOME = 'Faltan datos de algunos estados: su servidor no responde. Los totales no los incluyen.';

// An open round reads «Votando» here, as in the total «Votando ahora».
const roundWord = (status) => (status === 'abierta' ? 'Votando' : ROUND_STATUS[status] || status);

const dash = {
  entidad: '',
  estado: '',
  at: 0,            // Date.now() of the last good answer; 0 before the first
  timer: null,
  controller: null,
  seq: 0,
  shown: null,      // what the table shows: {items, more, entidad, estado, at}, for the CSV
};

const dashRows = $id('tn-filas');
const dashNotice = $id('tn-aviso');
const dashError = $id('tn-error');

const shortFmt = new Intl.DateTimeFormat('es-MX', {
  timeZone: TIME_ZONE, day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit', hourCycle: 'h23',
});

/** "2026-02-21T17:42:00.000Z" -> "21 feb, 11:42 h" in Mexico City. */
function fmtShort(iso) {
  const date = new Date(iso);
  if (!iso || Number.isNaN(date.getTime())) return '—';
  const p = Object.fromEntries(shortFmt.formatToParts(date).map((x) => [x.type, x.value]));
  return `${Number(p.day)} ${p.month.replace('.', '')}, ${Number(p.hour) % 24}:${p.minute} h`;
}

function showAge() {
  const ageEl = $id('tn-edad');
  if (!dash.at) return;
  const s = Math.max(0, Math.round((Date.now() - dash.at) / 1000));
  ageEl.textContent = s < 60 ? `Actualizado hace ${s} s` : `Actualizado hace ${Math.floor(s / 60)} min`;
}

function showTotals(t) {
  const by = t.by_state || {};
  const set = (id, n) => { $id(id).textContent = fmtNumero(Number(n) || 0); };
  set('tn-en-sesion', by.en_sesion);
  set('tn-quorum', t.with_quorum);
  set('tn-votando', t.voting);
  set('tn-cerradas', by.cerrada);
  set('tn-asistentes', t.attendance);
  const where = dash.entidad ? ` en ${dash.entidad}` : '';
  const rest = [['convocada', 'convocada', 'convocadas'], ['registro', 'con registro abierto', 'con registro abierto'],
    ['suspendida', 'suspendida', 'suspendidas']]
    .map(([key, one, many]) => `${fmtNumero(Number(by[key]) || 0)} ${Number(by[key]) === 1 ? one : many}`);
  $id('tn-resumen').textContent = `${plural(Number(t.assemblies) || 0, 'asamblea', 'asambleas')}${where}: `
    + `${rest.join(', ')}. «Con quórum» cuenta las que están en registro o en sesión.`;
}

function quorumCell(a) {
  if (a.state === 'convocada') return el('span', { class: 'muted' }, '—');
  return a.quorum_met
    ? el('span', { class: 'co-flag co-flag-ok' }, icon('ok'), 'Sí')
    : el('span', { class: 'co-flag co-flag-warning' }, icon('warning'), 'No');
}

function roundCell(round) {
  if (!round) return el('span', { class: 'muted' }, 'Ninguna');
  const word = roundWord(round.status);
  return [el('span', { class: round.status === 'abierta' ? 'co-block co-voting' : 'co-block' },
    round.status === 'abierta' ? el('span', { class: 'icon icon-state-sesion', 'aria-hidden': 'true' }) : null,
    word),
  el('span', { class: 'co-block muted' }, round.title)];
}

function dashRow(a) {
  return el('tr', { dataset: { clues: a.clues } },
    el('th', { scope: 'row', class: 'co-cell-clinic' },
      el('a', { href: clinicUrl(a.clues) }, a.nombre || a.clues),
      el('span', { class: 'co-clues mono' }, a.clues)),
    el('td', {}, a.entidad || '—'),
    el('td', {}, stateBadge(a.state, { small: true })),
    el('td', { class: 'num' }, fmtNumero(Number(a.attendance) || 0),
      el('span', { class: 'co-block muted' }, `mínimo ${fmtNumero(Number(a.quorum_min) || 0)}`)),
    el('td', {}, quorumCell(a)),
    el('td', { class: 'co-cell-round' }, roundCell(a.round)),
    el('td', { class: 'co-cell-when' }, a.updated_at
      ? el('time', { datetime: a.updated_at }, fmtShort(a.updated_at)) : '—'));
}

/** Every page of GET /api/national/dashboard for the current filters. */
async function fetchDashboard(signal) {
  let items = [];
  let first = null;
  let missing = '';
  let after = '';
  for (let page = 0; page < DASH_MAX_PAGES; page += 1) {
    const p = new URLSearchParams();
    if (dash.entidad) p.set('entidad', dash.entidad);
    if (dash.estado) p.set('estado', dash.estado);
    if (after) p.set('after', after);
    const qs = p.toString();
    const data = await api(`/api/national/dashboard${qs ? `?${qs}` : ''}`, { token: session.token, signal });
    first = first || data;
    if (data.complete === false) missing = data.missing_message || MISSING_SOME;
    items = items.concat(Array.isArray(data.items) ? data.items : []);
    after = data.next_after || '';
    if (!after) break;
  }
  return {
    totals: (first && first.totals) || {}, items, more: Boolean(after), entidad: dash.entidad, estado: dash.estado,
    missing,
  };
}

/** Reloads the dashboard; `announce` says the outcome in the live region (not on the timer). */
async function loadDashboard({ announce = false } = {}) {
  if (dash.controller) dash.controller.abort();
  dash.controller = new AbortController();
  const mine = ++dash.seq;
  const btn = $id('tn-actualizar');
  btn.setAttribute('aria-busy', 'true');
  if (announce) replaceChildren(dashNotice, icon('loading'), el('span', {}, 'Actualizando el tablero…'));
  let data;
  try {
    data = await fetchDashboard(dash.controller.signal);
  } catch (err) {
    if (err.name === 'AbortError' || mine !== dash.seq) return;
    btn.removeAttribute('aria-busy');
    if (err instanceof ApiError && err.status === 401) {
      stopDashboard();
      sessionEnded(dashError);
      return;
    }
    replaceChildren(dashNotice);
    replaceChildren(dashError, notice('warning', 'No pudimos actualizar el tablero.',
      el('p', {}, `${err.message} Las cifras son de la última actualización; se intenta de nuevo en 15 segundos.`)));
    return;
  }
  if (mine !== dash.seq) return;
  btn.removeAttribute('aria-busy');
  replaceChildren(dashError);
  dash.at = Date.now();
  dash.shown = { ...data, at: dash.at };
  showAge();
  $id('tn-impreso').textContent = `Datos del ${fmtFecha(new Date(dash.at))} (hora del centro de México).`;
  showTotals(data.totals);
  // With several servers, one that did not answer is named: its states are not in the totals.
  replaceChildren($id('tn-faltan'), data.missing ? notice('warning', data.missing) : null);

  // A refresh must not take the keyboard away from the row someone is on.
  const focused = dashRows.contains(document.activeElement) ? document.activeElement.closest('tr') : null;
  const keep = focused ? focused.dataset.clues : null;
  const shown = data.items.map(dashRow);
  replaceChildren(dashRows, shown.length ? shown : el('tr', {}, el('td', { colspan: '7', class: 'muted' },
    dash.entidad || dash.estado ? 'Ninguna asamblea coincide con los filtros.' : 'Todavía no hay asambleas.')));
  if (keep) {
    const link = dashRows.querySelector(`tr[data-clues="${CSS.escape(keep)}"] a`);
    if (link) link.focus();
  }
  const count = plural(data.items.length, 'asamblea', 'asambleas');
  if (data.more) {
    replaceChildren(dashNotice, icon('warning'),
      el('span', {}, `Se muestran las primeras ${count}. Elija una entidad para ver el resto.`));
  } else if (announce) {
    replaceChildren(dashNotice, icon('ok'), el('span', {}, `Tablero actualizado: ${count} en la tabla.`));
  }
}

// ---------- CSV of the dashboard: every row of the filters, written by the server ----------

const stampFmt = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
  hourCycle: 'h23',
});

/** A time as "2026-02-21-1142" in Mexico City, for file names. */
function fileStamp(date) {
  const p = Object.fromEntries(stampFmt.formatToParts(date).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}-${p.hour}${p.minute}`;
}

async function onDashCsv() {
  const say = sayIn($id('tn-csv-estado'));
  const shown = dash.shown;
  if (!shown) {
    say('warning', 'El tablero todavía no ha cargado; espere un momento e intente de nuevo.');
    return;
  }
  const p = new URLSearchParams();
  if (shown.entidad) p.set('entidad', shown.entidad);
  if (shown.estado) p.set('estado', shown.estado);
  const qs = p.toString();
  const name = `${['tablero-nacional', shown.entidad ? slug(shown.entidad) : null,
    shown.estado ? slug(shown.estado) : null, fileStamp(new Date())].filter(Boolean).join('-')}.csv`;
  const btn = $id('tn-csv');
  btn.disabled = true;
  say('loading', 'Preparando el CSV…');
  try {
    const rows = await saveCsv(`/api/national/dashboard.csv${qs ? `?${qs}` : ''}`, name, { token: session.token });
    const count = plural(rows, 'asamblea', 'asambleas');
    say('ok', rows === shown.items.length
      ? `Listo: se descargó ${name} con ${count}, las de la tabla.`
      : `Listo: se descargó ${name} con ${count} (la tabla muestra ${fmtNumero(shown.items.length)}).`);
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      sessionEnded(dashError);
      return;
    }
    say('error', `No pudimos preparar el CSV: ${err.message} Intente de nuevo.`);
  } finally {
    btn.disabled = false;
  }
}

function stopDashboard() {
  clearInterval(dash.timer);
  dash.timer = null;
}

export function setupDashboard() {
  // The public national view (/nacional): the same day for everyone, then the money and works.
  $id('tn-resumen').after(el('p', { class: 'no-print' },
    el('a', { href: '/nacional' }, 'Vista nacional pública: dinero, obras y descargas')));
  $id('tn-actualizar').addEventListener('click', () => loadDashboard({ announce: true }));
  $id('tn-csv').addEventListener('click', onDashCsv);
  const onFilter = () => {
    dash.entidad = $id('tn-entidad').value;
    dash.estado = $id('tn-estado').value;
    loadDashboard({ announce: true });
  };
  $id('tn-entidad').addEventListener('change', onFilter);
  $id('tn-estado').addEventListener('change', onFilter);
  $id('tn-filtro').addEventListener('submit', (event) => {
    event.preventDefault();
    onFilter();
  });
  // A hidden tab skips its turns and catches up as soon as it is seen again.
  dash.timer = setInterval(() => {
    if (!document.hidden) loadDashboard();
  }, DASH_EVERY_MS);
  document.addEventListener('visibilitychange', () => {
    if (!document.hidden && dash.timer && Date.now() - dash.at >= DASH_EVERY_MS) loadDashboard();
  });
  setInterval(showAge, 1000);
  loadDashboard();
}

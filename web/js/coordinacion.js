// The coordinator's desktop page, /coordinacion.html:
// 0. "Tablero nacional": GET /api/national/dashboard every 15 s (and on «Actualizar»): totals as
//    big numbers and every assembly's state, attendance, quorum and round, filtered by entidad
//    and state; a CSV of the rows shown.
// 1. "Programar la jornada nacional": one date and time (Mexico City) for every clinic of an
//    institution, or of one state: preview, confirm, POST /api/national/schedule, the answer.
// 2. "Unidades y asambleas": clinics (paged, filtered like the landing page) with their
//    assembly's state and scheduled time, links to moderate and project, and a CSV download.
import {
  ApiError, api, clearSession, clinicUrl, debounce, el, getToken, getUser, icon, notice,
  replaceChildren, saveSession, stateBadge,
} from './common.js';
import {
  ROUND_STATUS, STATE, TIME_ZONE, fmtFecha, fmtNumero, plural,
} from './words.js';

const PAGE_PATH = '/coordinacion.html';
const LOGIN_URL = `/entrar.html?volver=${encodeURIComponent(PAGE_PATH)}`;
const PER_PAGE = 20;
const SCAN_PER_PAGE = 100;      // the server's maximum per_page
const PARALLEL = 4;             // requests in flight at once (pages or assemblies)
const DEBOUNCE_MS = 300;

const $id = (id) => document.getElementById(id);

const session = { token: null, user: null };

// ---------- Small helpers ----------

/** Runs `worker` over `items` with at most `limit` at a time; results keep the order. */
async function mapLimit(items, limit, worker) {
  const out = new Array(items.length);
  let next = 0;
  async function lane() {
    while (next < items.length) {
      const i = next++;
      out[i] = await worker(items[i], i);
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return out;
}

const yearFmt = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric' });

/** The current year in Mexico City. */
function currentYear() {
  return Number(yearFmt.format(new Date()));
}

const wallFmt = new Intl.DateTimeFormat('es-MX', {
  timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric',
});

/**
 * "2026-02-21", "11:00" -> "sábado 21 de febrero de 2026, 11:00 h": the wall-clock time as
 * typed (it is already Mexico City's), in the same words as fmtFecha(). null when invalid.
 */
function fmtLocal(fecha, hora) {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(fecha || '');
  const t = /^(\d{2}):(\d{2})/.exec(hora || '');
  if (!d || !t) return null;
  const date = new Date(Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3])));
  if (date.getUTCDate() !== Number(d[3]) || date.getUTCMonth() !== Number(d[2]) - 1) return null;
  const p = Object.fromEntries(wallFmt.formatToParts(date).map((x) => [x.type, x.value]));
  return `${p.weekday} ${Number(p.day)} de ${p.month} de ${p.year}, ${Number(t[1])}:${t[2]} h`;
}

/** An assembly's state in words, for the CSV files. */
function stateWord(assembly) {
  if (!assembly) return 'Sin asamblea';
  return STATE[assembly.state] || assembly.state;
}

// ---------- Fatal states: not logged in, wrong role ----------

function fatal(title, kind, ...body) {
  replaceChildren($id('cargando'));
  $id('app').hidden = true;
  const box = $id('fatal');
  replaceChildren(box, el('h1', {}, title), notice(kind, ...body));
  box.focus();
}

function otherUserButton() {
  return el('button', {
    type: 'button',
    class: 'btn btn-secondary',
    onclick: () => {
      clearSession();
      location.assign(LOGIN_URL);
    },
  }, 'Entrar con otro usuario');
}

function showWrongRole(user) {
  const clinics = Array.isArray(user.clinics) ? user.clinics : [];
  const page = { moderator: ['moderar', 'Moderar'], committee: ['seguimiento', 'Seguimiento'] }[user.role];
  const roleText = {
    moderator: 'de moderación',
    committee: 'del Comité de Salud (COSABI)',
  }[user.role] || `con la función «${user.role}»`;
  fatal('Esta página es para la coordinación', 'error',
    'Solo la coordinación puede programar la jornada y ver todas las unidades.',
    { word: 'Sin permiso:' },
    el('p', {}, `Su usuario (${user.username}) es ${roleText}.`),
    page && clinics.length ? el('ul', { class: 'list-plain cluster' }, clinics.map((c) => el('li', {},
      el('a', { class: 'btn', href: clinicUrl(c, page[0]) }, `${page[1]} `, el('span', { class: 'mono' }, c)))))
      : null,
    el('p', { class: 'cluster' }, otherUserButton(), el('a', { class: 'btn btn-quiet', href: '/' }, 'Ir al inicio')));
}

async function logout() {
  const btn = $id('salir');
  btn.disabled = true;
  try {
    await api('/api/auth/logout', { method: 'POST', token: session.token });
  } catch {
    /* the session may have ended already; we forget it here anyway */
  }
  clearSession();
  location.assign('/entrar.html');
}

/** A 401 in the middle of the work: the session ended on the server. */
function sessionEnded(target) {
  clearSession();
  replaceChildren(target, notice('warning', 'Su sesión terminó.', { word: 'Atención:' },
    el('p', {}, 'Entre de nuevo para continuar. Los datos de esta página no se guardaron.'),
    el('p', {}, el('a', { class: 'btn', href: LOGIN_URL }, 'Entrar de nuevo'))));
}

// ---------- Catalog: which clinics exist (for suggestions and the preview count) ----------

// /api/clinics filters by text and state only, so counting an institution's clinics means
// reading the state's (or the whole country's) list once; it is kept for the page's life.
const scans = new Map(); // entidad ('' = all) -> Promise<[{clues, entidad, institucion}]>
const institutions = new Set();

function learnInstitutions(items) {
  let added = false;
  for (const c of items) {
    const name = c && typeof c.institucion === 'string' ? c.institucion.trim() : '';
    if (name && !institutions.has(name)) {
      institutions.add(name);
      added = true;
    }
  }
  if (added) {
    replaceChildren($id('instituciones'),
      [...institutions].sort((a, b) => a.localeCompare(b, 'es-MX')).map((name) => el('option', { value: name })));
  }
}

async function fetchAllClinics(filter, onProgress) {
  const query = (page) => {
    const p = new URLSearchParams({ page: String(page), per_page: String(SCAN_PER_PAGE) });
    if (filter.q) p.set('q', filter.q);
    if (filter.entidad) p.set('entidad', filter.entidad);
    return `/api/clinics?${p}`;
  };
  const first = await api(query(1));
  const items = [...(Array.isArray(first.items) ? first.items : [])];
  const total = Number(first.total) || 0;
  const per = Number(first.per_page) || SCAN_PER_PAGE;
  const pages = Math.ceil(total / per);
  let arrived = items.length;
  if (onProgress) onProgress(arrived, total);
  const rest = Array.from({ length: Math.max(0, pages - 1) }, (_, i) => i + 2);
  const more = await mapLimit(rest, PARALLEL, async (page) => {
    const data = await api(query(page));
    const got = Array.isArray(data.items) ? data.items : [];
    arrived += got.length;
    if (onProgress) onProgress(arrived, total);
    return got;
  });
  for (const got of more) items.push(...got);
  learnInstitutions(items);
  return items;
}

function scanEntidad(entidad) {
  if (!scans.has(entidad)) {
    const all = entidad && scans.get('');
    const promise = all
      ? all.then((items) => items.filter((c) => c.entidad === entidad))
      : fetchAllClinics({ entidad }).then((items) => items.map((c) => ({
        clues: c.clues, entidad: c.entidad, institucion: c.institucion,
      })));
    promise.catch(() => scans.delete(entidad)); // try again next time
    scans.set(entidad, promise);
  }
  return scans.get(entidad);
}

/** The clinics the schedule would touch: {count, name (as stored), scoped}. */
async function countMatching(institucion, entidad) {
  const wanted = institucion.trim().toLocaleUpperCase('es-MX');
  const scope = Array.isArray(session.user.clinics) ? session.user.clinics.map((c) => String(c).toUpperCase()) : [];
  const items = await scanEntidad(entidad);
  let count = 0;
  let name = null;
  for (const c of items) {
    if (String(c.institucion || '').trim().toLocaleUpperCase('es-MX') !== wanted) continue;
    if (scope.length && !scope.includes(String(c.clues).toUpperCase())) continue;
    count += 1;
    name = name || c.institucion;
  }
  return { count, name: name || institucion.trim(), scoped: scope.length > 0 };
}

// ---------- 1. Programar la jornada nacional ----------

const form = $id('programar');
const fields = {
  institucion: $id('institucion'),
  entidad: $id('prog-entidad'),
  edicion: $id('edicion'),
  fecha: $id('fecha'),
  hora: $id('hora'),
  quorum: $id('quorum'),
};
const previewEl = $id('vista-previa');
const confirmEl = $id('confirmar');
const resultEl = $id('resultado');
let editionTouched = false;
let previewSeq = 0;
let pending = null; // the body waiting for confirmation

function setFieldError(input, text) {
  const errorEl = $id(`${input.id}-error`);
  const hintId = input.id === 'institucion' ? 'institucion-hint'
    : input.id === 'edicion' ? 'edicion-hint'
      : input.id === 'hora' ? 'hora-hint'
        : input.id === 'quorum' ? 'quorum-hint' : null;
  if (text) {
    errorEl.textContent = text;
    errorEl.hidden = false;
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', [errorEl.id, hintId].filter(Boolean).join(' '));
  } else {
    errorEl.textContent = '';
    errorEl.hidden = true;
    input.removeAttribute('aria-invalid');
    if (hintId) input.setAttribute('aria-describedby', hintId);
    else input.removeAttribute('aria-describedby');
  }
}

/** The form as the API wants it, plus the errors to show ({field: text}). */
function readForm() {
  const errors = {};
  const institucion = fields.institucion.value.trim().replace(/\s+/g, ' ');
  const entidad = fields.entidad.value;
  const fecha = fields.fecha.value;
  const hora = fields.hora.value.slice(0, 5);
  if (!institucion) errors.institucion = 'Escriba la institución, por ejemplo ISSSTE.';

  const editionText = fields.edicion.value.trim();
  const edition = Number(editionText);
  if (!/^\d{4}$/.test(editionText) || edition < 2023 || edition > 2100) {
    errors.edicion = 'Escriba el año de la edición, entre 2023 y 2100.';
  }
  const wall = fmtLocal(fecha, hora);
  if (!fecha || !fmtLocal(fecha, '00:00')) errors.fecha = 'Elija la fecha de la asamblea.';
  else if (Number(fecha.slice(0, 4)) < 2023 || Number(fecha.slice(0, 4)) > 2100) {
    errors.fecha = 'La fecha debe ser del año 2023 en adelante.';
  }
  if (!hora) errors.hora = 'Elija la hora de inicio (hora del centro de México).';

  const quorumText = fields.quorum.value.trim();
  let quorum = null;
  if (quorumText) {
    quorum = Number(quorumText);
    if (!/^\d+$/.test(quorumText) || quorum > 100000) {
      errors.quorum = 'El quórum es un número entero de personas, de 0 a 100,000.';
      quorum = null;
    }
  }
  // An invalid date/time typed by hand leaves the input empty: the messages above cover it.
  const body = { institucion, edition, local_datetime: `${fecha}T${hora}` };
  if (entidad) body.entidad = entidad;
  if (quorum !== null) body.quorum_min = quorum;
  return { body, errors, wall, entidad, institucion, fecha, hora, quorum };
}

function whereText(entidad) {
  return entidad ? `en ${entidad}` : 'en todo el país';
}

function previewSentence(f, count, name) {
  const what = count === 1
    ? `Se programará 1 unidad de ${name} ${whereText(f.entidad)}`
    : `Se programarán ${fmtNumero(count)} unidades de ${name} ${whereText(f.entidad)}`;
  const when = f.wall ? ` para el ${f.wall}` : '';
  const quorum = f.quorum !== null ? `, con quórum mínimo de ${plural(f.quorum, 'persona', 'personas')}` : '';
  return `${what}${when}${quorum}.`;
}

function setPreview(kind, text, ...more) {
  replaceChildren(previewEl, text ? el('p', { class: `co-preview-line co-preview-${kind}` },
    icon(kind === 'empty' ? 'info' : kind), el('span', {}, text)) : null, ...more);
}

/** The preview line under the form; returns {count, name} or null when it could not count. */
async function updatePreview() {
  const mine = ++previewSeq;
  const f = readForm();
  if (!f.institucion) {
    setPreview('info', 'Escriba la institución para ver cuántas unidades se programarán.');
    return null;
  }
  setPreview('loading', `Contando las unidades de ${f.institucion} ${whereText(f.entidad)}…`);
  let result;
  try {
    result = await countMatching(f.institucion, f.entidad);
  } catch (err) {
    if (mine !== previewSeq) return null;
    if (err instanceof ApiError && err.status === 401) { sessionEnded(previewEl); return null; }
    setPreview('warning', `No pudimos contar las unidades: ${err.message}`);
    return null;
  }
  if (mine !== previewSeq) return null;
  if (result.count === 0) {
    setPreview('warning', `No hay unidades de «${f.institucion}» ${whereText(f.entidad)}`
      + `${result.scoped ? ' entre las unidades de su usuario' : ''}. Revise cómo está escrita la institución`
      + ' o elija otra entidad.');
    return result;
  }
  const missing = !f.wall ? ' Falta elegir la fecha y la hora.' : '';
  setPreview('ok', previewSentence(f, result.count, result.name) + missing);
  return result;
}

const previewSoon = debounce(updatePreview, DEBOUNCE_MS);

function hideConfirm() {
  confirmEl.hidden = true;
  pending = null;
}

function onFormChange(event) {
  if (event && event.target === fields.edicion) editionTouched = true;
  if (event && event.target === fields.fecha && !editionTouched && /^\d{4}-/.test(fields.fecha.value)) {
    fields.edicion.value = fields.fecha.value.slice(0, 4);
  }
  if (event && event.target && event.target.getAttribute('aria-invalid') === 'true') setFieldError(event.target, null);
  if (!confirmEl.hidden) hideConfirm(); // the question no longer matches the form
  previewSoon();
}

async function onReview(event) {
  event.preventDefault();
  replaceChildren(resultEl);
  const f = readForm();
  const order = ['institucion', 'edicion', 'fecha', 'hora', 'quorum'];
  for (const name of order) setFieldError(fields[name], f.errors[name] || null);
  const firstBad = order.find((name) => f.errors[name]);
  if (firstBad) {
    fields[firstBad].focus();
    return;
  }
  const btn = $id('revisar');
  btn.disabled = true;
  const counted = await updatePreview();
  btn.disabled = false;
  if (counted && counted.count === 0) {
    setFieldError(fields.institucion, `No hay unidades de «${f.institucion}» ${whereText(f.entidad)}.`);
    fields.institucion.focus();
    return;
  }
  pending = { body: f.body, form: f, counted };
  const sentence = counted
    ? previewSentence(f, counted.count, counted.name)
    : `Se programarán las unidades de ${f.institucion} ${whereText(f.entidad)} para el ${f.wall}.`;
  replaceChildren($id('confirmar-texto'), sentence,
    Number(f.fecha.slice(0, 4)) !== f.body.edition
      ? el('span', { class: 'co-confirm-warn' }, icon('warning'),
        ` Atención: la edición ${f.body.edition} no es el año de la fecha (${f.fecha.slice(0, 4)}).`)
      : null);
  $id('confirmar-si').textContent = counted
    ? `Sí, programar ${counted.count === 1 ? '1 unidad' : `${fmtNumero(counted.count)} unidades`}`
    : 'Sí, programar';
  confirmEl.hidden = false;
  confirmEl.focus();
  confirmEl.scrollIntoView({ block: 'nearest' });
}

function resultLine(label, value) {
  return [el('dt', {}, label), el('dd', { class: 'num' }, fmtNumero(value))];
}

async function onConfirm() {
  if (!pending) return;
  const { body, form: f, counted } = pending;
  const yes = $id('confirmar-si');
  const no = $id('confirmar-no');
  yes.disabled = true;
  no.disabled = true;
  replaceChildren(resultEl, notice('loading', 'Programando las asambleas… No cierre esta página.'));
  let answer;
  try {
    answer = await api('/api/national/schedule', { method: 'POST', body, token: session.token });
  } catch (err) {
    yes.disabled = false;
    no.disabled = false;
    if (err instanceof ApiError && err.status === 401) {
      hideConfirm();
      sessionEnded(resultEl);
      resultEl.focus();
      return;
    }
    hideConfirm();
    const field = { institucion: 'institucion', local_datetime: 'fecha', edition: 'edicion', quorum_min: 'quorum' }[err.field];
    if (field) setFieldError(fields[field], err.message);
    replaceChildren(resultEl, notice('error', 'No se programó ninguna asamblea.',
      el('p', {}, err.message),
      el('p', {}, err.status === 0 || err.status >= 500
        ? 'Puede intentar de nuevo: repetir la programación no duplica nada.'
        : 'Corrija los datos e intente de nuevo.')));
    resultEl.focus();
    return;
  }
  yes.disabled = false;
  no.disabled = false;
  hideConfirm();

  const scheduled = Number(answer.scheduled) || 0;
  const created = Number(answer.created) || 0;
  const updated = Number(answer.updated) || 0;
  const skipped = Number(answer.skipped) || 0;
  const when = answer.scheduled_at ? fmtFecha(answer.scheduled_at) : f.wall;
  const who = `de ${counted ? counted.name : f.institucion} ${whereText(f.entidad)}`;
  const details = el('dl', { class: 'facts co-result' },
    resultLine('Asambleas programadas', scheduled),
    resultLine(`Nuevas (la unidad no tenía asamblea de ${body.edition})`, created),
    resultLine('Con fecha cambiada (seguían convocadas)', updated),
    resultLine('Sin cambio (ya abrieron su registro o terminaron)', skipped));
  const title = scheduled === 0
    ? `No cambió ninguna asamblea ${who}.`
    : `${scheduled === 1 ? 'Quedó programada 1 asamblea' : `Quedaron programadas ${fmtNumero(scheduled)} asambleas`} `
      + `${who} para el ${when}.`;
  replaceChildren(resultEl, notice(scheduled === 0 ? 'warning' : 'ok', title,
    { word: scheduled === 0 ? 'Atención:' : 'Listo:' },
    details,
    skipped ? el('p', {}, skipped === 1
      ? 'Una asamblea ya había abierto su registro o terminado, y conserva su hora.'
      : `${fmtNumero(skipped)} asambleas ya habían abierto su registro o terminado, y conservan su hora.`) : null));
  resultEl.focus();
  assemblies.clear();
  loadTable();
}

function onCorrect() {
  hideConfirm();
  fields.institucion.focus();
}

function setupSchedule() {
  fields.edicion.value = String(currentYear());
  form.addEventListener('input', onFormChange);
  form.addEventListener('change', onFormChange);
  form.addEventListener('submit', onReview);
  // The suggestions and the count need the list of clinics: start reading it on first focus.
  fields.institucion.addEventListener('focus', () => { scanEntidad(fields.entidad.value).catch(() => {}); }, { once: true });
  $id('confirmar-si').addEventListener('click', onConfirm);
  $id('confirmar-no').addEventListener('click', onCorrect);
  setPreview('info', 'Escriba la institución para ver cuántas unidades se programarán.');
}

// ---------- 2. Unidades y asambleas ----------

const filterForm = $id('filtro');
const qInput = $id('q');
const tableSelect = $id('entidad');
const statusEl = $id('estado');
const errorEl = $id('error');
const rowsEl = $id('filas');
const pager = $id('paginas');
const prevBtn = $id('anteriores');
const nextBtn = $id('siguientes');
const csvBtn = $id('csv');
const csvStatus = $id('csv-estado');

const params = new URLSearchParams(location.search);
const table = {
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
        'Pantalla', el('span', { class: 'visually-hidden' }, ` ${c.clues}`)))));
}

async function loadTable({ focusTable = false } = {}) {
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
  const range = `${fmtNumero(first)}–${fmtNumero(last)} de ${plural(total, 'unidad', 'unidades')}`;
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
    setStatus('ok', `Mostrando ${range}.`);
  }
}

// ---------- CSV files (both tables) ----------

function csvCell(value) {
  let s = value === null || value === undefined ? '' : String(value);
  // A cell starting with = + - @ would run as a formula in a spreadsheet.
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function slug(text) {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/** Saves `rows` (arrays of values, in the order of `columns`) as the CSV file `name`. */
function saveCsv(name, columns, rows) {
  const text = `${[columns, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
  // The BOM makes spreadsheet programs read the accents as UTF-8.
  const blob = new Blob(['\uFEFF', text], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = el('a', { href: url, download: name, class: 'visually-hidden' }, name);
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A status line's writer: say('ok', 'Listo…') shows the icon and the words in `target`. */
function sayIn(target) {
  return (kind, text) => replaceChildren(target, icon(kind), el('span', {}, text));
}

// ---------- CSV of the current filter ----------

const CSV_COLUMNS = ['clues', 'nombre', 'entidad', 'municipio', 'institucion', 'edicion', 'estado',
  'fecha_programada', 'fecha_programada_utc', 'quorum_min', 'asistencia'];

function csvRow({ clinic: c, assembly: a }) {
  return [
    c.clues, c.nombre, c.entidad, c.municipio, c.institucion,
    a ? a.edition : '', stateWord(a),
    a && a.scheduled_at ? fmtFecha(a.scheduled_at) : '',
    a && a.scheduled_at ? a.scheduled_at : '',
    a ? a.quorum_min : '', a ? a.attendance : '',
  ];
}

async function onCsv() {
  const filter = { q: table.q, entidad: table.entidad };
  csvBtn.disabled = true;
  const say = sayIn(csvStatus);
  say('loading', 'Preparando el CSV: leyendo las unidades…');
  try {
    const clinics = await fetchAllClinics(filter, (got, total) => {
      if (total > SCAN_PER_PAGE) say('loading', `Preparando el CSV: ${fmtNumero(got)} de ${plural(total, 'unidad', 'unidades')} leídas…`);
    });
    let done = 0;
    const rows = await mapLimit(clinics, PARALLEL, async (clinic) => {
      const assembly = await assemblyOf(clinic.clues);
      done += 1;
      if (done % 20 === 0) say('loading', `Preparando el CSV: ${fmtNumero(done)} de ${plural(clinics.length, 'unidad', 'unidades')}…`);
      return { clinic, assembly };
    });
    const parts = ['unidades-asambleas', filter.entidad ? slug(filter.entidad) : 'todas',
      filter.q ? slug(filter.q) : null, new Date().toISOString().slice(0, 10)].filter(Boolean);
    const name = `${parts.join('-')}.csv`;
    saveCsv(name, CSV_COLUMNS, rows.map(csvRow));
    say('ok', `Listo: se descargó ${name} con ${plural(rows.length, 'unidad', 'unidades')}.`);
  } catch (err) {
    say('error', `No pudimos preparar el CSV: ${err.message} Intente de nuevo.`);
  } finally {
    csvBtn.disabled = false;
  }
}

function setupTable() {
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

// ---------- 0. Tablero nacional ----------

const DASH_EVERY_MS = 15_000;
const DASH_MAX_PAGES = 25;      // 2,000 rows each: far more than one server's clinics

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
  let after = '';
  for (let page = 0; page < DASH_MAX_PAGES; page += 1) {
    const p = new URLSearchParams();
    if (dash.entidad) p.set('entidad', dash.entidad);
    if (dash.estado) p.set('estado', dash.estado);
    if (after) p.set('after', after);
    const qs = p.toString();
    const data = await api(`/api/national/dashboard${qs ? `?${qs}` : ''}`, { token: session.token, signal });
    first = first || data;
    items = items.concat(Array.isArray(data.items) ? data.items : []);
    after = data.next_after || '';
    if (!after) break;
  }
  return {
    totals: (first && first.totals) || {}, items, more: Boolean(after), entidad: dash.entidad, estado: dash.estado,
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

// ---------- CSV of the dashboard: the rows the table shows ----------

const DASH_CSV_COLUMNS = ['CLUES', 'unidad', 'entidad', 'estado', 'asistencia', 'quórum mínimo', 'con quórum',
  'votación', 'estado de la votación', 'último cambio'];

const stampFmt = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
  hourCycle: 'h23',
});

/** A time as "2026-02-21-1142" in Mexico City, for file names. */
function fileStamp(date) {
  const p = Object.fromEntries(stampFmt.formatToParts(date).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}-${p.hour}${p.minute}`;
}

function dashCsvRow(a) {
  return [
    a.clues, a.nombre, a.entidad, stateWord(a), Number(a.attendance) || 0, Number(a.quorum_min) || 0,
    a.state === 'convocada' ? '' : (a.quorum_met ? 'Sí' : 'No'),
    a.round ? a.round.title : '', a.round ? roundWord(a.round.status) : '',
    a.updated_at ? fmtFecha(a.updated_at) : '',
  ];
}

function onDashCsv() {
  const say = sayIn($id('tn-csv-estado'));
  const shown = dash.shown;
  if (!shown) {
    say('warning', 'El tablero todavía no ha cargado; espere un momento e intente de nuevo.');
    return;
  }
  const name = `${['tablero-nacional', shown.entidad ? slug(shown.entidad) : null,
    shown.estado ? slug(shown.estado) : null, fileStamp(new Date(shown.at))].filter(Boolean).join('-')}.csv`;
  saveCsv(name, DASH_CSV_COLUMNS, shown.items.map(dashCsvRow));
  const count = plural(shown.items.length, 'asamblea', 'asambleas');
  say(shown.more ? 'warning' : 'ok', shown.more
    ? `Se descargó ${name} con las primeras ${count}, las de la tabla. Elija una entidad para el resto.`
    : `Listo: se descargó ${name} con ${count}, las de la tabla.`);
}

function stopDashboard() {
  clearInterval(dash.timer);
  dash.timer = null;
}

function setupDashboard() {
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

// ---------- States for the entidad selects ----------

async function loadEntidades() {
  const selects = [tableSelect, fields.entidad, $id('tn-entidad')];
  const ensure = (select, name) => {
    if (name && ![...select.options].some((o) => o.value === name)) select.append(el('option', { value: name }, name));
  };
  ensure(tableSelect, table.entidad);
  tableSelect.value = table.entidad;
  try {
    const data = await api('/api/entidades');
    const names = Array.isArray(data && data.items) ? data.items.map(String) : [];
    for (const select of selects) for (const name of names) ensure(select, name);
    tableSelect.value = table.entidad;
  } catch {
    $id('prog-entidad-hint').textContent = 'No pudimos cargar la lista de entidades; puede programar todo el país.';
  }
}

// ---------- Start ----------

async function init() {
  session.token = getToken();
  if (!session.token) {
    location.replace(LOGIN_URL);
    return;
  }
  let user = getUser();
  try {
    const me = await api('/api/auth/me', { token: session.token });
    user = me && me.user ? me.user : me;
    saveSession(session.token, user);
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      clearSession();
      location.replace(LOGIN_URL);
      return;
    }
    if (!user) {
      fatal('No pudimos comprobar su sesión', 'error', err.message,
        el('p', {}, el('button', { type: 'button', class: 'btn', onclick: () => location.reload() }, 'Intentar de nuevo')));
      return;
    }
    // Offline: carry on with the stored user; the server still checks every action.
  }
  session.user = user;
  $id('sesion').hidden = false;
  $id('sesion-usuario').textContent = user.username;
  $id('salir').addEventListener('click', logout);

  if (user.role !== 'coordinator') {
    showWrongRole(user);
    return;
  }

  replaceChildren($id('cargando'));
  $id('app').hidden = false;
  const scope = Array.isArray(user.clinics) ? user.clinics : [];
  if (scope.length) {
    $id('programar').prepend(notice('info', `Su usuario coordina ${plural(scope.length, 'unidad', 'unidades')}: `
      + 'la programación solo cambia esas.'));
  }
  setupDashboard();
  setupSchedule();
  setupTable();
  loadEntidades();
  // Suggestions for the institution: the first page of the catalog is enough to start.
  api(`/api/clinics?per_page=${SCAN_PER_PAGE}`).then((d) => learnInstitutions(d.items || [])).catch(() => {});
  loadTable();
}

init();

// The national accountability view, /nacional (issue 15): public, no login. One request,
// GET /api/open/national.json with the page's filters, drawn in four parts: today's assemblies,
// the money of the chosen edition (with the server's SVG chart), the clinics ranked by unproven
// money and by stalled works, and every table's CSV and JSON. Drill-down is by address:
// /nacional → ?institucion= → &entidad= → each clinic's public page /c/{clues}.
import { api, el, notice, replaceChildren } from './common.js';
import { fmtNumero, fmtPesos, plural } from './words.js';
import { cifra, liveTable, moneyTable, pct, stalledTable, unprovenTable } from './nacional-tablas.js';

const statusEl = document.getElementById('estado');
const errorEl = document.getElementById('error');
const vista = document.getElementById('vista');
const form = document.getElementById('filtros');
const edicionEl = document.getElementById('edicion');
const diasEl = document.getElementById('dias');

/** The page's filters, from its address. */
function filtersFromUrl() {
  const q = new URLSearchParams(location.search);
  return {
    edition: q.get('edition') || '',
    stalled_days: q.get('stalled_days') || '',
    institucion: q.get('institucion') || '',
    entidad: q.get('entidad') || '',
  };
}

function query(f, extra = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...f, ...extra })) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** Where the page stands: the whole country, one institution, one state (of one institution). */
function levelOf(f) {
  if (f.entidad) return { kind: 'clinics', label: f.institucion ? `${f.entidad} (${f.institucion})` : f.entidad };
  if (f.institucion) return { kind: 'states', label: f.institucion };
  return { kind: 'institutions', label: 'todo el país' };
}

function linkDown(f, level) {
  const keep = { edition: f.edition, stalled_days: f.stalled_days };
  return (name) => `/nacional${query(level.kind === 'institutions'
    ? { ...keep, institucion: name }
    : { ...keep, institucion: f.institucion, entidad: name })}`;
}

function breadcrumbs(f) {
  const keep = { edition: f.edition, stalled_days: f.stalled_days };
  const steps = [['Todo el país', `/nacional${query(keep)}`]];
  if (f.institucion) steps.push([f.institucion, `/nacional${query({ ...keep, institucion: f.institucion })}`]);
  if (f.entidad) steps.push([f.entidad, `/nacional${query({ ...keep, institucion: f.institucion, entidad: f.entidad })}`]);
  return el('ol', { class: 'list-plain cluster' }, steps.map(([name, href], i) => el('li', {},
    i === steps.length - 1 ? el('span', { 'aria-current': 'page' }, name) : el('a', { href }, name))));
}

function fillEditions(data) {
  const years = data.editions.length ? data.editions : [];
  const chosen = data.edition ? String(data.edition) : '';
  const options = years.map((y) => el('option', { value: String(y), selected: String(y) === chosen }, String(y)));
  if (chosen && !years.map(String).includes(chosen)) options.unshift(el('option', { value: chosen, selected: true }, chosen));
  if (!options.length) options.push(el('option', { value: '' }, 'Ninguno todavía'));
  replaceChildren(edicionEl, options);
  diasEl.value = String(data.stalled_days);
}

function renderLive(data, f, level) {
  const t = data.live.total;
  replaceChildren(document.getElementById('vivo-cifras'),
    cifra(fmtNumero(t.in_session), 'asambleas en sesión', `de ${plural(t.assemblies, 'asamblea', 'asambleas')}`),
    cifra(fmtNumero(t.registering), 'registrando asistentes'),
    cifra(fmtNumero(t.with_quorum), 'con quórum'),
    cifra(fmtNumero(t.voting), 'votando ahora', `${plural(t.ballots, 'voto', 'votos')} en las votaciones actuales`),
    cifra(fmtNumero(t.attendance), 'personas registradas'),
    cifra(fmtNumero(t.closed), 'asambleas cerradas'));
  const groups = level.kind === 'institutions' ? data.live.by_institution : data.live.by_state;
  replaceChildren(document.getElementById('vivo-tabla'), liveTable(level, groups, data.live.clinics, linkDown(f, level)));
}

function renderMoney(data, f, level) {
  const fu = data.followup;
  const t = fu.total;
  replaceChildren(document.getElementById('dinero-nota'), data.edition
    ? `Asambleas ${data.edition} ya cerradas: ${plural(t.clinics, 'unidad', 'unidades')}. Asignado es lo que aprobó la asamblea para cada obra; ejercido, lo pagado; comprobado, lo pagado con su factura (CFDI) y su archivo.`
    : 'Todavía no hay asambleas cerradas: el seguimiento del dinero empieza cuando cierra la primera.');
  replaceChildren(document.getElementById('dinero-cifras'),
    cifra(fmtPesos(t.assigned_centavos), 'asignado a obras', `Presupuesto: ${fmtPesos(t.budget_centavos)}`),
    cifra(fmtPesos(t.committed_centavos), 'comprometido en contratos'),
    cifra(fmtPesos(t.spent_centavos), 'ejercido (pagado)'),
    cifra(fmtPesos(t.proven_centavos), 'comprobado con factura', `${pct(t.proven_percent, 'Sin gasto aún')} de lo ejercido`),
    cifra(fmtPesos(t.unproven_centavos), 'sin comprobar'),
    cifra(`${fmtNumero(t.delivered)} de ${fmtNumero(t.works)}`, 'obras entregadas', `${plural(t.verified, 'verificada', 'verificadas')}`),
    cifra(pct(t.photos_percent, 'Sin entregas'), 'entregas con fotos de antes y después'),
    cifra(fmtNumero(t.stalled), 'obras detenidas', `sin avance en ${plural(data.stalled_days, 'día', 'días')} o más`));

  const chartQuery = query({ edition: data.edition ? String(data.edition) : '', institucion: f.institucion, entidad: f.entidad });
  const chart = document.getElementById('grafica-dinero');
  const chartName = level.kind === 'institutions' ? 'institutions' : 'states';
  chart.src = `/api/open/national/charts/${chartName}.svg${chartQuery}`;
  const groups = level.kind === 'institutions' ? fu.by_institution : fu.by_state;
  chart.alt = `Gráfica de barras: lo asignado, lo ejercido y lo comprobado por ${level.kind === 'institutions' ? 'institución' : 'entidad'}. Las mismas cifras están en la tabla que sigue.`;
  replaceChildren(document.getElementById('dinero-tabla'), moneyTable(level, groups, fu.clinics, linkDown(f, level)));

  const byClues = new Map(fu.clinics.map((c) => [c.clues, c]));
  const unprovenChart = document.getElementById('grafica-sin-comprobar');
  unprovenChart.src = `/api/open/national/charts/unproven.svg${chartQuery}`;
  unprovenChart.alt = fu.ranking_unproven.length
    ? `Gráfica de barras de las unidades con más dinero sin comprobar; la misma lista está en la tabla que sigue.`
    : 'Gráfica vacía: ninguna unidad tiene dinero ejercido sin comprobar.';
  replaceChildren(document.getElementById('sin-comprobar-tabla'), fu.ranking_unproven.length
    ? unprovenTable(fu.ranking_unproven, byClues)
    : notice('ok', 'Ninguna unidad tiene dinero ejercido sin comprobar.', { word: 'Todo comprobado:' }));
  replaceChildren(document.getElementById('detenidas-nota'),
    `Una obra está detenida cuando lleva ${plural(data.stalled_days, 'día', 'días')} o más sin cambiar de etapa y todavía no está verificada ni cancelada. Puede cambiar el número de días arriba.`);
  replaceChildren(document.getElementById('detenidas-tabla'), fu.ranking_stalled.length
    ? stalledTable(fu.ranking_stalled, byClues)
    : notice('ok', `Ninguna obra lleva ${plural(data.stalled_days, 'día', 'días')} o más sin avance.`, { word: 'Sin retrasos:' }));
}

const TABLES = [
  ['institutions', 'Dinero por institución'],
  ['states', 'Dinero por entidad'],
  ['clinics', 'Dinero por unidad'],
  ['unproven', 'Unidades con dinero sin comprobar'],
  ['stalled', 'Unidades con obras detenidas'],
  ['stalled-works', 'Obras detenidas, una por fila'],
  ['live', 'Asambleas de hoy, una por unidad'],
];

function renderDownloads(data, f) {
  const q = query({ edition: data.edition ? String(data.edition) : '', stalled_days: String(data.stalled_days),
    institucion: f.institucion, entidad: f.entidad });
  replaceChildren(document.getElementById('descargas-lista'),
    TABLES.map(([name, words]) => el('li', { class: 'nacional-descarga' },
      el('span', {}, words),
      el('a', { class: 'btn btn-secondary', href: `/api/open/national/${name}.csv${q}`, download: '', 'aria-label': `CSV: ${words}` }, 'CSV'),
      el('a', { class: 'btn btn-secondary', href: `/api/open/national/${name}.json${q}`, 'aria-label': `JSON: ${words}` }, 'JSON'))),
    el('li', { class: 'nacional-descarga' }, el('span', {}, 'Todo junto'),
      el('a', { class: 'btn btn-secondary', href: `/api/open/national.json${q}`, 'aria-label': 'JSON: todo junto' }, 'JSON')));
}

// With several servers: the states whose server did not answer, never hidden inside a total.
function showMissing(data) {
  const target = document.getElementById('faltan');
  if (data.complete === false) {
    replaceChildren(target, notice('warning', data.missing_message
      || 'Faltan datos de algunos estados: su servidor no responde. Los totales no los incluyen.'));
  } else {
    replaceChildren(target);
  }
}

async function load() {
  const f = filtersFromUrl();
  const level = levelOf(f);
  replaceChildren(errorEl);
  replaceChildren(statusEl, el('p', { class: 'status-line' }, el('span', { class: 'icon icon-loading', 'aria-hidden': 'true' }), ' Cargando la vista nacional…'));
  replaceChildren(document.getElementById('migas'), breadcrumbs(f));
  let data;
  try {
    data = await api(`/api/open/national.json${query(f)}`);
  } catch (err) {
    replaceChildren(statusEl);
    replaceChildren(errorEl, notice('error', 'No pudimos cargar la vista nacional.', el('p', {}, err.message),
      el('p', {}, el('a', { class: 'btn btn-secondary', href: '/nacional' }, 'Volver a todo el país'))));
    return;
  }
  showMissing(data);
  document.title = `Vista nacional${level.kind === 'institutions' ? '' : `: ${level.label}`}: La Clínica es Nuestra`;
  fillEditions(data);
  renderLive(data, f, level);
  renderMoney(data, f, level);
  renderDownloads(data, f);
  vista.hidden = false;
  replaceChildren(statusEl, el('p', { class: 'muted small' },
    `Datos al ${new Date(data.generated_at).toLocaleString('es-MX', { timeZone: 'America/Mexico_City' })} (hora del centro).`));
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const f = filtersFromUrl();
  const dias = Number.parseInt(diasEl.value, 10);
  if (!Number.isInteger(dias) || dias < 1 || dias > 730) {
    replaceChildren(errorEl, notice('warning', 'Escriba un número de días entre 1 y 730.'));
    diasEl.focus();
    return;
  }
  const next = { ...f, edition: edicionEl.value, stalled_days: dias === 60 ? '' : String(dias) };
  history.pushState(null, '', `/nacional${query(next)}`);
  load();
});

window.addEventListener('popstate', load);
load();

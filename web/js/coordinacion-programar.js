// Section 1 of the coordinator's page, "Programar la jornada nacional": one date and time (Mexico
// City) for every clinic of an institution, or of one state: preview, confirm,
// POST /api/national/schedule, the answer.
import { ApiError, api, debounce, el, icon, notice, replaceChildren } from './common.js';
import { TIME_ZONE, fmtFecha, fmtNumero, plural } from './words.js';
import { DEBOUNCE_MS, $id, session, sessionEnded } from './coordinacion-ctx.js';
import { scanEntidad } from './coordinacion-catalog.js';
import { reloadTable } from './coordinacion-unidades.js';

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

const form = $id('programar');
export const fields = {
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
      : `${fmtNumero(skipped)} asambleas ya habían abierto su registro o terminado, y conservan su hora.`) : null,
    // A server that did not answer: its clinics were not scheduled; repeating is safe.
    answer.missing_message
      ? el('p', {}, `${answer.missing_message} Sus unidades no se programaron: repita la programación en unos minutos.`)
      : null));
  resultEl.focus();
  reloadTable();
}

function onCorrect() {
  hideConfirm();
  fields.institucion.focus();
}

export function setupSchedule() {
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

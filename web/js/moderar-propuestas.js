// Tab "Propuestas": the whole list with status badges, accept / reject with a reason / merge
// into an accepted one, a form to add one, and the CSV import with the server's per-line errors.
import { el, icon, replaceChildren } from './common.js';
import { CATEGORY, fmtPesos, plural } from './words.js';
import {
  ask, busy, call, callText, canEditProposals, ctx, fieldError, on, parsePesos, show, showError,
  working,
} from './moderar-ctx.js';

const SOURCE = { diagnostico: 'Diagnóstico previo', asamblea: 'Propuesta en la asamblea' }; // list wording
const STATUS = {
  pendiente: { word: 'Pendiente', badge: 'badge-warning', icon: 'warning' },
  aceptada: { word: 'Aceptada', badge: 'badge-ok', icon: 'ok' },
  rechazada: { word: 'Rechazada', badge: 'badge-error', icon: 'error' },
  fusionada: { word: 'Fusionada', badge: 'badge-info', icon: 'info' },
};
const MAX_CSV_BYTES = 1024 * 1024;

let proposals = [];
let listEl;
let listStatus;
let summaryEl;
let filterEl;
let loaded = false;

// ---------- List ----------

function byId(id) {
  return proposals.find((p) => String(p.id) === String(id));
}

function badge(status) {
  const s = STATUS[status] || { word: status, badge: '', icon: 'info' };
  return el('span', { class: `badge ${s.badge}` }, icon(s.icon), s.word);
}

function actionButton(label, name, onclick, cls = 'btn-secondary') {
  return el('button', { type: 'button', class: `btn ${cls}`, disabled: !canEditProposals(), onclick },
    label, el('span', { class: 'visually-hidden' }, ` «${name}»`));
}

function item(p) {
  const into = p.merged_into ? byId(p.merged_into) : null;
  const actions = [];
  if (p.status === 'pendiente' || p.status === 'rechazada') {
    actions.push(actionButton('Aceptar', p.title, (e) => accept(p, e.currentTarget), ''));
  }
  if (p.status === 'pendiente' || p.status === 'aceptada') {
    actions.push(actionButton('Rechazar', p.title, (e) => reject(p, e.currentTarget)));
    actions.push(actionButton('Fusionar', p.title, (e) => merge(p, e.currentTarget)));
  }
  return el('li', { class: `prop-item prop-${p.status}`, dataset: { id: p.id } },
    el('div', { class: 'prop-main' },
      el('div', { class: 'prop-head' },
        el('h3', { class: 'prop-title' }, p.title),
        badge(p.status)),
      el('p', { class: 'prop-meta' },
        el('span', {}, CATEGORY[p.category] || p.category), ' · ',
        el('span', { class: 'money' }, fmtPesos(p.cost_centavos)), ' · ',
        el('span', { class: 'muted' }, SOURCE[p.source] || p.source || '')),
      p.description ? el('p', { class: 'prop-desc' }, p.description) : null,
      p.status === 'rechazada' && p.reject_reason
        ? el('p', { class: 'prop-note' }, el('strong', {}, 'Motivo del rechazo: '), p.reject_reason) : null,
      p.status === 'fusionada'
        ? el('p', { class: 'prop-note' }, el('strong', {}, 'Se fusionó con: '),
          into ? `«${into.title}»` : `la propuesta ${p.merged_into}`) : null),
    actions.length ? el('div', { class: 'prop-actions' }, actions) : null);
}

function renderSummary() {
  const counts = { pendiente: 0, aceptada: 0, rechazada: 0, fusionada: 0 };
  let accepted = 0;
  for (const p of proposals) {
    counts[p.status] = (counts[p.status] || 0) + 1;
    if (p.status === 'aceptada') accepted += Number(p.cost_centavos) || 0;
  }
  const parts = [
    plural(counts.aceptada, 'aceptada', 'aceptadas'),
    plural(counts.pendiente, 'pendiente', 'pendientes'),
    plural(counts.rechazada, 'rechazada', 'rechazadas'),
    plural(counts.fusionada, 'fusionada', 'fusionadas'),
  ];
  const budget = ctx.clinic && Number.isFinite(ctx.clinic.presupuesto_centavos)
    ? ` · presupuesto de la unidad: ${fmtPesos(ctx.clinic.presupuesto_centavos)}` : '';
  summaryEl.textContent = `${parts.join(' · ')}. Suma de las aceptadas: ${fmtPesos(accepted)}${budget}.`;
}

function render() {
  renderSummary();
  const filter = filterEl.value;
  const shown = filter ? proposals.filter((p) => p.status === filter) : proposals;
  replaceChildren(listEl, shown.map(item));
  if (!proposals.length) {
    replaceChildren(listStatus, el('p', { class: 'muted' }, 'Todavía no hay propuestas. Agréguelas abajo o impórtelas de un archivo CSV.'));
  } else if (!shown.length) {
    replaceChildren(listStatus, el('p', { class: 'muted' }, 'No hay propuestas con ese estado.'));
  }
  const gate = document.getElementById('prop-aviso');
  const s = ctx.assembly && ctx.assembly.state;
  if (canEditProposals()) replaceChildren(gate);
  else {
    replaceChildren(gate, el('div', { class: 'notice notice-info' }, icon('info'), el('div', { class: 'notice-body' },
      el('p', { class: 'notice-title' }, s === 'cerrada'
        ? 'Aviso: la asamblea está cerrada; la lista de propuestas ya no cambia.'
        : 'Aviso: la asamblea está suspendida; reanúdela para revisar o agregar propuestas.'))));
  }
  document.getElementById('prop-enviar').disabled = !canEditProposals();
  document.getElementById('prop-importar').disabled = !canEditProposals();
}

async function load({ quiet = false } = {}) {
  if (!quiet && !loaded) working(listStatus, 'Cargando las propuestas…');
  try {
    const data = await call('proposals?all=1');
    proposals = Array.isArray(data.items) ? data.items : [];
    loaded = true;
    if (!quiet) replaceChildren(listStatus);
    render();
  } catch (err) {
    showError(listStatus, 'No pudimos cargar las propuestas.', err);
  }
}

/** After a review action: keep the message, refresh the list, put focus somewhere sensible. */
async function afterChange(p, kind, title, ...body) {
  await load({ quiet: true });
  show(listStatus, kind, title, ...body);
  const again = listEl.querySelector(`[data-id="${CSS.escape(String(p.id))}"] button`);
  (again || document.getElementById('prop-lista-titulo')).focus?.();
}

async function accept(p, button) {
  const undo = busy(button, 'Aceptando…');
  try {
    await call(`proposals/${encodeURIComponent(p.id)}/accept`, { method: 'POST' });
    undo();
    await afterChange(p, 'ok', `Se aceptó «${p.title}».`, el('p', {}, 'Ya aparece en la lista que ven los votantes.'));
  } catch (err) {
    undo();
    showError(listStatus, `No se aceptó «${p.title}».`, err);
  }
}

async function reject(p, button) {
  const reason = el('textarea', { class: 'textarea', id: 'motivo', maxlength: 500, rows: 3, required: true });
  const reasonErr = el('p', { class: 'field-error', id: 'motivo-error', hidden: true });
  const value = await ask({
    title: `Rechazar «${p.title}»`,
    body: [
      el('p', {}, 'El motivo queda en el acta y lo ve la comunidad.'),
      el('div', { class: 'field' }, el('label', { for: 'motivo' }, 'Motivo del rechazo'), reason, reasonErr),
    ],
    confirm: 'Rechazar propuesta',
    danger: true,
    focus: () => reason,
    validate: () => {
      if (reason.value.trim()) return null;
      fieldError(reason, reasonErr, 'Escriba el motivo del rechazo.');
      reason.focus();
      return 'motivo';
    },
    read: () => reason.value.trim(),
  });
  if (!value) return;
  const undo = busy(button, 'Rechazando…');
  try {
    await call(`proposals/${encodeURIComponent(p.id)}/reject`, { body: { reason: value } });
    undo();
    await afterChange(p, 'ok', `Se rechazó «${p.title}».`, el('p', {}, `Motivo: ${value}`));
  } catch (err) {
    undo();
    showError(listStatus, `No se rechazó «${p.title}».`, err);
  }
}

async function merge(p, button) {
  const targets = proposals.filter((x) => x.status === 'aceptada' && String(x.id) !== String(p.id));
  if (!targets.length) {
    show(listStatus, 'warning', `No hay con qué fusionar «${p.title}».`,
      el('p', {}, 'Solo se puede fusionar con otra propuesta aceptada. Acepte primero la que se queda.'));
    return;
  }
  const select = el('select', { class: 'select', id: 'fusionar-con' },
    el('option', { value: '' }, 'Elija la propuesta que se queda'),
    targets.map((t) => el('option', { value: t.id }, `${t.title} (${fmtPesos(t.cost_centavos)})`)));
  const selectErr = el('p', { class: 'field-error', id: 'fusionar-error', hidden: true });
  const into = await ask({
    title: `Fusionar «${p.title}»`,
    body: [
      el('p', {}, 'Úselo cuando dos propuestas piden lo mismo. Esta deja de votarse y queda anotada como parte de la otra.'),
      el('div', { class: 'field' }, el('label', { for: 'fusionar-con' }, 'Fusionar con'), select, selectErr),
    ],
    confirm: 'Fusionar',
    focus: () => select,
    validate: () => {
      if (select.value) return null;
      fieldError(select, selectErr, 'Elija con cuál propuesta se fusiona.');
      select.focus();
      return 'into';
    },
    read: () => select.value,
  });
  if (!into) return;
  const target = byId(into);
  const undo = busy(button, 'Fusionando…');
  try {
    const intoId = /^\d+$/.test(String(into)) ? Number(into) : into;
    await call(`proposals/${encodeURIComponent(p.id)}/merge`, { body: { into: intoId } });
    undo();
    await afterChange(p, 'ok', `Se fusionó «${p.title}» con «${target ? target.title : into}».`);
  } catch (err) {
    undo();
    showError(listStatus, `No se fusionó «${p.title}».`, err);
  }
}

// ---------- Add one ----------

function setupAddForm() {
  const form = document.getElementById('form-propuesta');
  const fields = {
    title: [document.getElementById('prop-titulo'), document.getElementById('prop-titulo-error')],
    description: [document.getElementById('prop-descripcion'), document.getElementById('prop-descripcion-error')],
    category: [document.getElementById('prop-categoria'), document.getElementById('prop-categoria-error')],
    cost_centavos: [document.getElementById('prop-costo'), document.getElementById('prop-costo-error')],
  };
  const source = document.getElementById('prop-origen');
  const submit = document.getElementById('prop-enviar');
  const status = document.getElementById('prop-form-estado');
  for (const [input, errEl] of Object.values(fields)) {
    input.addEventListener('input', () => fieldError(input, errEl, null));
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    for (const [input, errEl] of Object.values(fields)) fieldError(input, errEl, null);
    const title = fields.title[0].value.trim();
    const description = fields.description[0].value.trim();
    const category = fields.category[0].value;
    const cost = parsePesos(fields.cost_centavos[0].value);
    let first = null;
    if (!title) {
      fieldError(...fields.title, 'Escriba el título de la propuesta.');
      first = first || fields.title[0];
    }
    if (!category) {
      fieldError(...fields.category, 'Elija la categoría.');
      first = first || fields.category[0];
    }
    if (cost === null || cost <= 0) {
      fieldError(...fields.cost_centavos, 'Escriba el costo en pesos, mayor que cero (por ejemplo 45,000).');
      first = first || fields.cost_centavos[0];
    } else if (ctx.clinic && Number.isFinite(ctx.clinic.presupuesto_centavos) && cost > ctx.clinic.presupuesto_centavos) {
      fieldError(...fields.cost_centavos,
        `El costo no puede ser mayor que el presupuesto de la unidad (${fmtPesos(ctx.clinic.presupuesto_centavos)}).`);
      first = first || fields.cost_centavos[0];
    }
    if (first) {
      show(status, 'error', 'Falta un dato.', { word: 'Revise:' }, el('p', {}, 'Corrija lo marcado y vuelva a intentar.'));
      first.focus();
      return;
    }
    const undo = busy(submit, 'Agregando…');
    working(status, `Agregando «${title}»…`);
    try {
      const p = await call('proposals', {
        body: { title, description, category, cost_centavos: cost, source: source.value },
      });
      undo();
      form.reset();
      const st = STATUS[p && p.status] ? STATUS[p.status].word.toLowerCase() : null;
      show(status, 'ok', `Se agregó «${p && p.title ? p.title : title}»${st ? ` (${st})` : ''}.`,
        p && p.status === 'pendiente' ? el('p', {}, 'Revísela en la lista para aceptarla o rechazarla.') : null);
      fields.title[0].focus();
      load({ quiet: true });
    } catch (err) {
      undo();
      const target = err.field && fields[err.field === 'costo' ? 'cost_centavos' : err.field];
      if (target) {
        fieldError(...target, err.message);
        target[0].focus();
        show(status, 'error', 'No se agregó la propuesta.', { word: 'Revise:' }, el('p', {}, 'Vea el mensaje junto al campo.'));
      } else {
        showError(status, 'No se agregó la propuesta.', err);
      }
    }
  });
}

// ---------- CSV import ----------

function setupImport() {
  const form = document.getElementById('form-importar');
  const file = document.getElementById('prop-archivo');
  const fileErr = document.getElementById('prop-archivo-error');
  const submit = document.getElementById('prop-importar');
  const status = document.getElementById('prop-importar-estado');
  const fileName = document.getElementById('prop-archivo-nombre');
  const showName = () => {
    const f = file.files && file.files[0];
    fileName.textContent = f ? `Elegido: ${f.name}` : 'Ningún archivo elegido.';
  };
  file.addEventListener('change', () => {
    fieldError(file, fileErr, null);
    replaceChildren(status);
    showName();
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    fieldError(file, fileErr, null);
    const f = file.files && file.files[0];
    if (!f) {
      fieldError(file, fileErr, 'Elija el archivo CSV con las propuestas.');
      file.focus();
      return;
    }
    if (f.size > MAX_CSV_BYTES) {
      fieldError(file, fileErr, 'El archivo es demasiado grande (más de 1 MB). Divídalo en partes.');
      file.focus();
      return;
    }
    const undo = busy(submit, 'Importando…');
    working(status, `Importando «${f.name}»…`);
    try {
      const text = await f.text();
      if (!text.trim()) {
        undo();
        fieldError(file, fileErr, 'El archivo está vacío.');
        replaceChildren(status);
        file.focus();
        return;
      }
      const data = await callText('proposals/import', text, 'text/csv; charset=utf-8');
      undo();
      const n = data && Number.isFinite(data.imported) ? data.imported : 0;
      show(status, 'ok', `Se importaron ${plural(n, 'propuesta', 'propuestas')} de «${f.name}».`,
        el('p', {}, 'Aparecen en la lista de arriba.'));
      form.reset();
      showName();
      load({ quiet: true });
    } catch (err) {
      undo();
      const lines = err.data && Array.isArray(err.data.lines) ? err.data.lines : [];
      if (lines.length) {
        show(status, 'error', `No se importó nada: ${plural(lines.length, 'línea tiene', 'líneas tienen')} problemas.`,
          { word: 'Revise:' },
          el('p', {}, 'Corrija estas líneas en el archivo y vuelva a importarlo completo:'),
          el('ul', { class: 'csv-errors' }, lines.map((l) => el('li', {},
            el('strong', {}, `Línea ${l.line}: `), l.reason))));
      } else {
        showError(status, 'No se importó el archivo.', err);
      }
      file.focus();
    }
  });
}

// ---------- Module ----------

export function init() {
  listEl = document.getElementById('prop-lista');
  listStatus = document.getElementById('prop-estado');
  summaryEl = document.getElementById('prop-resumen');
  filterEl = document.getElementById('prop-filtro');
  filterEl.addEventListener('change', render);
  setupAddForm();
  setupImport();
  on('assembly', ({ assembly, before }) => {
    if (loaded && (!before || before.state !== assembly.state)) render();
  });
}

export function onShow() {
  load();
}

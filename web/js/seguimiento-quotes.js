// A work's quotes: three from different suppliers (or a written exception), one chosen, with a
// public reason when it is not the cheapest. Each quote carries its file (a photo or a PDF),
// uploaded first through the outbox. A wrong RFC check digit is accepted and said kindly.
import { el, icon } from './common.js';
import { fmtDia, fmtPesos, hoyMx, pesosACentavos } from './words.js';
import {
  announce, busy, call, canWrite, emit, fieldError, frase, openFile, refreshed, show, showError, working,
} from './seguimiento-ctx.js';
import { askReason } from './seguimiento-next.js';
import { filePick } from './seguimiento-evidence.js';
import { enqueue, remove, waiting } from './seguimiento-outbox.js';
import { shrinkPhoto } from './seguimiento-photo.js';

const RFC = /^[A-ZÑ&]{3,4}\d{6}[A-Z\d]{3}$/;
const open = (work) => work.state === 'planeado' || work.state === 'cotizando';

function rfcWarning() {
  return el('p', { class: 'rfc-warning' }, icon('warning'),
    ' Revise este RFC: su último carácter (el dígito verificador) no coincide con el resto. '
    + 'Puede ser un error al copiarlo; pida al proveedor que se lo confirme.');
}

function quoteItem(work, q, status) {
  const chosen = work.chosen_quote_id === q.id;
  const badges = [
    chosen ? el('span', { class: 'badge badge-ok' }, icon('ok'), 'Elegida') : null,
    q.cheapest && !q.voided_at ? el('span', { class: 'badge badge-info' }, icon('info'), 'La más barata') : null,
    q.voided_at ? el('span', { class: 'badge' }, icon('error'), 'Anulada') : null,
  ];
  const actions = [];
  if (canWrite() && open(work) && !q.voided_at && !chosen) {
    const b = el('button', { type: 'button', class: 'btn', 'aria-label': `Elegir esta: ${q.supplier}`, onclick: () => choose(work, q, status, b) },
      'Elegir esta');
    actions.push(b);
  }
  if (q.file_sha256) {
    actions.push(el('button', { type: 'button', class: 'btn btn-secondary', onclick: () => openFile(q.file_sha256) },
      'Ver archivo', el('span', { class: 'visually-hidden' }, ` de ${q.supplier}`)));
  }
  if (canWrite() && open(work) && !q.voided_at) {
    const v = el('button', {
      type: 'button', class: 'btn btn-quiet',
      onclick: () => emit('void', { path: `quotes/${q.id}/void`, what: `la cotización de ${q.supplier}`, status, button: v }),
    }, 'Anular', el('span', { class: 'visually-hidden' }, ` la cotización de ${q.supplier}`));
    actions.push(v);
  }
  return el('li', { class: ['quote', chosen && 'is-chosen', q.voided_at && 'is-void'] },
    el('div', { class: 'cluster cluster-between' }, el('p', { class: 'quote-supplier' }, q.supplier), el('p', { class: 'money quote-amount' }, fmtPesos(q.amount_centavos))),
    el('p', { class: 'cluster' }, badges),
    el('p', {}, 'RFC ', el('span', { class: 'mono' }, q.rfc)),
    q.rfc_digit_ok === false && !q.voided_at ? rfcWarning() : null,
    el('p', { class: 'muted' }, `Fecha: ${fmtDia(q.date)}${q.valid_until ? ` · vigente hasta el ${fmtDia(q.valid_until)}` : ''}`),
    q.voided_at && q.void_reason ? el('p', { class: 'muted' }, `Razón de la anulación: ${q.void_reason}`) : null,
    actions.length ? el('div', { class: 'cluster' }, actions) : null);
}

async function choose(work, q, status, button) {
  let reason = null;
  if (!q.cheapest) {
    reason = await askReason({
      title: `Elegir a ${q.supplier}`,
      label: 'Por qué se elige aunque no es la más barata',
      hint: 'Esta razón es pública: la podrá ver cualquier persona. Por ejemplo: entrega en la mitad del tiempo, incluye garantía.',
      confirm: 'Elegir esta cotización',
    });
    if (reason === false) return;
  }
  const undo = busy(button, 'Eligiendo…');
  working(status, 'Guardando la elección…');
  try {
    const updated = await call(`works/${work.id}/choose-quote`, { body: reason ? { quote_id: q.id, reason } : { quote_id: q.id } });
    undo();
    await refreshed();
    show(status, 'ok', frase(`Se eligió la cotización de ${q.supplier}`));
  } catch (err) {
    undo();
    showError(status, 'No se eligió la cotización.', err);
  }
}

/** The section of the detail. */
export function quotesSection(work) {
  const status = el('div', { id: 'cot-estado', role: 'status', 'aria-live': 'polite' });
  const quotes = work.quotes || [];
  const live = quotes.filter((q) => !q.voided_at);
  const pend = waiting(work.id).filter((x) => x.type === 'quote');
  return el('section', { class: 'card stack', id: 'cotizaciones', 'aria-labelledby': 'cot-titulo' },
    el('h2', { id: 'cot-titulo', class: 'card-title', tabindex: '-1' }, 'Cotizaciones'),
    el('p', { class: 'muted' }, `Se necesitan 3 cotizaciones de proveedores distintos, o una excepción por escrito. Hay ${live.length}.`),
    work.quote_exception ? el('div', { class: 'notice notice-info' }, icon('info'), el('div', { class: 'notice-body' },
      el('p', { class: 'notice-title' }, 'Excepción a las tres cotizaciones:'), el('p', {}, work.quote_exception))) : null,
    work.chosen_reason ? el('p', {}, el('strong', {}, 'Razón pública de la elección: '), work.chosen_reason) : null,
    el('ul', { class: 'list-plain stack quote-list', 'aria-label': 'Cotizaciones registradas' },
      pend.map((x) => el('li', { class: 'quote is-pending' }, el('p', {}, x.label, ' '),
        el('span', { class: 'badge badge-warning' }, icon('warning'), 'Pendiente de enviar'))),
      [...live, ...quotes.filter((q) => q.voided_at)].map((q) => quoteItem(work, q, status))),
    status,
    canWrite() && open(work) ? quoteForm(work) : null,
    canWrite() && open(work) ? exceptionForm(work) : null);
}

function field(id, label, input, hint) {
  input.id = id;
  if (hint) input.setAttribute('aria-describedby', `${id}-hint`);
  return el('div', { class: 'field' }, el('label', { for: id }, label),
    hint ? el('p', { id: `${id}-hint`, class: 'hint' }, hint) : null, input,
    el('p', { id: `${id}-error`, class: 'field-error', hidden: true }));
}

function quoteForm(work) {
  const supplier = el('input', { class: 'input', type: 'text', maxlength: '200', autocomplete: 'off' });
  const rfc = el('input', { class: 'input mono', type: 'text', maxlength: '13', autocomplete: 'off', autocapitalize: 'characters', spellcheck: 'false' });
  const amount = el('input', { class: 'input', type: 'text', inputmode: 'decimal', autocomplete: 'off' });
  const date = el('input', { class: 'input', type: 'date', value: hoyMx() });
  const until = el('input', { class: 'input', type: 'date' });
  const pick = filePick({ id: 'cot-archivo', label: 'Archivo de la cotización (foto o PDF)', accept: 'image/*,application/pdf',
    button: 'Elegir foto o PDF' });
  const file = pick.input;
  const status = el('div', { id: 'cot-form-estado', role: 'status', 'aria-live': 'polite' });
  const submit = el('button', { type: 'submit', class: 'btn btn-lg btn-block' }, 'Guardar la cotización');
  const err = (input, text) => fieldError(input, document.getElementById(`${input.id}-error`), text);
  const FIELDS = { supplier, rfc, amount_centavos: amount, date, valid_until: until, file_sha256: file };

  const form = el('form', { class: 'stack sub-form', novalidate: true, 'aria-labelledby': 'cot-form-titulo' },
    el('h3', { id: 'cot-form-titulo' }, 'Agregar una cotización'),
    field('cot-proveedor', 'Proveedor', supplier),
    field('cot-rfc', 'RFC del proveedor', rfc, '12 o 13 letras y números, como está en la cotización.'),
    field('cot-monto', 'Monto total (pesos)', amount, 'Con IVA. Por ejemplo: 45,000 o 45000.50'),
    field('cot-fecha', 'Fecha de la cotización', date),
    field('cot-vigencia', 'Vigente hasta (opcional)', until),
    pick.node,
    submit, status);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = {
      supplier: supplier.value.trim(),
      rfc: rfc.value.trim().toUpperCase().replace(/[\s-]/g, ''),
      amount_centavos: pesosACentavos(amount.value),
      date: date.value,
    };
    if (until.value) body.valid_until = until.value;
    const bad = [];
    if (!body.supplier) bad.push([supplier, 'Escriba el nombre del proveedor.']);
    if (!RFC.test(body.rfc)) bad.push([rfc, 'El RFC tiene 12 letras y números (empresa) o 13 (persona). Revíselo.']);
    if (!body.amount_centavos) bad.push([amount, 'Escriba el monto en pesos, por ejemplo 45,000.']);
    if (!body.date) bad.push([date, 'Escriba la fecha de la cotización.']);
    const picked = pick.file();
    if (!picked) bad.push([file, 'Agregue la foto o el PDF de la cotización.']);
    for (const input of Object.values(FIELDS)) err(input, '');
    for (const [input, text] of bad) err(input, text);
    if (bad.length) {
      show(status, 'error', 'Revise lo marcado.');
      bad[0][0].focus();
      return;
    }
    const undo = busy(submit, 'Guardando…');
    working(status, 'Enviando el archivo y la cotización…');
    const blob = /^image\//.test(picked.type) ? await shrinkPhoto(picked) : picked;
    const out = await enqueue({
      type: 'quote', work_id: work.id, work_title: work.title, label: `Cotización de ${body.supplier}`,
      files: [{ key: 'file_sha256', blob }], body,
    });
    undo();
    if (out.state === 'failed') {
      await remove(out.id);
      const input = FIELDS[out.error && out.error.field];
      if (input) {
        err(input, out.error.message);
        input.focus();
        show(status, 'error', 'No se guardó la cotización.', el('p', {}, 'Vea el mensaje junto al campo.'));
      } else showError(status, 'No se guardó la cotización.', out.error);
      return;
    }
    form.reset();
    date.value = hoyMx();
    pick.clear();
    if (out.state === 'pending') {
      show(status, 'warning', 'Sin conexión: la cotización quedó guardada en este teléfono.', { word: 'Pendiente:' },
        el('p', {}, 'Se enviará sola al reconectar.'));
      return;
    }
    const warned = out.answer && Array.isArray(out.answer.warnings) && out.answer.warnings.includes('rfc_digit');
    await refreshed();
    show(status, warned ? 'warning' : 'ok', frase(`Se guardó la cotización de ${body.supplier}`),
      { word: warned ? 'Guardada; revise el RFC:' : 'Listo:' }, warned ? rfcWarning() : null);
    announce(frase(`Se guardó la cotización de ${body.supplier}`));
  });
  return el('details', { class: 'sub-details', open: work.state === 'cotizando' || work.state === 'planeado' ? true : null },
    el('summary', {}, 'Agregar una cotización'), form);
}

function exceptionForm(work) {
  const text = el('textarea', { class: 'textarea', id: 'cot-excepcion', maxlength: '1000', rows: '3', 'aria-describedby': 'cot-excepcion-hint' });
  // The exception that stands is in the box, so it is amended, not written again from nothing.
  text.value = work.quote_exception || '';
  const error = el('p', { id: 'cot-excepcion-error', class: 'field-error', hidden: true });
  const status = el('div', { id: 'cot-exc-estado', role: 'status', 'aria-live': 'polite' });
  const submit = el('button', { type: 'submit', class: 'btn btn-secondary' }, 'Guardar la excepción');
  const form = el('form', { class: 'stack', novalidate: true },
    el('div', { class: 'field' }, el('label', { for: 'cot-excepcion' }, 'Por qué no hay tres cotizaciones'),
      el('p', { id: 'cot-excepcion-hint', class: 'hint' }, 'Es pública. Por ejemplo: solo un proveedor vende este equipo en la región.'),
      text, error),
    submit, status);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!text.value.trim()) {
      fieldError(text, error, 'Escriba la razón de la excepción.');
      text.focus();
      return;
    }
    fieldError(text, error, '');
    const undo = busy(submit, 'Guardando…');
    try {
      const updated = await call(`works/${work.id}/quote-exception`, { body: { text: text.value.trim() } });
      undo();
      await refreshed();
      show(status, 'ok', 'Se guardó la excepción.');
    } catch (err) {
      undo();
      showError(status, 'No se guardó la excepción.', err);
    }
  });
  return el('details', { class: 'sub-details' }, el('summary', {}, 'No hay tres proveedores: escribir la excepción'), form);
}

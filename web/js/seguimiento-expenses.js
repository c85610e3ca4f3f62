// A work's expenses: tesorería uploads the CFDI's XML, its PDF and, if there is one, the proof of
// payment; the server reads the invoice (supplier, total, folio fiscal) and refuses a reused
// folio, more than the contract or more than the clinic's money, each in its own words.
import { el, icon } from './common.js';
import { fmtDia, fmtPesos } from './words.js';
import {
  announce, busy, canWrite, emit, fieldError, isTreasury, openFile, refreshed, show, showError, working,
} from './seguimiento-ctx.js';
import { filePick } from './seguimiento-evidence.js';
import { enqueue, remove, waiting } from './seguimiento-outbox.js';
import { shrinkPhoto } from './seguimiento-photo.js';

const OPEN = ['contratado', 'en_ejecucion', 'entregado'];

function fileBtn(sha, text, who) {
  return sha ? el('button', { type: 'button', class: 'btn btn-secondary', onclick: () => openFile(sha) },
    text, el('span', { class: 'visually-hidden' }, ` de ${who}`)) : null;
}

function expenseItem(work, x, status) {
  const who = x.emisor_nombre || x.emisor_rfc || 'la factura';
  const actions = [fileBtn(x.xml_sha256, 'Ver XML', who), fileBtn(x.pdf_sha256, 'Ver PDF', who),
    fileBtn(x.payment_sha256, 'Ver pago', who)];
  if (isTreasury() && !x.voided_at) {
    const v = el('button', {
      type: 'button', class: 'btn btn-quiet',
      onclick: () => emit('void', { path: `expenses/${x.id}/void`, what: `la factura de ${who}`, status, button: v }),
    }, 'Anular', el('span', { class: 'visually-hidden' }, ` la factura de ${who}`));
    actions.push(v);
  }
  return el('li', { class: ['expense', x.voided_at && 'is-void'] },
    el('div', { class: 'cluster cluster-between' }, el('p', { class: 'quote-supplier' }, who),
      el('p', { class: 'money quote-amount' }, fmtPesos(x.amount_centavos))),
    x.voided_at ? el('p', {}, el('span', { class: 'badge' }, icon('error'), 'Anulada'), x.void_reason ? ` ${x.void_reason}` : '') : null,
    el('p', {}, 'RFC ', el('span', { class: 'mono' }, x.emisor_rfc || '')),
    x.fecha ? el('p', { class: 'muted' }, `Fecha de la factura: ${fmtDia(x.fecha)}`) : null,
    el('p', { class: 'muted' }, 'Folio fiscal: ', el('span', { class: 'mono hash' }, x.cfdi_uuid || '')),
    el('div', { class: 'cluster' }, actions));
}

export function expensesSection(work) {
  const status = el('div', { id: 'gasto-estado', role: 'status', 'aria-live': 'polite' });
  const list = work.expenses || [];
  const pend = waiting(work.id).filter((x) => x.type === 'expense');
  let form = null;
  if (isTreasury() && OPEN.includes(work.state)) form = expenseForm(work);
  else if (isTreasury()) form = el('p', { class: 'muted' }, 'Las facturas se registran cuando la obra está contratada, en ejecución o entregada.');
  else if (canWrite()) form = el('p', { class: 'muted' }, 'Solo la tesorería del COSABI registra las facturas.');
  return el('section', { class: 'card stack', id: 'gastos', 'aria-labelledby': 'gastos-titulo' },
    el('h2', { id: 'gastos-titulo', class: 'card-title', tabindex: '-1' }, 'Gastos (facturas)'),
    !list.length && !pend.length ? el('p', { class: 'muted' }, 'Todavía no hay facturas.') : null,
    el('ul', { class: 'list-plain stack quote-list', 'aria-label': 'Facturas registradas' },
      pend.map((x) => el('li', { class: 'expense is-pending' }, el('p', {}, x.label, ' '),
        el('span', { class: 'badge badge-warning' }, icon('warning'), 'Pendiente de enviar'))),
      [...list.filter((x) => !x.voided_at), ...list.filter((x) => x.voided_at)].map((x) => expenseItem(work, x, status))),
    status, form);
}

function expenseForm(work) {
  const xml = filePick({ id: 'gasto-xml', label: 'Factura (CFDI): el archivo XML', accept: '.xml,text/xml,application/xml',
    hint: 'El que le envió el proveedor por correo; termina en .xml.' });
  const pdf = filePick({ id: 'gasto-pdf', label: 'La misma factura en PDF', accept: 'application/pdf,.pdf' });
  const pay = filePick({ id: 'gasto-pago', label: 'Comprobante de pago (opcional)', accept: 'image/*,application/pdf',
    hint: 'La transferencia o el recibo: foto o PDF.' });
  const status = el('div', { id: 'gasto-form-estado', role: 'status', 'aria-live': 'polite' });
  const submit = el('button', { type: 'submit', class: 'btn btn-lg btn-block' }, 'Registrar el gasto');
  const err = (p, text) => fieldError(p.input, document.getElementById(`${p.input.id}-error`), text);
  const FIELDS = { xml_sha256: xml, pdf_sha256: pdf, payment_sha256: pay };
  const form = el('form', { class: 'stack sub-form', novalidate: true, 'aria-labelledby': 'gasto-form-titulo' },
    el('h3', { id: 'gasto-form-titulo' }, 'Registrar un gasto'),
    el('p', { class: 'muted' }, 'El sistema lee de la factura el proveedor, el total y el folio fiscal. No puede pasar del monto contratado ni del saldo.'),
    xml.node, pdf.node, pay.node, submit, status);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    for (const p of Object.values(FIELDS)) err(p, '');
    const bad = [];
    if (!xml.file()) bad.push([xml, 'Agregue el XML de la factura.']);
    if (!pdf.file()) bad.push([pdf, 'Agregue el PDF de la factura.']);
    for (const [p, text] of bad) err(p, text);
    if (bad.length) {
      show(status, 'error', 'Revise lo marcado.');
      bad[0][0].input.focus();
      return;
    }
    const files = [{ key: 'xml_sha256', blob: xml.file() }, { key: 'pdf_sha256', blob: pdf.file() }];
    if (pay.file()) {
      const proof = pay.file();
      files.push({ key: 'payment_sha256', blob: /^image\//.test(proof.type) ? await shrinkPhoto(proof) : proof });
    }
    const undo = busy(submit, 'Registrando…');
    working(status, 'Enviando la factura…');
    const out = await enqueue({ type: 'expense', work_id: work.id, work_title: work.title, label: 'Factura', files, body: {} });
    undo();
    if (out.state === 'failed') {
      await remove(out.id);
      showError(status, 'No se registró el gasto.', out.error);
      const p = FIELDS[out.error && out.error.field];
      if (p) err(p, out.error.message);
      return;
    }
    for (const p of Object.values(FIELDS)) p.clear();
    if (out.state === 'pending') {
      show(status, 'warning', 'Sin conexión: la factura quedó guardada en este teléfono.', { word: 'Pendiente:' },
        el('p', {}, 'Se enviará sola al reconectar.'));
      return;
    }
    const w = out.answer && out.answer.work;
    const x = w && (w.expenses || []).find((e) => e.id === out.answer.id);
    await refreshed();
    show(status, 'ok', x ? `Se registró la factura de ${x.emisor_nombre || x.emisor_rfc} por ${fmtPesos(x.amount_centavos)}.` : 'Se registró el gasto.',
      x ? el('p', {}, `RFC ${x.emisor_rfc}. Folio fiscal: `, el('span', { class: 'mono hash' }, x.cfdi_uuid)) : null);
    announce('Se registró el gasto.');
  });
  return form;
}

// A work's next step in words ("Faltan 2 cotizaciones") and the one big button that does it:
// a move, the confirmation, the camera for the «después» photo, the acta's file, or the way to
// the quotes in the work's detail. Shared by the board's cards and the detail.
import { el, icon } from './common.js';
import { WORK_STATE } from './words.js';
import {
  announce, ask, busy, call, canWrite, ctx, emit, fieldError, refreshed, show, showError, working,
} from './seguimiento-ctx.js';
import { addEvidence, fileButton } from './seguimiento-evidence.js';

/** POST move; detenido and cancelado ask for the reason first. */
export async function moveWork(work, to, status, button) {
  let reason;
  if (to === 'detenido' || to === 'cancelado') {
    reason = await askReason(to === 'detenido'
      ? { title: `Detener «${work.title}»`, label: 'Por qué se detiene', confirm: 'Detener la obra',
        hint: 'Se verá en el historial. Podrá reanudarla después.' }
      : { title: `Cancelar «${work.title}»`, label: 'Por qué se cancela', confirm: 'Cancelar la obra',
        hint: 'Se verá en el historial. El dinero que no se gastó regresa al saldo de la unidad. No se puede deshacer.', danger: true });
    if (reason === false) return;
  }
  const undo = button ? busy(button, 'Guardando…') : () => {};
  working(status, 'Guardando el cambio…');
  try {
    const updated = await call(`works/${work.id}/move`, { body: reason ? { to, reason } : { to } });
    undo();
    await refreshed();
    show(status, 'ok', `«${work.title}» ahora está: ${updated.state_label || WORK_STATE[to] || to}.`);
    announce(`«${work.title}» ahora está: ${updated.state_label || WORK_STATE[to] || to}.`);
  } catch (err) {
    undo();
    showError(status, 'No se cambió el estado.', err);
  }
}

export async function confirmWork(work, status, button) {
  const undo = busy(button, 'Confirmando…');
  working(status, 'Guardando su confirmación…');
  try {
    const updated = await call(`works/${work.id}/confirm`, { method: 'POST', body: {} });
    undo();
    await refreshed();
    show(status, 'ok', updated.state === 'verificado'
      ? `Quedó confirmada la entrega. «${work.title}» está verificada.`
      : 'Quedó registrada su confirmación. Falta la de un integrante con otro cargo.');
  } catch (err) {
    undo();
    showError(status, 'No se registró la confirmación.', err);
  }
}

/** A dialog with one required text; resolves the text, or false when cancelled. */
export async function askReason({ title, label, hint, confirm, danger = false }) {
  const input = el('textarea', { class: 'textarea', id: 'razon', maxlength: '500', rows: '3', 'aria-describedby': 'razon-hint' });
  const error = el('p', { id: 'razon-error', class: 'field-error', hidden: true });
  input.addEventListener('input', () => { if (input.value.trim()) fieldError(input, error, ''); });
  const out = await ask({
    title,
    confirm,
    danger,
    body: [el('div', { class: 'field' }, el('label', { for: 'razon' }, label),
      el('p', { id: 'razon-hint', class: 'hint' }, hint), input, error)],
    focus: () => input,
    validate: () => {
      if (input.value.trim()) return null;
      fieldError(input, error, 'Escriba la razón.');
      input.focus();
      return 'falta';
    },
    read: () => input.value.trim(),
  });
  return out === false ? false : out;
}

/**
 * The step in words and its button. `where`: 'card' (the board) or 'detail'. `status`: the
 * live region that tells what happened.
 */
export function nextStep(work, status, where) {
  const step = Array.isArray(work.next) ? work.next[0] : null;
  if (!step) {
    return el('p', { class: 'next-step next-done' }, icon('ok'), ' ',
      work.state === 'cancelado' ? 'Obra cancelada: no hay más pasos.' : 'Terminada: no faltan pasos.');
  }
  const words = el('p', { class: 'next-step' }, el('span', { class: 'next-label' }, 'Siguiente paso: '), step.text);
  if (!canWrite()) return words;
  return el('div', { class: 'stack-sm' }, words, nextButton(work, step, status, where));
}

function nextButton(work, step, status, where) {
  const big = 'btn btn-lg btn-block';
  const named = (text) => `${text}: ${work.title}`;
  const code = step.code || '';
  // After a card's button did its job the board is drawn again: the focus returns to that card.
  if (where === 'card') ctx.lastCard = work.id;
  if (code.startsWith('move_') || code === 'resume') {
    const to = code === 'resume' ? work.resumes_to : code.slice(5);
    const b = el('button', { type: 'button', class: big, 'aria-label': where === 'card' ? named(step.text) : null,
      onclick: () => moveWork(work, to, status, b) }, step.text);
    return b;
  }
  if (code === 'confirmations_missing') {
    const mine = ctx.board.viewer.role && (work.confirmed_roles || []).includes(ctx.board.viewer.role);
    if (mine) {
      // Pressing it again would only be refused: say whose confirmation is still missing.
      return el('p', { class: 'muted confirm-wait' }, `Ya confirmó ${ctx.board.viewer.role_label || 'su cargo'}. `
        + 'Falta que confirme alguien del COSABI con otro cargo.');
    }
    const b = el('button', { type: 'button', class: big, 'aria-label': where === 'card' ? named('Confirmar que se entregó') : null,
      onclick: () => confirmWork(work, status, b) }, 'Confirmar que se entregó');
    return b;
  }
  if (code === 'photo_after_missing') {
    return fileButton({ text: 'Agregar foto de después', camera: true, big: true, label: where === 'card' ? named('Agregar foto de después') : null,
      onfile: (file) => addEvidence(work, 'foto_despues', file, { status }) });
  }
  if (code === 'entrega_recepcion_missing') {
    return fileButton({ text: 'Subir el acta de entrega-recepción', accept: 'application/pdf,image/*', big: true,
      label: where === 'card' ? named('Subir el acta de entrega-recepción') : null,
      onfile: (file) => addEvidence(work, 'entrega_recepcion', file, { status }) });
  }
  if (code === 'quotes_missing' || code === 'quote_not_chosen') {
    const text = code === 'quotes_missing' ? 'Agregar una cotización' : 'Elegir una cotización';
    if (where === 'card') {
      return el('a', { class: big, href: `#obra-${work.id}/cotizaciones`, 'aria-label': named(text) }, text);
    }
    return el('button', { type: 'button', class: big, onclick: () => emit('goto', 'cotizaciones') }, text);
  }
  return el('a', { class: big, href: `#obra-${work.id}` }, 'Ver qué falta');
}


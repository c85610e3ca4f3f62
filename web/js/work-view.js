// How a work and a clinic's spending are drawn, on the committee's page and on the clinic's
// public page alike: the state badge, the six steps, the ledger's figures, the proof score and
// the deadline. No state of its own.
import { el, notice } from './common.js';
import { WORK_STATE, WORK_STEPS, fmtDia, fmtNumero, fmtPesos } from './words.js';

const STATE_ICON = {
  planeado: 'icon-state-convocada', cotizando: 'icon-state-registro', contratado: 'icon-contract',
  en_ejecucion: 'icon-state-sesion', entregado: 'icon-ok', verificado: 'icon-verified',
  detenido: 'icon-state-suspendida', cancelado: 'icon-error',
};

/** A work's state: icon + word (the colour is a third cue only). */
export function workBadge(work) {
  const known = Object.hasOwn(WORK_STATE, work.state);
  return el('span', { class: ['state-badge', 'work-badge', `work-${known ? work.state : 'otro'}`] },
    el('span', { class: `icon ${STATE_ICON[work.state] || 'icon-info'}`, 'aria-hidden': 'true' }),
    work.state_label || WORK_STATE[work.state] || work.state);
}

/** Where the work stands on the six steps (a detenido one at the step it left). */
export function stepIndex(work) {
  const at = work.state === 'detenido' ? work.resumes_to : work.state;
  return WORK_STEPS.indexOf(at);
}

/** The compact bar of a card: "Paso 3 de 6" and six segments. */
export function stepsBar(work) {
  const i = stepIndex(work);
  const words = work.state === 'cancelado' ? 'Cancelada'
    : i < 0 ? '' : `Paso ${i + 1} de ${WORK_STEPS.length}${work.state === 'detenido' ? ' (detenida)' : ''}`;
  return el('div', { class: 'steps-bar' },
    el('p', { class: 'steps-words' }, words),
    el('ol', { class: 'steps-dots', 'aria-hidden': 'true' }, WORK_STEPS.map((s, k) => el('li', {
      class: [(k < i || work.state === 'verificado') && 'done', k === i && work.state !== 'verificado' && 'current'],
    }))));
}

/** The ledger's figures as <dt>/<dd> pairs (inside a <dl>). */
export function money(m, keys) {
  const words = {
    asignado_centavos: 'Asignado', comprometido_centavos: 'Comprometido', ejercido_centavos: 'Ejercido',
    comprobado_centavos: 'Comprobado', saldo_centavos: 'Saldo',
  };
  return keys.map((k) => el('div', { class: `money-item money-${k.replace('_centavos', '')}` },
    el('dt', {}, words[k]), el('dd', { class: 'money' }, fmtPesos((m || {})[k] || 0))));
}

/** A bar with its words and numbers: the words carry everything, the bar is a picture. */
function scoreBar(id, words, detail, percent) {
  const bar = percent === null || percent === undefined ? null
    : el('progress', { id, max: '100', value: String(Math.max(0, Math.min(100, percent))), 'aria-labelledby': `${id}-t` });
  return el('div', { class: 'score' }, el('p', { class: 'score-words', id: `${id}-t` }, words), bar,
    detail ? el('p', { class: 'muted' }, detail) : null);
}

const DEADLINE = {
  lejos: ['info', 'Plazo:'], cerca: ['info', 'Plazo:'], urgente: ['warning', 'Urgente:'], vencido: ['error', 'Vencido:'],
};

/** The proving deadline as a notice (null without one): how near it is, and the date. */
export function deadlineNotice(board) {
  const d = board.deadline_status;
  if (!d) return null;
  const [kind, word] = DEADLINE[d.level] || DEADLINE.lejos;
  return el('div', { class: `deadline deadline-${d.level}` }, notice(kind, d.text, { word },
    el('p', {}, `Fecha límite para comprobar: ${fmtDia(board.deadline)}.`)));
}

/** The proof score as two bars with their words; ids start with `prefix`. */
export function proofBars(board, prefix) {
  const s = board.score || {};
  const proven = s.proven_percent === null || s.proven_percent === undefined
    ? scoreBar(`${prefix}-dinero`, 'Comprobado: todavía no hay gastos.', null, null)
    : scoreBar(`${prefix}-dinero`, `Comprobado: ${fmtNumero(s.proven_percent)} % del dinero gastado`,
      `${fmtPesos(s.proven_centavos)} comprobados de ${fmtPesos(s.spent_centavos)} gastados.`, s.proven_percent);
  const photos = s.delivered
    ? scoreBar(`${prefix}-fotos`, `Fotos antes y después: ${fmtNumero(s.delivered_with_photos)} de ${fmtNumero(s.delivered)} ${s.delivered === 1 ? 'obra entregada' : 'obras entregadas'}`,
      null, s.photos_percent)
    : scoreBar(`${prefix}-fotos`, 'Fotos antes y después: todavía no hay obras entregadas.', null, null);
  return [proven, photos];
}

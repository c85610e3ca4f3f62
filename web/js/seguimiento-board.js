// The board: who is looking, the deadline, the clinic's cuadernillo, the proof score and the
// works as cards (state, the six steps, money, the next step in words and its button).
import { el, notice, replaceChildren } from './common.js';
import { CATEGORY, WORK_STATE, WORK_STEPS, fmtDia, fmtPesos, fmtNumero } from './words.js';
import { canWrite, ctx, openReport } from './seguimiento-ctx.js';
import { nextStep } from './seguimiento-next.js';
import { renderCoordination } from './seguimiento-coordinacion.js';

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

function money(m, keys) {
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

function renderScore(board) {
  const s = board.score || {};
  const proven = s.proven_percent === null || s.proven_percent === undefined
    ? scoreBar('prueba-dinero', 'Comprobado: todavía no hay gastos.', null, null)
    : scoreBar('prueba-dinero', `Comprobado: ${fmtNumero(s.proven_percent)} % del dinero gastado`,
      `${fmtPesos(s.proven_centavos)} comprobados de ${fmtPesos(s.spent_centavos)} gastados.`, s.proven_percent);
  const photos = s.delivered
    ? scoreBar('prueba-fotos', `Fotos antes y después: ${fmtNumero(s.delivered_with_photos)} de ${fmtNumero(s.delivered)} ${s.delivered === 1 ? 'obra entregada' : 'obras entregadas'}`,
      null, s.photos_percent)
    : scoreBar('prueba-fotos', 'Fotos antes y después: todavía no hay obras entregadas.', null, null);
  replaceChildren(document.getElementById('prueba'), proven, photos,
    el('p', {}, el('button', { type: 'button', class: 'btn btn-secondary', onclick: openReport },
      `Ver el informe ${board.edition || ''} (PDF)`.replace('  ', ' '))));
}

const DEADLINE = {
  lejos: ['info', 'Plazo:'], cerca: ['info', 'Plazo:'], urgente: ['warning', 'Urgente:'], vencido: ['error', 'Vencido:'],
};

function renderDeadline(board) {
  const d = board.deadline_status;
  const box = document.getElementById('plazo');
  if (!d) { replaceChildren(box); return; }
  const [kind, word] = DEADLINE[d.level] || DEADLINE.lejos;
  replaceChildren(box, el('div', { class: `deadline deadline-${d.level}` }, notice(kind, d.text, { word },
    el('p', {}, `Fecha límite para comprobar: ${fmtDia(board.deadline)}.`))));
}

function workCard(work) {
  const status = document.getElementById('obras-estado');
  return el('li', { class: ['card', 'work-card', `card-${work.state}`], id: `tarjeta-${work.id}` },
    el('h3', { class: 'card-title work-title' }, el('a', { href: `#obra-${work.id}` }, work.title)),
    el('div', { class: 'cluster' }, workBadge(work),
      el('span', { class: 'muted' }, work.category_label || CATEGORY[work.category] || work.category,
        work.quantity > 1 ? ` · ${fmtNumero(work.quantity)} piezas` : '')),
    stepsBar(work),
    el('dl', { class: 'money-pair' }, money(work.money, ['asignado_centavos', 'ejercido_centavos'])),
    nextStep(work, status, 'card'),
    el('p', {}, el('a', { class: 'more-link', href: `#obra-${work.id}` }, 'Ver todo', el('span', { class: 'visually-hidden' }, ` de ${work.title}`))));
}

export function renderBoard() {
  const b = ctx.board;
  const v = b.viewer || {};
  const who = document.getElementById('quien');
  const clinic = ctx.clinic ? ctx.clinic.nombre : ctx.clues;
  document.getElementById('titulo').textContent = `Seguimiento de obras ${b.edition || ''}`.trim();
  document.title = `Seguimiento ${b.edition || ''}: ${clinic}: La Clínica es Nuestra`;
  if (canWrite()) {
    replaceChildren(who, el('p', { class: 'muted' }, `${clinic}. Usted registra como ${v.role_label || 'integrante'} del COSABI.`));
  } else {
    const committee = ctx.user && ctx.user.role === 'committee';
    replaceChildren(who, notice('info', 'Puede ver el avance, pero no cambiarlo.', { word: 'Solo lectura:' },
      el('p', {}, 'Registran cotizaciones, fotos y confirmaciones las personas del COSABI de esta unidad; las facturas, su tesorería.'),
      committee ? el('p', {}, 'Su usuario no corresponde a un integrante del COSABI actual de esta unidad. '
        + 'Si la asamblea le eligió, pida a la mesa un código de invitación nuevo.') : null));
  }

  const editions = Array.isArray(b.editions) ? b.editions : [];
  const form = document.getElementById('form-edicion');
  form.hidden = editions.length < 2;
  const select = document.getElementById('edicion');
  replaceChildren(select, editions.map((e) => el('option', { value: String(e), selected: e === b.edition }, String(e))));

  renderDeadline(b);
  replaceChildren(document.getElementById('dinero'), money(b.money,
    ['asignado_centavos', 'comprometido_centavos', 'ejercido_centavos', 'comprobado_centavos', 'saldo_centavos']));
  renderScore(b);
  const works = Array.isArray(b.works) ? b.works : [];
  replaceChildren(document.getElementById('obras'), works.length ? works.map(workCard)
    : el('li', {}, el('p', { class: 'muted' }, 'Esta asamblea no tiene obras. Las obras salen de las propuestas elegidas en la votación del presupuesto.')));
  renderCoordination();
}


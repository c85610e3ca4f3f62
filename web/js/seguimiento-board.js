// The board: who is looking, the deadline, the clinic's cuadernillo, the proof score and the
// works as cards (state, the six steps, money, the next step in words and its button).
import { el, notice, replaceChildren } from './common.js';
import { CATEGORY, fmtNumero } from './words.js';
import { deadlineNotice, money, proofBars, stepsBar, workBadge } from './work-view.js';
import { canWrite, ctx, openReport } from './seguimiento-ctx.js';
import { nextStep } from './seguimiento-next.js';
import { renderCoordination } from './seguimiento-coordinacion.js';

function renderScore(board) {
  replaceChildren(document.getElementById('prueba'), ...proofBars(board, 'prueba'),
    el('p', {}, el('button', { type: 'button', class: 'btn btn-secondary', onclick: openReport },
      `Ver el informe ${board.edition || ''} (PDF)`.replace('  ', ' '))));
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

function toCoordination() {
  const details = document.querySelector('#coordinacion details');
  if (!details) return;
  details.open = true;
  details.scrollIntoView({ block: 'start' });
  details.querySelector('summary').focus();
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
    // Read only: the moderator and the coordination (a committee login without a current seat
    // is refused by the server and never gets here).
    replaceChildren(who, notice('info', 'Puede ver el avance, pero no cambiarlo.', { word: 'Solo lectura:' },
      el('p', {}, 'Registran cotizaciones, fotos y confirmaciones las personas del COSABI de esta unidad; las facturas, su tesorería.'),
      // The coordinator's one write sits at the end of a long board: say so, and take them there.
      ctx.user && ctx.user.role === 'coordinator' ? el('p', {}, 'La coordinación sí puede agregar una obra que no salió de la votación. ',
        el('button', { type: 'button', class: 'btn btn-secondary', onclick: toCoordination }, 'Agregar una obra')) : null));
  }

  const editions = Array.isArray(b.editions) ? b.editions : [];
  const form = document.getElementById('form-edicion');
  form.hidden = editions.length < 2;
  const select = document.getElementById('edicion');
  replaceChildren(select, editions.map((e) => el('option', { value: String(e), selected: e === b.edition }, String(e))));

  replaceChildren(document.getElementById('plazo'), deadlineNotice(b));
  replaceChildren(document.getElementById('dinero'), money(b.money,
    ['asignado_centavos', 'comprometido_centavos', 'ejercido_centavos', 'comprobado_centavos', 'saldo_centavos']));
  renderScore(b);
  const works = Array.isArray(b.works) ? b.works : [];
  replaceChildren(document.getElementById('obras'), works.length ? works.map(workCard)
    : el('li', {}, el('p', { class: 'muted' }, 'Esta asamblea no tiene obras. Las obras salen de las propuestas elegidas en la votación del presupuesto.')));
  renderCoordination();
}


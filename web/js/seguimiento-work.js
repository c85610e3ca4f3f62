// One work's detail (#obra-{id}): its state and six steps, the next step and its button, its
// money, then quotes, photos and documents, expenses, confirmations, equipment, notes, state
// moves and the timeline. Drawn again after each change; status lines and focus survive it.
import { el, icon, replaceChildren } from './common.js';
import { CATEGORY, WORK_STATE, WORK_STEPS, fmtPesos } from './words.js';
import { busy, call, ctx, emit, frase, on, refreshed, show, showError } from './seguimiento-ctx.js';
import { stepIndex, workBadge } from './work-view.js';
import { askReason, nextStep } from './seguimiento-next.js';
import { quotesSection } from './seguimiento-quotes.js';
import { evidenceSection } from './seguimiento-evidence.js';
import { expensesSection } from './seguimiento-expenses.js';
import {
  confirmationsSection, equipmentSection, movesSection, notesSection, timelineSection,
} from './seguimiento-more.js';

const root = () => document.getElementById('obra');

function steps(work) {
  const i = stepIndex(work);
  return el('ol', { class: 'steps-full', 'aria-label': 'Pasos de la obra' }, WORK_STEPS.map((s, k) => {
    const done = k < i || (work.state === 'verificado' && k === i);
    const current = k === i && work.state !== 'verificado';
    return el('li', { class: [done && 'done', current && 'current'], 'aria-current': current ? 'step' : null },
      el('span', { class: 'step-mark', 'aria-hidden': 'true' }, done ? '✓' : String(k + 1)),
      el('span', {}, WORK_STATE[s], done ? el('span', { class: 'visually-hidden' }, ' (hecho)') : null,
        current ? el('span', { class: 'visually-hidden' }, ' (paso actual)') : null));
  }));
}

function moneySection(work) {
  const m = work.money || {};
  const rows = [['Asignado', m.asignado_centavos ?? work.approved_centavos], ['Comprometido', m.comprometido_centavos],
    ['Ejercido', m.ejercido_centavos], ['Comprobado', m.comprobado_centavos], ['Saldo', m.saldo_centavos]];
  return el('section', { class: 'card stack', 'aria-labelledby': 'obra-dinero-titulo' },
    el('h2', { id: 'obra-dinero-titulo', class: 'card-title' }, 'Dinero de esta obra'),
    el('dl', { class: 'money-list' }, rows.map(([k, v]) => el('div', { class: 'money-item' },
      el('dt', {}, k), el('dd', { class: 'money' }, fmtPesos(v || 0))))));
}

/** Draws the detail of ctx.work, keeping what the status lines said and where the focus was. */
export function renderWork({ focusTitle = false } = {}) {
  const work = ctx.work;
  const box = root();
  const kept = new Map([...box.querySelectorAll('[role="status"][id]')].map((n) => [n.id, [...n.childNodes]]));
  const active = document.activeElement && box.contains(document.activeElement) ? document.activeElement : null;
  const focusId = active ? active.id : null;
  // A button that was busy lost the focus to <body>: the last section the person was in.
  const lostFocus = !active && (!document.activeElement || document.activeElement === document.body);
  const focusSection = active && active.closest('section[id]') ? active.closest('section[id]').id
    : lostFocus ? lastSection : null;
  const openDetails = new Set([...box.querySelectorAll('details[open] > summary')].map((s) => s.textContent));
  const typed = new Map([...box.querySelectorAll('input[id]:not([type="file"]), textarea[id], select[id]')]
    .map((n) => [n.id, n.type === 'checkbox' || n.type === 'radio' ? n.checked : n.value]));
  const status = el('div', { id: 'obra-estado', role: 'status', 'aria-live': 'polite' });
  document.title = `${work.title}: Seguimiento: La Clínica es Nuestra`;
  replaceChildren(box,
    el('p', {}, el('a', { class: 'back-link', href: '#', id: 'volver', onclick: back }, 'Volver a las obras')),
    el('div', { class: 'page-head' },
      el('h1', { id: 'obra-titulo', tabindex: '-1' }, work.title),
      el('div', { class: 'cluster' }, workBadge(work),
        el('span', { class: 'muted' }, work.category_label || CATEGORY[work.category] || work.category)),
      work.origin === 'coordinacion' && work.origin_reason
        ? el('p', { class: 'muted' }, `Agregada por la coordinación: ${work.origin_reason}`) : null,
      work.state === 'detenido' && work.resumes_to
        ? el('p', {}, icon('warning'), ` Detenida. Al reanudar vuelve a: ${WORK_STATE[work.resumes_to] || work.resumes_to}.`) : null),
    steps(work),
    el('section', { class: 'card card-highlight stack', id: 'siguiente-paso', 'aria-label': 'Siguiente paso', tabindex: '-1' },
      nextStep(work, status, 'detail'), status),
    moneySection(work),
    quotesSection(work),
    evidenceSection(work),
    expensesSection(work),
    confirmationsSection(work),
    equipmentSection(work),
    notesSection(work),
    movesSection(work),
    timelineSection(work));
  for (const [id, nodes] of kept) {
    const n = document.getElementById(id);
    if (n && nodes.length) replaceChildren(n, nodes);
  }
  for (const [id, value] of typed) {
    const n = document.getElementById(id);
    if (!n || !box.contains(n)) continue;
    if (typeof value === 'boolean') n.checked = value;
    else n.value = value;
  }
  for (const s of box.querySelectorAll('details > summary')) {
    if (openDetails.has(s.textContent)) s.parentElement.open = true;
  }
  // Back where the person was: the same control, else its section (a button that did its job
  // is gone: the section's heading, or the next step, takes the focus).
  const again = focusId && document.getElementById(focusId);
  const section = focusSection && document.getElementById(focusSection);
  if (focusTitle) document.getElementById('obra-titulo').focus();
  else if (again) again.focus();
  else if (section) (section.querySelector('h2[tabindex]') || section).focus();
}

function back(event) {
  event.preventDefault();
  if (ctx.fromBoard) history.back();
  else {
    history.pushState(null, '', location.pathname);
    emit('route');
  }
}

let lastSection = null;
document.getElementById('obra').addEventListener('focusin', (event) => {
  const section = event.target.closest && event.target.closest('section[id]');
  if (section) lastSection = section.id;
});

/** Scrolls to a section of the detail (after #obra-12/cotizaciones) and moves the focus there. */
export function gotoSection(name) {
  const section = document.getElementById(name);
  if (!section) return;
  const details = section.querySelector('details');
  if (details) details.open = true;
  const heading = section.querySelector('h2');
  section.scrollIntoView({ block: 'start' });
  (heading || section).focus();
}

// Voiding a quote, a piece of evidence or an expense: always with a reason.
on('void', async ({ path, what, status, button }) => {
  const reason = await askReason({
    title: `Anular ${what}`, label: 'Por qué se anula', confirm: 'Anular',
    hint: 'Nada se borra: queda a la vista como anulado, con esta razón.', danger: true,
  });
  if (reason === false) return;
  const undo = busy(button, 'Anulando…');
  try {
    const updated = await call(path, { body: { reason } });
    undo();
    await refreshed();
    show(status, 'ok', frase(`Se anuló ${what}`));
  } catch (err) {
    undo();
    showError(status, 'No se anuló.', err);
  }
});

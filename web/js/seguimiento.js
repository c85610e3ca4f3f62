// /c/{clues}/seguimiento: the COSABI's follow-up on the phone. Login check (back here after
// entering), the board, one work's detail at #obra-{id} (the back button works), and the
// outbox that sends what the network dropped. Read only for moderation and coordination.
import { api, clearSession, el, notice, replaceChildren } from './common.js';
import { startStaffPage } from './staff.js';
import { call, ctx, emit, loginUrl, on, showError, working } from './seguimiento-ctx.js';
import { renderBoard } from './seguimiento-board.js';
import { gotoSection, renderWork } from './seguimiento-work.js';
import { flush, startOutbox } from './seguimiento-outbox.js';

const loadingEl = document.getElementById('cargando');
const fatalEl = document.getElementById('fatal');
const boardEl = document.getElementById('tablero');
const workEl = document.getElementById('obra');

let view = null; // 'board' | 'work'

function fatal(title, kind, ...body) {
  replaceChildren(loadingEl);
  boardEl.hidden = true;
  workEl.hidden = true;
  replaceChildren(fatalEl, el('h1', {}, title), notice(kind, ...body));
}

const retry = () => el('p', {}, el('button', { type: 'button', class: 'btn', onclick: () => location.reload() }, 'Intentar de nuevo'));

async function loadBoard() {
  const q = ctx.edition ? `?edition=${encodeURIComponent(ctx.edition)}` : '';
  ctx.board = await call(`followup${q}`);
  emit('board', ctx.board);
}

async function loadWork(id) {
  ctx.work = await call(`works/${id}`);
}

// ---------- Views ----------

function route() {
  const m = /^#obra-(\d+)(?:\/([a-z]+))?$/.exec(location.hash);
  if (m) showWork(Number(m[1]), m[2]);
  else showBoard();
}

function showBoard() {
  const leaving = view === 'work' && ctx.work ? ctx.work.id : null;
  view = 'board';
  ctx.fromBoard = false;
  workEl.hidden = true;
  boardEl.hidden = false;
  renderBoard();
  const card = leaving && document.querySelector(`#tarjeta-${leaving} .work-title a`);
  if (card) card.focus();
  // Fresh numbers after the detail's changes, drawn when they come.
  if (leaving) loadBoard().then(() => { if (view === 'board') renderBoard(); }).catch(() => {});
}

async function showWork(id, section) {
  ctx.fromBoard = view === 'board';
  view = 'work';
  boardEl.hidden = true;
  workEl.hidden = false;
  if (!ctx.work || ctx.work.id !== id) {
    replaceChildren(workEl, el('div', { role: 'status', 'aria-live': 'polite' },
      el('p', { class: 'status-line' }, el('span', { class: 'icon icon-loading', 'aria-hidden': 'true' }), ' Cargando la obra…')));
  }
  try {
    await loadWork(id);
  } catch (err) {
    if (view !== 'work') return;
    replaceChildren(workEl, el('p', {}, el('a', { class: 'back-link', href: '#' }, 'Volver a las obras')),
      el('h1', { id: 'obra-titulo', tabindex: '-1' }, 'No pudimos abrir la obra'), el('div', { id: 'obra-error' }));
    showError(document.getElementById('obra-error'), err.status === 404 ? 'No encontramos esa obra en esta unidad.' : 'No se cargó la obra.', err);
    return;
  }
  if (view !== 'work') return;
  renderWork({ focusTitle: !section });
  if (section) gotoSection(section);
  window.scrollTo({ top: section ? window.scrollY : 0 });
}

async function refresh() {
  try {
    await loadBoard();
    if (view === 'work' && ctx.work) await loadWork(ctx.work.id);
  } catch {
    // Offline: what is on screen stays; the outbox line says what is pending.
    return;
  }
  if (view === 'work') {
    renderWork();
    return;
  }
  const inCard = document.activeElement && document.activeElement.closest('.work-card');
  const lost = !document.activeElement || document.activeElement === document.body;
  const cardId = inCard ? inCard.id : lost && ctx.lastCard ? `tarjeta-${ctx.lastCard}` : null;
  renderBoard();
  // The card's button did its job and was drawn again: the focus goes back to that card.
  const again = cardId && document.querySelector(`#${cardId} .work-title a`);
  if (again) again.focus();
}

// ---------- Start ----------

async function init() {
  const user = await startStaffPage(ctx, fatal);
  if (!user) return;
  ctx.user = user;

  api(`/api/c/${encodeURIComponent(ctx.clues)}`).then((c) => {
    ctx.clinic = c;
    document.getElementById('unidad-nombre').textContent = c.nombre;
    if (view === 'board') renderBoard();
  }).catch(() => {});

  working(loadingEl, 'Cargando el seguimiento…');
  try {
    await loadBoard();
  } catch (err) {
    if (err.status === 403) {
      // A committee login without a seat of the current COSABI (an earlier term's member).
      const seatless = err.code === 'not_current_member';
      fatal('No puede ver este seguimiento', 'error', err.message, { word: 'Sin permiso:' },
        seatless
          ? el('p', {}, `Su usuario (${user.username}) no corresponde a un integrante del COSABI actual de esta unidad. `
            + 'Si la asamblea le eligió, pida a la mesa un código de invitación nuevo. ',
          el('a', { href: `/c/${encodeURIComponent(ctx.clues)}` }, 'Ver lo público de la unidad'))
          : el('p', {}, `Su usuario (${user.username}) no tiene permiso en la unidad ${ctx.clues}.`),
        el('p', {}, el('button', { type: 'button', class: 'btn btn-secondary', onclick: () => { clearSession(); location.assign(loginUrl()); } }, 'Entrar con otro usuario')));
    } else if (err.status === 404) {
      fatal('No encontramos la unidad', 'warning', err.message || `No existe la unidad ${ctx.clues}.`,
        el('p', {}, el('a', { class: 'btn', href: '/' }, 'Buscar la unidad')));
    } else {
      fatal('No pudimos abrir el seguimiento', 'error', err.message, retry());
    }
    return;
  }
  replaceChildren(loadingEl);

  document.getElementById('edicion').addEventListener('change', async (event) => {
    ctx.edition = Number(event.currentTarget.value);
    try {
      await loadBoard();
      renderBoard();
    } catch (err) {
      showError(document.getElementById('obras-estado'), 'No se cargó esa asamblea.', err);
    }
  });
  document.getElementById('form-edicion').addEventListener('submit', (e) => e.preventDefault());
  ctx.refresh = refresh;
  on('sent', refresh);
  on('route', route);
  on('goto', gotoSection);
  window.addEventListener('hashchange', route);
  await startOutbox();
  route();
  setInterval(() => { if (navigator.onLine) flush(); }, 60_000);
}

init();

// Tab "Palabra": the speakers' queue. The server holds the queue (so it survives a reload); this
// tab shows who has the floor with a large countdown, the waiting list in order, and the
// moderator's buttons. Updates come from the WebSocket snapshot or, without it, every 2 s.
import { el, icon, replaceChildren } from './common.js';
import {
  announce, busy, call, changed, ctx, on, serverNow, setFloor, show, showError,
} from './moderar-ctx.js';
import { fmtClock, fmtHora, plural } from './words.js';

let currentEl;
let waitingEl;
let countEl;
let statusEl;
let nextBtn;
let doneBtn;
let timeSelect;
let tick = null;
let timerEl = null;
let timerWordEl = null;
let lastShown = null;
let announcedOver = null;

function fmtDuration(seconds) {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  if (!m) return `${s} segundos`;
  const min = `${m} ${m === 1 ? 'minuto' : 'minutos'}`;
  return s ? `${min} y ${s} segundos` : min;
}

/** Seconds left for the current speaker (negative once over). */
function secondsLeft(floor) {
  const started = Date.parse(floor.current.started_at);
  const limit = Number(floor.speaker_seconds) || 120;
  if (!Number.isFinite(started)) return limit;
  return limit - (serverNow() - started) / 1000;
}

function updateTimer() {
  const floor = ctx.floor;
  if (!floor || !floor.current || !timerEl) return;
  const left = secondsLeft(floor);
  const over = left <= 0;
  const text = over ? `+${fmtClock(Math.floor(-left))}` : fmtClock(Math.ceil(left));
  const key = `${text}|${over}`;
  if (key === lastShown) return;
  lastShown = key;
  timerEl.textContent = text;
  timerEl.parentElement.classList.toggle('timer-over', over);
  timerEl.parentElement.classList.toggle('timer-low', !over && left <= 30);
  replaceChildren(timerWordEl, over
    ? [icon('warning'), ' Tiempo agotado']
    : `restantes de ${fmtClock(Number(floor.speaker_seconds) || 120)}`);
  if (over && announcedOver !== floor.current.id) {
    announcedOver = floor.current.id;
    announce(`Se acabó el tiempo de ${floor.current.nombre}.`);
  }
}

function startTicking() {
  if (tick) return;
  tick = setInterval(updateTimer, 250);
}

function stopTicking() {
  clearInterval(tick);
  tick = null;
}

let lastKey = null;

function render(floor) {
  // Polls arrive every 2 s: redraw only when something changed, so focus and taps survive.
  const key = JSON.stringify([floor.current, floor.waiting, floor.speaker_seconds, ctx.assembly && ctx.assembly.state]);
  if (key === lastKey) return;
  lastKey = key;
  const focusedId = document.activeElement && document.activeElement.id;
  const waiting = Array.isArray(floor.waiting) ? floor.waiting : [];
  const current = floor.current || null;
  const seconds = Number(floor.speaker_seconds) || 120;

  if (current) {
    lastShown = null;
    timerEl = el('span', { class: 'timer-digits', id: 'cronometro' });
    timerWordEl = el('span', { class: 'timer-word' });
    replaceChildren(currentEl,
      el('p', { class: 'speaker-name', id: 'orador' }, current.nombre),
      el('div', { class: 'timer', role: 'timer', 'aria-labelledby': 'orador', 'aria-live': 'off' },
        timerEl, timerWordEl),
      current.started_at ? el('p', { class: 'muted' }, `Tomó la palabra a las ${fmtHora(current.started_at)} h.`) : null);
    updateTimer();
    startTicking();
  } else {
    stopTicking();
    timerEl = null;
    replaceChildren(currentEl, el('p', { class: 'speaker-none' },
      waiting.length ? 'Nadie tiene la palabra. Désela a la primera persona en espera.' : 'Nadie tiene la palabra.'));
  }

  countEl.textContent = waiting.length ? plural(waiting.length, 'persona', 'personas') : '';
  if (!waiting.length) {
    replaceChildren(waitingEl, el('li', { class: 'floor-empty muted' }, 'Nadie ha pedido la palabra.'));
  } else {
    replaceChildren(waitingEl, waiting.map((w, i) => el('li', { class: 'floor-row', dataset: { id: w.id } },
      el('span', { class: 'floor-pos', 'aria-hidden': 'true' }, String(i + 1)),
      el('div', { class: 'floor-who' },
        el('p', { class: 'floor-name' }, el('span', { class: 'visually-hidden' }, `${i + 1}. `), w.nombre),
        w.requested_at
          ? el('p', { class: 'muted' }, 'Pidió la palabra: ', el('span', { class: 'nowrap' }, `${fmtHora(w.requested_at)} h`))
          : null),
      el('button', {
        type: 'button', class: 'btn btn-secondary', id: `dar-${w.id}`,
        disabled: !!(ctx.assembly && ctx.assembly.state === 'cerrada'),
        onclick: (e) => give(w, e.currentTarget),
      }, 'Dar la palabra', el('span', { class: 'visually-hidden' }, ` a ${w.nombre}`)))));
  }

  nextBtn.disabled = waiting.length === 0;
  doneBtn.disabled = !current;

  if (![...timeSelect.options].some((o) => Number(o.value) === seconds)) {
    timeSelect.append(el('option', { value: seconds }, fmtDuration(seconds)));
  }
  if (document.activeElement !== timeSelect) timeSelect.value = String(seconds);
  if (focusedId && document.activeElement === document.body) document.getElementById(focusedId)?.focus();
}

async function act(button, words, path, options, okText) {
  const undo = busy(button, words);
  try {
    const floor = await call(path, options);
    undo();
    if (floor && typeof floor === 'object' && 'waiting' in floor) setFloor(floor);
    else setFloor(await call('floor'));
    show(statusEl, 'ok', okText(ctx.floor));
    return true;
  } catch (err) {
    undo();
    showError(statusEl, 'No se pudo cambiar el turno.', err);
    try {
      setFloor(await call('floor'));
    } catch {
      /* the error above already says what to do */
    }
    return false;
  }
}

function whoSpeaks(floor) {
  return floor && floor.current ? `Tiene la palabra: ${floor.current.nombre}.` : 'Nadie tiene la palabra.';
}

function give(w, button) {
  act(button, 'Dando la palabra…', `floor/${encodeURIComponent(w.id)}/give`, { method: 'POST' }, whoSpeaks);
}

async function giveNext() {
  act(nextBtn, 'Dando la palabra…', 'floor/next', { method: 'POST' }, whoSpeaks);
}

async function finishTurn() {
  const current = ctx.floor && ctx.floor.current;
  if (!current) return;
  act(doneBtn, 'Terminando…', `floor/${encodeURIComponent(current.id)}/done`, { method: 'POST' },
    () => `Terminó el turno de ${current.nombre}.`);
}

async function changeTime() {
  const seconds = Number(timeSelect.value);
  timeSelect.disabled = true;
  try {
    const floor = await call('floor', { method: 'PATCH', body: { speaker_seconds: seconds } });
    if (floor && 'waiting' in floor) setFloor(floor);
    show(statusEl, 'ok', `Ahora cada persona tiene ${fmtDuration(seconds)}.`);
  } catch (err) {
    showError(statusEl, 'No se cambió el tiempo por persona.', err);
    if (ctx.floor) timeSelect.value = String(ctx.floor.speaker_seconds);
  } finally {
    timeSelect.disabled = false;
  }
}

function renderGate() {
  const gate = document.getElementById('palabra-aviso');
  const s = ctx.assembly && ctx.assembly.state;
  if (!changed('palabra-gate', s)) return;
  if (s === 'registro' || s === 'en_sesion') replaceChildren(gate);
  else {
    replaceChildren(gate, el('div', { class: 'notice notice-info' }, icon('info'), el('div', { class: 'notice-body' },
      el('p', { class: 'notice-title' }, s === 'cerrada'
        ? 'Aviso: la asamblea está cerrada; la ronda de palabra terminó.'
        : s === 'suspendida'
          ? 'Aviso: la asamblea está suspendida; nadie puede pedir la palabra hasta reanudarla.'
          : 'Aviso: la palabra se abre junto con el registro.'))));
  }
}

export function init() {
  currentEl = document.getElementById('turno-actual');
  waitingEl = document.getElementById('espera-lista');
  countEl = document.getElementById('espera-cuenta');
  statusEl = document.getElementById('palabra-estado');
  nextBtn = document.getElementById('palabra-siguiente');
  doneBtn = document.getElementById('palabra-terminar');
  timeSelect = document.getElementById('palabra-tiempo');
  nextBtn.addEventListener('click', giveNext);
  doneBtn.addEventListener('click', finishTurn);
  timeSelect.addEventListener('change', changeTime);
  document.getElementById('form-tiempo').addEventListener('submit', (e) => e.preventDefault());
  on('floor', render);
  on('assembly', () => {
    renderGate();
    if (ctx.floor) render(ctx.floor);
  });
  renderGate();
  replaceChildren(currentEl, el('p', { class: 'status-line' }, icon('loading'), ' Cargando el turno de palabra…'));
  nextBtn.disabled = true;
  doneBtn.disabled = true;
  if (ctx.floor) render(ctx.floor);
}

export function onShow() {
  if (ctx.floor) {
    lastKey = null;
    render(ctx.floor);
  }
}

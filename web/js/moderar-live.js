// Live data for the tablet: the WebSocket /ws/c/{clues} through the shared client in live.js
// (hello with the staff token and the last version, backoff with jitter, heartbeat), and while it
// is down, polling the REST endpoints every few seconds. The bar says which one is in use.
import { el, icon, replaceChildren } from './common.js';
import { Live, applyProgress, wsUrl } from './live.js';
import {
  call, ctx, emit, sessionEnded, setAssembly, setFloor, setRound,
} from './moderar-ctx.js';

export const POLL_MS = 3000;
export const FLOOR_POLL_MS = 2000;

let live = null;
let lastSnapshot = null; // the last whole snapshot: progress messages apply to its round
let pollTimer = null;
let floorTimer = null;
let pollFailures = 0;
let mode = 'connecting'; // connecting | live | polling | offline

function renderStatus() {
  const node = document.getElementById('conexion');
  if (!node) return;
  let content;
  if (mode === 'live') content = [icon('ok'), ' En vivo'];
  else if (mode === 'polling') content = [icon('warning'), ` Sin conexión en vivo; actualizando cada ${POLL_MS / 1000} s`];
  else if (mode === 'offline') content = [icon('error'), ' Sin conexión con el servidor; reintentando'];
  else content = [icon('loading'), ' Conectando en vivo…'];
  replaceChildren(node, el('span', { class: `conn conn-${mode}` }, content));
}

function setMode(next) {
  if (mode === next) return;
  mode = next;
  ctx.live = next === 'live';
  renderStatus();
  emit('live', ctx.live);
}

// ---------- Polling (fallback) ----------

async function pollAssembly() {
  try {
    setAssembly(await call('assembly'));
    pollFailures = 0;
    if (mode === 'offline') setMode('polling');
  } catch (err) {
    if (err.status === 0) {
      pollFailures += 1;
      if (pollFailures >= 2 && mode !== 'live') setMode('offline');
    }
  }
  emit('poll');
}

/** GET floor: its server_time is fresh, so it also sets the clock offset for the timer. */
async function pollFloor() {
  try {
    setFloor(await call('floor'), { fresh: true });
  } catch {
    /* pollAssembly's status says what is wrong; the next tick tries again */
  }
}

function startPolling() {
  if (pollTimer) return;
  pollTimer = setInterval(pollAssembly, POLL_MS);
  floorTimer = setInterval(pollFloor, FLOOR_POLL_MS);
  pollAssembly();
  pollFloor();
}

function stopPolling() {
  clearInterval(pollTimer);
  clearInterval(floorTimer);
  pollTimer = null;
  floorTimer = null;
}

// ---------- WebSocket ----------

function onSnapshot(msg) {
  if (msg.assembly) {
    const before = ctx.assembly && ctx.assembly.state;
    setAssembly(msg.assembly, { partial: true });
    // The snapshot has no allowed_transitions: ask for them when the state moved.
    if (before && msg.assembly.state && before !== msg.assembly.state) pollAssembly();
  }
  // A snapshot's floor.server_time is when the snapshot was built, not now: the clock offset
  // comes from the snapshot's top-level server_time (when the server sends it) or from REST.
  if (msg.server_time && live) ctx.clockOffsetMs = live.offset;
  if (msg.floor) setFloor(msg.floor, { fresh: false });
  if ('round' in msg) setRound(msg.round);
}

function onMessage(msg) {
  if (!msg || typeof msg !== 'object') return;
  if (msg.type === 'snapshot') {
    lastSnapshot = msg;
    onSnapshot(msg);
  } else if (msg.type === 'progress') {
    // Only the round's count (and live results) moved: the round of the last snapshot, with them.
    if (applyProgress(lastSnapshot, msg)) setRound(lastSnapshot.round);
  } else if (msg.type === 'error') {
    if (['unauthorized', 'bad_token', 'session_expired'].includes(msg.error)) sessionEnded();
    emit('ws-error', msg);
  }
}

function onStatus(status) {
  if (status === 'conectado') {
    stopPolling();
    setMode('live');
  } else if (status === 'sin_conexion') {
    if (mode === 'live' || mode === 'connecting') setMode('polling');
    startPolling();
  }
  // 'conectando' on every retry: keep saying what is in use until the socket really answers.
}

/** Starts the live connection; falls back to polling by itself. */
export function startLive() {
  renderStatus();
  pollFloor(); // the queue and the server clock are wanted at once, whatever the socket does
  if (typeof WebSocket !== 'function') {
    setMode('polling');
    startPolling();
    return;
  }
  live = new Live(wsUrl(ctx.clues), {
    hello: () => ({ token: ctx.token }),
    onmessage: onMessage,
    onstatus: onStatus,
  });
  live.start();
}

/** Refresh now (after an action), whatever the mode. */
export function refreshNow() {
  pollAssembly();
  pollFloor();
}

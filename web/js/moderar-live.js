// Live data for the tablet: the WebSocket /ws/c/{clues} (hello with the staff token, then
// snapshots), and while it is down, polling the REST endpoints every few seconds. The bar says
// which one is in use.
import { el, icon, replaceChildren } from './common.js';
import {
  call, ctx, emit, sessionEnded, setAssembly, setFloor, setRound,
} from './moderar-ctx.js';

export const POLL_MS = 3000;
export const FLOOR_POLL_MS = 2000;
const PING_MS = 25_000;
const MAX_BACKOFF_MS = 30_000;

let socket = null;
let version = null;
let backoff = 1000;
let reconnectTimer = null;
let pingTimer = null;
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
    const assembly = await call('assembly');
    setAssembly(assembly);
    pollFailures = 0;
    if (mode !== 'live') setMode('polling');
  } catch (err) {
    if (err.status === 0) {
      pollFailures += 1;
      if (pollFailures >= 2 && mode !== 'live') setMode('offline');
    }
  }
  emit('poll');
}

async function pollFloor() {
  try {
    setFloor(await call('floor'));
  } catch {
    /* shown by pollAssembly's status; the next tick tries again */
  }
}

function startPolling() {
  if (pollTimer) return;
  pollTimer = setInterval(pollAssembly, POLL_MS);
  floorTimer = setInterval(pollFloor, FLOOR_POLL_MS);
}

function stopPolling() {
  clearInterval(pollTimer);
  clearInterval(floorTimer);
  pollTimer = null;
  floorTimer = null;
}

// ---------- WebSocket ----------

function wsUrl() {
  const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${proto}//${location.host}/ws/c/${encodeURIComponent(ctx.clues)}`;
}

function onSnapshot(msg) {
  if (Number.isFinite(msg.version)) version = msg.version;
  if (msg.assembly) {
    const before = ctx.assembly && ctx.assembly.state;
    setAssembly(msg.assembly, { partial: true });
    // The snapshot has no allowed_transitions: ask for them when the state moved.
    if (before && msg.assembly.state && before !== msg.assembly.state) pollAssembly();
  }
  if ('floor' in msg && msg.floor) setFloor(msg.floor);
  if ('round' in msg) setRound(msg.round);
}

function connect() {
  clearTimeout(reconnectTimer);
  if (typeof WebSocket !== 'function') {
    setMode('polling');
    startPolling();
    return;
  }
  let ws;
  try {
    ws = new WebSocket(wsUrl());
  } catch {
    scheduleReconnect();
    return;
  }
  socket = ws;
  let welcomed = false;
  ws.addEventListener('open', () => {
    const hello = { type: 'hello', token: ctx.token };
    if (version !== null) hello.version = version;
    ws.send(JSON.stringify(hello));
  });
  ws.addEventListener('message', (event) => {
    let msg;
    try {
      msg = JSON.parse(event.data);
    } catch {
      return;
    }
    if (!msg || typeof msg !== 'object') return;
    if (msg.type === 'welcome' || (msg.type === 'snapshot' && !welcomed)) {
      welcomed = true;
      backoff = 1000;
      stopPolling();
      setMode('live');
      clearInterval(pingTimer);
      pingTimer = setInterval(() => {
        if (ws.readyState === WebSocket.OPEN) ws.send('{"type":"ping"}');
      }, PING_MS);
    }
    if (msg.type === 'snapshot') onSnapshot(msg);
    else if (msg.type === 'error') {
      if (msg.error === 'unauthorized' || msg.error === 'bad_token' || msg.error === 'session_expired') {
        sessionEnded();
      }
      emit('ws-error', msg);
    }
  });
  ws.addEventListener('close', () => {
    if (socket !== ws) return;
    socket = null;
    clearInterval(pingTimer);
    if (mode === 'live' || mode === 'connecting') setMode('polling');
    startPolling();
    pollAssembly();
    pollFloor();
    scheduleReconnect();
  });
}

function scheduleReconnect() {
  clearTimeout(reconnectTimer);
  const wait = backoff + Math.floor(Math.random() * 500);
  backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
  reconnectTimer = setTimeout(connect, wait);
}

/** Starts the live connection; falls back to polling by itself. */
export function startLive() {
  renderStatus();
  pollFloor(); // the queue is wanted at once, whatever the socket does
  connect();
  // Waking a tablet from sleep: try again at once instead of waiting out the backoff.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible' && !socket) {
      backoff = 1000;
      connect();
    }
  });
}

/** Refresh now (after an action), whatever the mode. */
export function refreshNow() {
  pollAssembly();
  pollFloor();
}

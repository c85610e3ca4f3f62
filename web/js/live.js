// /ws/c/{clues} client (docs/api.md "Live voting"): backoff with jitter, catch-up by version,
// server clock offset; and the ballot outbox.

// store(key) reads, store(key, value) writes JSON in localStorage (null removes)
export function store(key, value) {
  try {
    if (arguments.length < 2) return JSON.parse(localStorage.getItem(key) || 'null');
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(value));
  } catch { /* no storage: memory only */ }
  return null;
}

export const newId = () => Array.from(crypto.getRandomValues(new Uint8Array(16)),
  (x) => x.toString(16).padStart(2, '0')).join('');

export const wsUrl = (clues) => `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws/c/${encodeURIComponent(clues)}`;

// A voter's phone gets `progress` messages (docs/api.md «WebSocket») when only ballots changed:
// their fields go into the snapshot's round. The snapshot keeps its own version (the last whole
// snapshot, which the hello sends back), so a reconnect still gets any change it missed.
// Returns false when the message is not about the snapshot's round (then nothing changed).
export function applyProgress(snap, m) {
  const r = snap && snap.round;
  if (!r || r.id !== m.round_id || !(m.version > snap.version)) return false;
  for (const k of ['ballots', 'results', 'pending_votes', 'closing']) if (k in m) r[k] = m[k];
  return true;
}

// new Live(url, {hello, onmessage, onstatus, visibility}).start(); hello() gives the hello
// fields, Live adds the last snapshot version. onstatus: conectando | conectado (welcome) |
// sin_conexion | detenido. ready: from welcome to the next disconnect. send() returns false when
// not open. visibility: true on the voter's page, which tells the server when it is hidden (in
// the hello and on visibilitychange): a hidden phone gets no room pushes, and catches up at once
// when shown. Projectors and staff do not say so: they are few and get every change.
export class Live {
  constructor(url, handlers) {
    Object.assign(this, handlers, { url, ws: null, ready: false, version: 0, offset: 0, tries: 0, stopped: true });
    const wake = () => { if (!this.stopped && !this.ws && !document.hidden) this.now(); };
    addEventListener('online', wake);
    addEventListener('offline', () => this.lost(this.ws)); // do not wait for a dead socket to time out
    document.addEventListener('visibilitychange', () => {
      // Once the socket is open (the hello went first); before that the hello will say it.
      if (this.visibility) this.send({ type: 'visibility', hidden: document.hidden });
      wake();
    });
    setInterval(() => this.beat(), 5_000);
  }

  start() { this.stopped = false; this.connect(); }

  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    this.drop();
    this.status('detenido');
  }

  // At once: "Reintentar ahora", back online, visible again
  now() { this.tries = 0; this.drop(); this.connect(); }

  // Server time in ms, from the snapshot's server_time
  serverNow() { return Date.now() + this.offset; }

  send(msg) {
    if (!this.ws || this.ws.readyState !== 1) return false;
    this.ws.send(JSON.stringify(msg));
    return true;
  }

  status(s) { if (this.onstatus) this.onstatus(s); }

  connect() {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.status('conectando');
    let ws;
    try { ws = new WebSocket(this.url); } catch { this.retry(); return; }
    this.ws = ws;
    this.timer = setTimeout(() => this.lost(ws), 15_000); // no welcome in 15 s: try again
    ws.onopen = () => {
      this.rx = Date.now();
      ws.send(JSON.stringify({
        type: 'hello', ...this.hello(), ...(this.version ? { version: this.version } : {}),
        ...(this.visibility && document.hidden ? { hidden: true } : {}),
      }));
    };
    ws.onmessage = (e) => {
      this.rx = Date.now();
      let m;
      try { m = JSON.parse(e.data); } catch { return; }
      if (m.type === 'welcome') {
        clearTimeout(this.timer);
        this.tries = 0;
        this.ready = true;
        this.status('conectado');
      } else if (m.type === 'snapshot') {
        this.version = m.version;
        const t = Date.parse(m.server_time || '');
        if (t) this.offset = t - Date.now();
      }
      if (this.onmessage) this.onmessage(m);
    };
    ws.onclose = () => this.lost(ws);
  }

  lost(ws) {
    if (ws !== this.ws) return;
    this.drop();
    this.retry();
  }

  drop() {
    const ws = this.ws;
    clearTimeout(this.timer);
    this.ws = null;
    this.ready = false;
    if (ws) {
      ws.onclose = ws.onmessage = ws.onopen = null;
      try { ws.close(); } catch { /* closed */ }
    }
  }

  retry() {
    if (this.stopped) return;
    this.status('sin_conexion');
    // Full jitter: a random wait up to 1, 2, 4 ... 30 s, so a room of phones does not return at once.
    const cap = Math.min(30_000, 1000 * 2 ** this.tries);
    this.tries = Math.min(this.tries + 1, 10);
    this.timer = setTimeout(() => this.connect(), 300 + Math.random() * cap);
  }

  // Every 5 s. The app-level ping only after 50 s without any message (once per silence): while
  // a round is open the progress messages every 30-45 s keep the link known alive without it.
  beat() {
    if (!this.ready) return;
    const now = Date.now();
    if (now - this.rx > 65_000) this.lost(this.ws); // no pong 15 s after the ping: a dead link
    else if (now - this.rx >= 50_000 && !(this.pinged > this.rx)) {
      this.pinged = now;
      this.send({ type: 'ping' });
    }
  }
}

// Unacknowledged ballots, one per round, kept in localStorage until their ack.
export class Outbox {
  constructor(key) { this.key = key; this.items = store(key) || []; }

  get(round) { return this.items.find((b) => String(b.round_id) === String(round)) || null; }

  put(b) { this.set([...this.items.filter((x) => String(x.round_id) !== String(b.round_id)), b]); }

  drop(ballotId) { this.set(this.items.filter((b) => b.ballot_id !== ballotId)); }

  set(items) { this.items = items; store(this.key, items.length ? items : null); }
}

// A mock of the live-voting contract (docs/api.md "Live voting": /ws/c/{clues} and the floor
// endpoints) for browser tests, through Playwright's context.routeWebSocket() and context.route().
// It lets the voter and projector pages be developed and tested before the real server side exists;
// the end-to-end test against the real server lives elsewhere.
//
//   const room = await mockLive(session.context, { clues, credentials: {K7P4M2Q9: {id: 5, nombre: 'Ana'}} });
//   room.update((s) => { s.round = budgetRound(); });   // bumps the version and broadcasts
//   room.goDown(); room.goUp();                          // network loss: sockets closed, reconnects refused
//   room.messages('ballot')                              // what the pages sent

export function budgetRound(over = {}) {
  return {
    id: 7, kind: 'budget', title: 'Presupuesto 2026', status: 'abierta', rule: 'greedy',
    max_choices: 3, cost_cap_centavos: 0, budget_centavos: 40000000, seats: 1,
    options: [
      { id: '12', label: 'Rampa de acceso', cost_centavos: 12000000, category: 'obra', description: 'Rampa con barandal en la entrada principal.' },
      { id: '15', label: 'Pintura de la sala de espera', cost_centavos: 4500000, category: 'mejoramiento', description: 'Pintar muros y techo, y cambiar lámparas.' },
      { id: '18', label: 'Electrocardiógrafo', cost_centavos: 9800000, category: 'equipamiento', description: 'Equipo portátil de 12 derivaciones.' },
      { id: '21', label: 'Sillas para la sala de espera', cost_centavos: 3000000, category: 'mobiliario', description: '40 sillas de tres plazas.' },
      { id: '24', label: 'Techumbre del patio', cost_centavos: 15000000, category: 'obra', description: 'Sombra para la fila de la mañana.' },
    ],
    opened_at: new Date(Date.now() - 60_000).toISOString(),
    closes_at: new Date(Date.now() + 5 * 60_000).toISOString(),
    closed_at: null, ballots: 0, attendance: 52, revealed: false, live_results: false, results: null,
    ...over,
  };
}

export function motionRound(over = {}) {
  return {
    id: 8, kind: 'motion', title: '¿Aprueba el informe de la tesorería?', status: 'abierta', rule: 'majority',
    max_choices: 1, cost_cap_centavos: 0, budget_centavos: 0, seats: 1,
    options: [{ id: 'si', label: 'Sí' }, { id: 'no', label: 'No' }, { id: 'abstencion', label: 'Abstención' }],
    opened_at: new Date().toISOString(), closes_at: null, closed_at: null,
    ballots: 0, attendance: 52, revealed: false, live_results: false, results: null,
    ...over,
  };
}

export function budgetResults() {
  return {
    lines: [
      { id: '12', label: 'Rampa de acceso', votes: 30, selected: true, explanation: 'Seleccionada: 30 votos, costo $120,000.00.' },
      { id: '18', label: 'Electrocardiógrafo', votes: 27, selected: true, explanation: 'Seleccionada: 27 votos, costo $98,000.00.' },
      { id: '24', label: 'Techumbre del patio', votes: 22, selected: true, explanation: 'Seleccionada: 22 votos, costo $150,000.00.' },
      { id: '15', label: 'Pintura de la sala de espera', votes: 18, selected: false, explanation: 'No alcanza el presupuesto restante ($32,000.00).' },
      { id: '21', label: 'Sillas para la sala de espera', votes: 9, selected: true, explanation: 'Seleccionada: 9 votos, costo $30,000.00.' },
    ],
    summary: 'Se eligieron 4 propuestas por $398,000.00 de $400,000.00.',
    spent_centavos: 39800000,
  };
}

const receiptAlphabet = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
function randomReceipt() {
  let s = '';
  for (let i = 0; i < 8; i += 1) s += receiptAlphabet[Math.floor(Math.random() * 32)];
  return `${s.slice(0, 4)}-${s.slice(4)}`;
}

// clockSkewMs: how far the mock server's clock is ahead of the browser's. topLevelTime: snapshots
// carry "server_time" taken when sent (proposed to the contract; false = only floor.server_time,
// which the real server takes when the room was loaded, so it can be stale).
export async function mockLive(context, {
  clues, credentials = {}, ackDelayMs = 50, assembly, clockSkewMs = 0, topLevelTime = true,
  maxBallots = 10, // per person and round, like domain::max_ballots_per_round
} = {}) {
  const loadedAt = new Date(Date.now() + clockSkewMs - 10 * 60_000).toISOString(); // a stale floor time
  const room = {
    version: 40,
    snap: {
      assembly: { state: 'en_sesion', attendance: 52, quorum_min: 20, quorum_met: true, ...assembly },
      round: null,
      floor: { speaker_seconds: 120, current: null, waiting: [], server_time: new Date().toISOString() },
    },
    sockets: new Set(),
    log: [],           // {dir: 'in'|'out', msg, socket}
    down: false,
    holdAcks: false,   // true: ballots are received but not acknowledged
    ballots: new Map(), // ballot_id -> {receipt, round_id, choices, credential}
    counted: new Map(), // `${round}:${credential}` -> ballot_id
    floorCalls: [],
    connections: 0,

    /** The mock server's clock. */
    now() { return new Date(Date.now() + clockSkewMs); },
    snapshotMessage() {
      const floor = { ...this.snap.floor, server_time: loadedAt };
      const msg = { type: 'snapshot', version: this.version, ...this.snap, floor };
      if (topLevelTime) msg.server_time = this.now().toISOString();
      return msg;
    },
    send(sock, msg) {
      this.log.push({ dir: 'out', msg, socket: sock.n });
      sock.ws.send(JSON.stringify(msg));
    },
    broadcast() {
      for (const sock of this.sockets) if (sock.greeted) this.send(sock, this.snapshotMessage());
    },
    /** Changes the room state (fn gets the snapshot body) and pushes a new snapshot to everyone. */
    update(fn) {
      fn(this.snap);
      this.version += 1;
      this.broadcast();
    },
    goDown() {
      this.down = true;
      for (const sock of [...this.sockets]) {
        this.sockets.delete(sock);
        sock.ws.close({ code: 4000, reason: 'mock network down' }).catch(() => {});
      }
    },
    goUp() { this.down = false; },
    messages(type) { return this.log.filter((e) => e.dir === 'in' && (!type || e.msg.type === type)).map((e) => e.msg); },
    sent(type) { return this.log.filter((e) => e.dir === 'out' && (!type || e.msg.type === type)).map((e) => e.msg); },
    myBallots(credential) {
      const out = {};
      for (const [key, ballotId] of this.counted) {
        const [roundId, cred] = key.split(':');
        if (cred !== credential) continue;
        const b = this.ballots.get(ballotId);
        out[roundId] = { receipt: b.receipt, choices: b.choices, ballot_id: ballotId };
      }
      return out;
    },
    ack(sock, msg) {
      this.send(sock, { type: 'ack', round_id: msg.round_id, ballot_id: msg.ballot_id, receipt: this.ballots.get(msg.ballot_id).receipt });
    },
  };

  function handleBallot(sock, msg) {
    const r = room.snap.round;
    const fail = (error, message) => room.send(sock, { type: 'error', error, message, ballot_id: msg.ballot_id });
    if (!sock.credential) return fail('forbidden', 'Solo los votantes pueden enviar boletas.');
    if (!r || String(r.id) !== String(msg.round_id) || r.status !== 'abierta') {
      return fail('round_closed', 'La votación ya está cerrada.');
    }
    const ids = new Set(r.options.map((o) => String(o.id)));
    if (!msg.choices.every((c) => ids.has(String(c)))) return fail('bad_choice', 'Una de las opciones no existe.');
    if (r.max_choices && msg.choices.length > r.max_choices) {
      return fail('too_many_choices', `Puede elegir como máximo ${r.max_choices} opciones.`);
    }
    const sent = [...room.ballots.values()].filter((b) => b.round_id === r.id && b.credential === sock.credential).length;
    if (!room.ballots.has(msg.ballot_id) && sent >= maxBallots) {
      return fail('too_many_ballots', `Ya envió el máximo de votos por persona en esta votación (${maxBallots}); este no se registró. Sigue contando el último que se registró.`);
    }
    if (!room.ballots.has(msg.ballot_id)) {
      room.ballots.set(msg.ballot_id, { receipt: randomReceipt(), round_id: r.id, choices: msg.choices, credential: sock.credential });
      const key = `${r.id}:${sock.credential}`;
      const first = !room.counted.has(key);
      room.counted.set(key, msg.ballot_id);
      if (first) room.update((s) => { s.round.ballots += 1; });
    }
    if (room.holdAcks) return;
    setTimeout(() => { if (room.sockets.has(sock)) room.ack(sock, msg); }, ackDelayMs);
  }

  await context.routeWebSocket(/\/ws\/c\//, (ws) => {
    room.connections += 1;
    const sock = { ws, n: room.connections, greeted: false, credential: null };
    if (room.down) {
      ws.close({ code: 4000, reason: 'mock network down' }).catch(() => {});
      return;
    }
    if (!ws.url().toUpperCase().endsWith(`/WS/C/${clues.toUpperCase()}`)) {
      ws.close({ code: 1008, reason: 'wrong clinic' }).catch(() => {});
      return;
    }
    room.sockets.add(sock);
    ws.onClose(() => { room.sockets.delete(sock); });
    ws.onMessage((raw) => {
      let msg;
      try { msg = JSON.parse(String(raw)); } catch { return; }
      room.log.push({ dir: 'in', msg, socket: sock.n });
      if (msg.type === 'hello') {
        if (msg.credential !== undefined) {
          const who = credentials[msg.credential];
          if (!who || who.revoked) {
            room.send(sock, who
              ? { type: 'error', error: 'credential_revoked', message: 'Esta credencial fue revocada. Pida una nueva en la mesa de registro.' }
              : { type: 'error', error: 'bad_credential', message: 'Ese código no corresponde a ninguna credencial de esta asamblea.' });
            room.sockets.delete(sock);
            ws.close({ code: 1008, reason: 'bad credential' }).catch(() => {});
            return;
          }
          sock.credential = msg.credential;
          sock.attendee = who;
        }
        sock.greeted = true;
        room.send(sock, {
          type: 'welcome', role: sock.credential ? 'voter' : 'public', attendee: sock.attendee || null,
          my_ballots: sock.credential ? room.myBallots(sock.credential) : {},
        });
        if (msg.version !== room.version) room.send(sock, room.snapshotMessage());
      } else if (msg.type === 'ballot') handleBallot(sock, msg);
      else if (msg.type === 'ping') room.send(sock, { type: 'pong' });
    });
  });

  // Floor requests: POST / DELETE /api/c/{clues}/floor with "Authorization: Credential CODE".
  await context.route(/\/api\/c\/[^/]+\/floor$/, async (route) => {
    const req = route.request();
    const auth = req.headers().authorization || '';
    const code = auth.replace(/^Credential\s+/, '');
    room.floorCalls.push({ method: req.method(), auth });
    const who = credentials[code];
    const json = (status, body) => route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(body) });
    if (!who) return json(401, { error: 'unauthorized', message: 'Credencial no válida.' });
    const waiting = room.snap.floor.waiting;
    const mine = waiting.find((w) => w.attendee_id === who.id);
    if (req.method() === 'POST') {
      if (mine) return json(409, { error: 'already_waiting', message: 'Ya pidió la palabra.' });
      const request = { id: 100 + waiting.length, attendee_id: who.id, nombre: who.nombre, requested_at: new Date().toISOString() };
      room.update((s) => { s.floor.waiting.push(request); });
      return json(201, { request });
    }
    if (req.method() === 'DELETE') {
      if (!mine) return json(404, { error: 'not_waiting', message: 'No estaba en la fila.' });
      room.update((s) => { s.floor.waiting = s.floor.waiting.filter((w) => w !== mine); });
      return json(200, { request: mine });
    }
    return route.fallback();
  });

  return room;
}

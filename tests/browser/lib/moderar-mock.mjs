// An in-memory stand-in for the assembly API of docs/api.md ("Assemblies (issue 3)" and the
// REST part of "Live voting (issue 4)"), installed with Playwright's context.route(). Used by the
// moderator tests while the real endpoints are being built, and by the Votaciones test until the
// WebSocket end-to-end test exists. Login, /api/auth/* and /api/c/{clues} still go to the real
// server. It follows the contract's shapes and status codes; it is not a second implementation
// of the rules, only enough of them to drive the page.

const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

const TRANSITIONS = {
  convocada: ['registro'],
  registro: ['en_sesion', 'suspendida'],
  en_sesion: ['cerrada', 'suspendida'],
  cerrada: [],
};

const DEMO_PROPOSALS = [
  ['Impermeabilizar el techo', 'Sellar filtraciones en sala de espera y consultorio.', 'mejoramiento', 85_000],
  ['Refrigerador para vacunas', 'Red de frío con registro de temperatura.', 'equipamiento', 65_000],
  ['Bancas para la sala de espera', '20 lugares, resistentes y fáciles de limpiar.', 'mobiliario', 30_000],
  ['Rampa de acceso', 'Para sillas de ruedas y carriolas en la entrada principal.', 'obra', 120_000],
  ['Cisterna y bomba de agua', 'Agua segura aunque falle el suministro.', 'obra', 150_000],
  ['Baumanómetros y glucómetros', 'Equipo básico para control de crónicos.', 'equipamiento', 25_000],
  ['Pintura y señalización', 'Letreros en español y tsotsil.', 'mejoramiento', 40_000],
  ['Escritorio y archivero', 'Para el consultorio y el expediente clínico.', 'mobiliario', 18_000],
];

function fail(status, error, message, field) {
  return { status, body: { error, message, ...(field ? { field } : {}) } };
}

function qrSvg(code) {
  // Not a real QR code: a deterministic 21x21 pattern from the code, enough to show an image.
  let cells = '';
  let seed = [...code].reduce((a, c) => (a * 31 + c.charCodeAt(0)) >>> 0, 7);
  for (let y = 0; y < 21; y++) {
    for (let x = 0; x < 21; x++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      const finder = (x < 7 && y < 7) || (x > 13 && y < 7) || (x < 7 && y > 13);
      const on = finder ? (x % 6 === 0 || y % 6 === 0 || (x % 14 >= 2 && x % 14 <= 4 && y % 14 >= 2 && y % 14 <= 4))
        : (seed >>> 16) & 1;
      if (on) cells += `<rect x="${x + 2}" y="${y + 2}" width="1" height="1"/>`;
    }
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 25 25" shape-rendering="crispEdges"><rect width="25" height="25" fill="#fff"/><g fill="#000">${cells}</g></svg>`;
}

export class AssemblyMock {
  constructor({ clues = 'CSIMB001234', budget = 40_000_000, state = 'convocada' } = {}) {
    this.clues = clues;
    this.budget = budget;
    this.assembly = {
      id: 1, clues, edition: 2026, state, resumes_to: null,
      scheduled_at: '2026-02-21T17:00:00.000Z', quorum_min: 20,
    };
    this.attendees = [];
    this.codes = new Map(); // code -> attendee id (active only)
    this.identifiers = new Set();
    this.proposals = DEMO_PROPOSALS.map(([title, description, category, pesos], i) => ({
      id: i + 1, title, description, category, cost_centavos: pesos * 100, source: 'diagnostico',
      status: 'aceptada', reject_reason: null, merged_into: null,
    }));
    this.floor = { speaker_seconds: 120, current: null, waiting: [] };
    this.rounds = [];
    this.ballots = new Map(); // round id -> Map(attendee id -> choices)
    this.nextId = 100;
    this.counter = 0;
    this.requests = []; // [method, path] log, for assertions
    this.onChange = () => {};
  }

  // ---------- views ----------

  assemblyView() {
    const a = this.assembly;
    const attendance = this.attendees.length;
    const allowed = a.state === 'suspendida' ? [a.resumes_to] : TRANSITIONS[a.state];
    return {
      id: a.id, clues: a.clues, edition: a.edition, state: a.state, scheduled_at: a.scheduled_at,
      quorum_min: a.quorum_min, attendance, quorum_met: attendance >= a.quorum_min,
      allowed_transitions: [...allowed],
    };
  }

  floorView() {
    const name = (id) => (this.attendees.find((x) => x.id === id) || {}).nombre;
    return {
      speaker_seconds: this.floor.speaker_seconds,
      current: this.floor.current ? { ...this.floor.current, nombre: name(this.floor.current.attendee_id) } : null,
      waiting: this.floor.waiting.map((w) => ({ ...w, nombre: name(w.attendee_id) })),
      server_time: new Date().toISOString(),
    };
  }

  roundView(r) {
    const visible = r.revealed || r.live_results;
    const out = { ...r, ballots: (this.ballots.get(r.id) || new Map()).size, attendance: this.attendees.length };
    out.results = visible && r.status !== 'preparada' ? this.tally(r) : null;
    return out;
  }

  snapshot() {
    const a = this.assemblyView();
    const current = this.rounds.find((r) => r.status === 'abierta') || this.rounds[this.rounds.length - 1] || null;
    return {
      type: 'snapshot', version: ++this.counter, server_time: new Date().toISOString(),
      assembly: { state: a.state, attendance: a.attendance, quorum_min: a.quorum_min, quorum_met: a.quorum_met },
      round: current ? this.roundView(current) : null,
      floor: this.floorView(),
    };
  }

  tally(r) {
    const counts = new Map(r.options.map((o) => [o.id, 0]));
    for (const choices of (this.ballots.get(r.id) || new Map()).values()) {
      for (const c of choices) counts.set(c, (counts.get(c) || 0) + 1);
    }
    const order = [...r.options].sort((a, b) => counts.get(b.id) - counts.get(a.id)
      || (a.cost_centavos || 0) - (b.cost_centavos || 0) || Number(a.id) - Number(b.id));
    let left = r.budget_centavos;
    const pesos = (c) => `$${(c / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`;
    const lines = order.map((o) => {
      const votes = counts.get(o.id);
      let selected = false;
      let explanation;
      if (r.kind === 'budget') {
        if (votes > 0 && o.cost_centavos <= left) {
          selected = true;
          left -= o.cost_centavos;
          explanation = `Seleccionada: ${votes} votos, costo ${pesos(o.cost_centavos)}.`;
        } else if (votes === 0) explanation = 'No seleccionada: sin votos.';
        else explanation = `No seleccionada: no alcanza el presupuesto restante (${pesos(left)}).`;
      } else {
        explanation = `${votes} votos.`;
      }
      return { id: o.id, label: o.label, votes, selected, explanation };
    });
    if (r.kind !== 'budget' && lines.length) {
      lines[0].selected = true;
      lines[0].explanation = `Gana con ${lines[0].votes} votos.`;
    }
    const spent = r.budget_centavos - left;
    return {
      lines,
      summary: r.kind === 'budget'
        ? `Se eligieron ${lines.filter((l) => l.selected).length} propuestas por ${pesos(spent)} de ${pesos(r.budget_centavos)}.`
        : `Resultado: ${lines[0] ? lines[0].label : 'sin votos'}.`,
      spent_centavos: r.kind === 'budget' ? spent : 0,
    };
  }

  // ---------- helpers for tests ----------

  codeOf(attendeeId) {
    for (const [code, id] of this.codes) if (id === attendeeId) return code;
    return null;
  }

  /** A voter's ballot (what the phone would send over the WebSocket). */
  vote(code, roundId, choices) {
    const id = this.codes.get(code.replace(/-/g, '').toUpperCase());
    if (!id) throw new Error(`no active credential ${code}`);
    if (!this.ballots.has(roundId)) this.ballots.set(roundId, new Map());
    this.ballots.get(roundId).set(id, choices);
    this.onChange();
  }

  // ---------- the API ----------

  newCode() {
    let code = '';
    do {
      code = '';
      for (let i = 0; i < 8; i++) code += ALPHABET[Math.floor(Math.random() * ALPHABET.length)];
    } while (this.codes.has(code));
    return code;
  }

  credential(attendeeId) {
    const code = this.newCode();
    this.codes.set(code, attendeeId);
    return {
      code, display: `${code.slice(0, 4)}-${code.slice(4)}`, qr_svg: qrSvg(code),
      url: `/c/${this.clues}/votar#${code}`,
    };
  }

  revokeCodes(attendeeId) {
    for (const [code, id] of [...this.codes]) if (id === attendeeId) this.codes.delete(code);
  }

  attendeeView(a) {
    return {
      id: a.id, nombre: a.nombre, sexo: a.sexo, registered_at: a.registered_at,
      credential_status: this.codeOf(a.id) ? 'activa' : 'revocada',
    };
  }

  /** Returns {status, body} for one request. */
  handle(method, path, query, headers, rawBody) {
    const staff = /^Bearer \S+/.test(headers.authorization || '');
    const credentialHeader = /^Credential (\S+)$/.exec(headers.authorization || '');
    let body = null;
    if (rawBody && (headers['content-type'] || '').includes('json')) {
      try {
        body = JSON.parse(rawBody);
      } catch {
        return fail(400, 'invalid_json', 'El cuerpo no es JSON válido.');
      }
    }
    const needStaff = () => (staff ? null : fail(401, 'unauthorized', 'Necesita iniciar sesión.'));
    const state = this.assembly.state;
    const m = (re) => re.exec(path);
    let r;

    if (path === 'assembly' && method === 'GET') return { status: 200, body: this.assemblyView() };
    if (path === 'assembly' && method === 'PATCH') {
      if ((r = needStaff())) return r;
      if (!Number.isInteger(body?.quorum_min) || body.quorum_min < 1) return fail(400, 'invalid_field', 'El quórum debe ser 1 o más.', 'quorum_min');
      this.assembly.quorum_min = body.quorum_min;
      this.onChange();
      return { status: 200, body: this.assemblyView() };
    }
    if (path === 'assembly/transition' && method === 'POST') {
      if ((r = needStaff())) return r;
      const allowed = this.assemblyView().allowed_transitions;
      if (!allowed.includes(body?.to)) return fail(409, 'bad_transition', 'La asamblea no puede pasar a ese estado desde el actual.');
      if (body.to === 'suspendida') this.assembly.resumes_to = state;
      this.assembly.state = body.to;
      this.onChange();
      return { status: 200, body: this.assemblyView() };
    }

    if (path === 'attendees' && method === 'GET') {
      if ((r = needStaff())) return r;
      const q = (query.get('q') || '').toLowerCase();
      const items = this.attendees.filter((a) => !q || a.nombre.toLowerCase().includes(q)).map((a) => this.attendeeView(a));
      const v = this.assemblyView();
      return { status: 200, body: { items, attendance: v.attendance, quorum_min: v.quorum_min, quorum_met: v.quorum_met } };
    }
    if (path === 'attendees' && method === 'POST') {
      if ((r = needStaff())) return r;
      if (state !== 'registro' && state !== 'en_sesion') return fail(409, 'check_in_closed', 'El registro no está abierto.');
      const nombre = String(body?.nombre || '').trim();
      const ident = String(body?.identificador || '').replace(/\s/g, '').toUpperCase();
      if (nombre.length < 2) return fail(400, 'invalid_field', 'Escriba el nombre.', 'nombre');
      if (ident && ident.length < 3) return fail(400, 'invalid_identifier', 'El identificador debe tener de 3 a 40 caracteres.', 'identificador');
      if (!['mujer', 'hombre', 'otro'].includes(body?.sexo)) return fail(400, 'invalid_field', 'Elija mujer, hombre u otro.', 'sexo');
      if (body?.mayor_de_edad !== true) return fail(400, 'not_adult', 'Solo pueden registrarse personas mayores de edad. Confirme la edad de la persona.', 'mayor_de_edad');
      // Without an identifier the name is the key (docs/api.md).
      const key = ident || `nombre:${nombre.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/\s+/g, ' ')}`;
      if (this.identifiers.has(key)) {
        return ident
          ? fail(409, 'duplicate_attendee', 'Esa persona ya está registrada con ese identificador.', 'identificador')
          : fail(409, 'duplicate_attendee', 'Ya hay una persona registrada con ese nombre.', 'nombre');
      }
      this.identifiers.add(key);
      const a = { id: this.nextId++, nombre, sexo: body.sexo, registered_at: new Date().toISOString() };
      this.attendees.push(a);
      const credential = this.credential(a.id);
      this.onChange();
      return { status: 201, body: { attendee: this.attendeeView(a), credential } };
    }
    if ((r = m(/^attendees\/(\d+)\/(reissue|revoke)$/)) && method === 'POST') {
      const denied = needStaff();
      if (denied) return denied;
      const a = this.attendees.find((x) => x.id === Number(r[1]));
      if (!a) return fail(404, 'not_found', 'No encontramos a esa persona.');
      this.revokeCodes(a.id);
      const credential = r[2] === 'reissue' ? this.credential(a.id) : undefined;
      this.floor.waiting = this.floor.waiting.filter((w) => w.attendee_id !== a.id || r[2] === 'reissue');
      this.onChange();
      return { status: 200, body: credential ? { attendee: this.attendeeView(a), credential } : { attendee: this.attendeeView(a) } };
    }

    if (path === 'proposals' && method === 'GET') {
      const all = staff && query.get('all') === '1';
      return { status: 200, body: { items: this.proposals.filter((p) => all || p.status === 'aceptada') } };
    }
    if (path === 'proposals' && method === 'POST') {
      if ((r = needStaff())) return r;
      if (!['convocada', 'registro', 'en_sesion'].includes(state)) return fail(409, 'wrong_state', 'La lista de propuestas ya no se puede cambiar.');
      const title = String(body?.title || '').trim();
      if (!title) return fail(400, 'invalid_field', 'Escriba el título.', 'title');
      if (!['obra', 'mejoramiento', 'equipamiento', 'mobiliario'].includes(body?.category)) return fail(400, 'invalid_field', 'Elija la categoría.', 'category');
      if (!Number.isInteger(body?.cost_centavos) || body.cost_centavos <= 0) return fail(400, 'invalid_field', 'El costo debe ser mayor que cero.', 'cost_centavos');
      if (body.cost_centavos > this.budget) return fail(400, 'over_budget', 'El costo no puede ser mayor que el presupuesto de la unidad.', 'cost_centavos');
      const p = {
        id: this.proposals.length + 1, title, description: String(body.description || ''), category: body.category,
        cost_centavos: body.cost_centavos, source: body.source || 'asamblea', status: 'pendiente', reject_reason: null, merged_into: null,
      };
      this.proposals.push(p);
      return { status: 201, body: p };
    }
    if (path === 'proposals/import' && method === 'POST') {
      if ((r = needStaff())) return r;
      if (!(headers['content-type'] || '').startsWith('text/csv')) return fail(400, 'bad_content_type', 'Envíe un archivo CSV (text/csv).');
      const lines = String(rawBody || '').split(/\r?\n/);
      const problems = [];
      const rows = [];
      lines.slice(1).forEach((line, i) => {
        if (!line.trim()) return;
        const [titulo, descripcion, categoria, costo, origen] = line.split(',');
        const cost = Number(costo);
        if (!titulo) problems.push({ line: i + 2, reason: 'Falta el título.' });
        else if (!['obra', 'mejoramiento', 'equipamiento', 'mobiliario'].includes((categoria || '').trim().toLowerCase())) {
          problems.push({ line: i + 2, reason: `La categoría «${categoria || ''}» no existe. Use obra, mejoramiento, equipamiento o mobiliario.` });
        } else if (!(cost > 0)) problems.push({ line: i + 2, reason: 'El costo debe ser un número mayor que cero, en pesos.' });
        else rows.push({ titulo, descripcion, categoria: categoria.trim().toLowerCase(), cost, origen: (origen || 'diagnostico').trim() });
      });
      if (problems.length) return { status: 400, body: { error: 'invalid_csv', message: 'El archivo tiene líneas con problemas; no se importó nada.', lines: problems } };
      for (const row of rows) {
        this.proposals.push({
          id: this.proposals.length + 1, title: row.titulo, description: row.descripcion || '', category: row.categoria,
          cost_centavos: Math.round(row.cost * 100), source: row.origen, status: 'pendiente', reject_reason: null, merged_into: null,
        });
      }
      return { status: 200, body: { imported: rows.length } };
    }
    if ((r = m(/^proposals\/(\d+)\/(accept|reject|merge)$/)) && method === 'POST') {
      const denied = needStaff();
      if (denied) return denied;
      const p = this.proposals.find((x) => x.id === Number(r[1]));
      if (!p) return fail(404, 'not_found', 'No encontramos esa propuesta.');
      if (r[2] === 'accept') {
        if (!['pendiente', 'rechazada'].includes(p.status)) return fail(409, 'wrong_state', 'Esa propuesta no se puede aceptar.');
        Object.assign(p, { status: 'aceptada', reject_reason: null });
      } else if (r[2] === 'reject') {
        if (!['pendiente', 'aceptada'].includes(p.status)) return fail(409, 'wrong_state', 'Esa propuesta no se puede rechazar.');
        if (!String(body?.reason || '').trim()) return fail(400, 'invalid_field', 'Escriba el motivo.', 'reason');
        Object.assign(p, { status: 'rechazada', reject_reason: body.reason.trim() });
      } else {
        const into = this.proposals.find((x) => x.id === Number(body?.into));
        if (!into || into.status !== 'aceptada' || into.id === p.id) return fail(409, 'bad_merge', 'Solo se fusiona con otra propuesta aceptada.');
        Object.assign(p, { status: 'fusionada', merged_into: into.id });
      }
      return { status: 200, body: p };
    }

    if (path === 'floor' && method === 'GET') return { status: 200, body: this.floorView() };
    if (path === 'floor' && (method === 'POST' || method === 'DELETE') && credentialHeader) {
      const id = this.codes.get(credentialHeader[1].replace(/-/g, '').toUpperCase());
      if (!id) return fail(401, 'bad_credential', 'Esa credencial no es válida.');
      if (method === 'POST') {
        if (this.floor.waiting.some((w) => w.attendee_id === id) || this.floor.current?.attendee_id === id) {
          return fail(409, 'already_waiting', 'Ya pidió la palabra.');
        }
        const req = { id: this.nextId++, attendee_id: id, requested_at: new Date().toISOString() };
        this.floor.waiting.push(req);
        this.onChange();
        return { status: 201, body: { request: req } };
      }
      const req = this.floor.waiting.find((w) => w.attendee_id === id);
      if (!req) return fail(404, 'not_found', 'No había pedido la palabra.');
      this.floor.waiting = this.floor.waiting.filter((w) => w !== req);
      this.onChange();
      return { status: 200, body: { request: req } };
    }
    if (path === 'floor' && method === 'PATCH') {
      if ((r = needStaff())) return r;
      const s = body?.speaker_seconds;
      if (!Number.isInteger(s) || s < 15 || s > 1800) return fail(400, 'invalid_field', 'El tiempo debe ser de 15 a 1800 segundos.', 'speaker_seconds');
      this.floor.speaker_seconds = s;
      this.onChange();
      return { status: 200, body: this.floorView() };
    }
    if ((path === 'floor/next' || (r = m(/^floor\/(\d+)\/(give|done)$/))) && method === 'POST') {
      const denied = needStaff();
      if (denied) return denied;
      const start = (req) => {
        this.floor.waiting = this.floor.waiting.filter((w) => w !== req);
        this.floor.current = req ? { id: req.id, attendee_id: req.attendee_id, started_at: new Date().toISOString() } : null;
      };
      if (path === 'floor/next') start(this.floor.waiting[0] || null);
      else if (r[2] === 'give') {
        const req = this.floor.waiting.find((w) => w.id === Number(r[1]));
        if (!req) return fail(404, 'not_found', 'Esa persona ya no está en espera.');
        start(req);
      } else {
        if (!this.floor.current || this.floor.current.id !== Number(r[1])) return fail(409, 'not_speaking', 'Esa persona no tiene la palabra.');
        this.floor.current = null;
      }
      this.onChange();
      return { status: 200, body: this.floorView() };
    }

    if (path === 'rounds' && method === 'GET') return { status: 200, body: { items: this.rounds.map((x) => this.roundView(x)) } };
    if (path === 'rounds' && method === 'POST') {
      if ((r = needStaff())) return r;
      const kind = body?.kind;
      if (!['budget', 'motion', 'election'].includes(kind)) return fail(400, 'invalid_field', 'Tipo de votación desconocido.', 'kind');
      if (!String(body.title || '').trim()) return fail(400, 'invalid_field', 'Escriba el título.', 'title');
      if (this.refuseNextRound) {
        const refusal = this.refuseNextRound;
        this.refuseNextRound = null;
        return refusal;
      }
      if (body.rule && !['greedy', 'mes', 'mes-add1', 'mes-add1-greedy'].includes(body.rule)) return fail(400, 'invalid_field', 'Regla desconocida.', 'rule');
      let options;
      if (kind === 'budget') {
        options = this.proposals.filter((p) => p.status === 'aceptada').map((p) => ({
          id: String(p.id), label: p.title, cost_centavos: p.cost_centavos, category: p.category, description: p.description,
        }));
      } else if (kind === 'motion') {
        options = [{ id: 'si', label: 'Sí' }, { id: 'no', label: 'No' }, { id: 'abstencion', label: 'Abstención' }];
      } else {
        if (!Array.isArray(body.options) || body.options.length < 2) return fail(400, 'invalid_field', 'Una elección necesita al menos dos candidaturas.', 'options');
        options = body.options;
      }
      const round = {
        id: this.nextId++, kind, title: body.title.trim(), status: 'preparada', rule: body.rule || 'greedy',
        max_choices: body.max_choices || 0, cost_cap_centavos: body.cost_cap_centavos || 0,
        budget_centavos: this.budget, seats: body.seats || 1, options,
        opened_at: null, closes_at: null, closed_at: null, revealed: false, live_results: false,
      };
      this.rounds.push(round);
      this.onChange();
      return { status: 201, body: this.roundView(round) };
    }
    if ((r = m(/^rounds\/(\d+)\/(open|close|reveal|live)$/)) && method === 'POST') {
      const denied = needStaff();
      if (denied) return denied;
      const round = this.rounds.find((x) => x.id === Number(r[1]));
      if (!round) return fail(404, 'not_found', 'No encontramos esa votación.');
      const now = new Date();
      if (r[2] === 'open') {
        if (state !== 'en_sesion') return fail(409, 'wrong_state', 'Solo se vota con la asamblea en sesión.');
        if (this.rounds.some((x) => x.status === 'abierta')) return fail(409, 'round_open', 'Ya hay una votación abierta.');
        if (round.status !== 'preparada') return fail(409, 'wrong_state', 'Esa votación ya se abrió.');
        round.status = 'abierta';
        round.opened_at = now.toISOString();
        if (body?.duration_seconds) round.closes_at = new Date(now.getTime() + body.duration_seconds * 1000).toISOString();
      } else if (r[2] === 'close') {
        if (round.status !== 'abierta') return fail(409, 'wrong_state', 'Esa votación no está abierta.');
        round.status = 'cerrada';
        round.closed_at = now.toISOString();
      } else if (r[2] === 'reveal') {
        if (round.status !== 'cerrada') return fail(409, 'wrong_state', 'Primero cierre la votación.');
        round.revealed = true;
      } else {
        round.live_results = !!body?.enabled;
      }
      this.onChange();
      return { status: 200, body: this.roundView(round) };
    }
    return fail(404, 'not_found', `(mock) no route for ${method} ${path}`);
  }
}

/**
 * Routes /api/c/{clues}/{assembly,attendees,proposals,floor,rounds,me}... of a browser context to
 * the mock. Returns the mock.
 */
export async function installMockApi(context, options = {}) {
  const mock = new AssemblyMock(options);
  const re = /\/api\/c\/([^/?]+)\/((?:assembly|attendees|proposals|floor|rounds|me)(?:\/[^?]*)?)(?:\?(.*))?$/;
  await context.route((url) => re.test(url.pathname + url.search), async (route) => {
    const req = route.request();
    const url = new URL(req.url());
    const [, , path, qs] = re.exec(url.pathname + url.search);
    const headers = await req.allHeaders();
    mock.requests.push([req.method(), path]);
    const { status, body } = mock.handle(req.method(), path, new URLSearchParams(qs || ''), headers, req.postData());
    await route.fulfill({ status, contentType: 'application/json; charset=utf-8', body: JSON.stringify(body) });
  });
  return mock;
}

/**
 * A WebSocket stand-in for /ws/c/{clues}: answers hello with welcome + snapshot and pushes a
 * snapshot after every change in the mock. `refuse: true` closes every socket at once (the page
 * must fall back to polling).
 */
export async function installMockSocket(context, mock, { refuse = false } = {}) {
  const sockets = new Set();
  await context.routeWebSocket(/\/ws\/c\//, (ws) => {
    if (refuse) {
      ws.close({ code: 1011, reason: 'mock: no live connection' });
      return;
    }
    sockets.add(ws);
    ws.onMessage((text) => {
      let msg;
      try {
        msg = JSON.parse(String(text));
      } catch {
        return;
      }
      if (msg.type === 'hello') {
        mock.hellos = (mock.hellos || []).concat([msg]);
        ws.send(JSON.stringify({ type: 'welcome', role: msg.token ? 'staff' : 'public', attendee: null, my_ballots: {} }));
        ws.send(JSON.stringify(mock.snapshot()));
      } else if (msg.type === 'ping') ws.send('{"type":"pong"}');
    });
    ws.onClose(() => sockets.delete(ws));
  });
  const previous = mock.onChange;
  mock.onChange = () => {
    previous();
    const text = JSON.stringify(mock.snapshot());
    for (const ws of sockets) ws.send(text);
  };
  return {
    sockets,
    /** Drops every open socket, as a network hiccup would. */
    dropAll: () => { for (const ws of [...sockets]) ws.close({ code: 1001, reason: 'mock drop' }); },
  };
}

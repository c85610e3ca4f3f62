// Voter's phone, /c/{clues}/votar: join (QR "#CODE" or typed code), vote, receipt, floor; outbox.
import { Live, Outbox, applyProgress, newId, store, wsUrl } from './live.js';
import { countdown, el, icon, notice, participation } from './live-view.js';
import { follow, resultView } from './votar-seguir.js';
import { CATEGORY, STATE, fmtHora, fmtPesos } from './words.js';

const $ = (id) => document.getElementById(id);
const clues = (/^\/c\/([^/]+)/.exec(location.pathname) || [0, ''])[1].toUpperCase();
const base = `/api/c/${clues}`;
const KEY = `asamblea.votar.${clues}`;
const CODE = /^[2-9A-HJ-NP-Z]{8}$/;
const MOTION = [['si', 'Sí'], ['no', 'No'], ['abstencion', 'Me abstengo']];
// The vote's promise on a weak network (issue 16): after ACK_WAIT_MS without the server's ack the
// phone says so and, on a socket that looks open but answers nothing, reconnects and resends the
// same ballot (waiting twice as long each time, at most ACK_WAIT_MAX_MS); in the last LATE_WARN_S
// seconds of a countdown an unacknowledged vote gets a warning.
const ACK_WAIT_MS = 4000;
const ACK_WAIT_MAX_MS = 30_000;
const LATE_WARN_S = 15;
// A busy server (docs/api.md «Busy, retry») keeps nothing of the ballot: the phone keeps it in
// its outbox and sends it again after the server's retry_after_ms, then twice as long each time
// (plus up to half again at random, so phones do not come back in step), at most BUSY_MAX_MS.
const BUSY_MIN_MS = 500;
const BUSY_MAX_MS = 30_000;
// A ballot the server refuses with these codes missed its round: «Su voto no llegó a tiempo».
const TOO_LATE = /^(round_closed|round_not_current)$/;
const HINT = {
  round_closed: 'Si ya había votado antes, ese voto sigue contando.',
  not_checked_in: 'Acuda a la mesa de registro para que registren su asistencia.',
  too_many_ballots: 'Abajo está su comprobante. Si cree que es un error, avise a la mesa.',
  ballot_lost: 'El servidor de su unidad se recuperó de una falla con una copia anterior a su voto. Vote de nuevo; solo cuenta su último voto.',
};
// A refusal that another try cannot fix: the phone shows the counted vote, not the form again.
const FINAL = /^too_many_ballots$/;

// Saved per clinic: code, me, nombre, snap, mine {round: {receipt, choices, ballot_id, at}},
// late {round: true} (a vote that missed its round's close)
let S = store(KEY) || {};
let outbox = null;
let live = null;
let sel = [];
let selRound = null;
let changing = false;
let confirming = false;
let note = null; // the last error about a ballot
let greeted = null; // the welcome's my_ballots, until the snapshot that follows it
let noClinic = ''; // why no code can enter: the address names no clinic
let floor = { busy: false, msg: '', mine: null };
let shown = '';
let resShown = '';
let watchdog = null; // the ack's deadline for the ballot in flight
let stalls = 0; // reconnects for it so far
let promised = ''; // the slow/late flags the screen shows
let busy = null; // a ballot the server answered busy: { ballot_id, tries, at } (at: when resent)
let busyTimer = null;

const save = () => store(KEY, S);
const round = () => (S.snap && S.snap.round) || null;
const opt = (r, id) => (r.options || []).find((o) => String(o.id) === String(id));
const wire = ({ round_id, ballot_id, choices }) => live.send({ type: 'ballot', round_id, ballot_id, choices });
const btn = (text, onclick, cls = '') => el('button', { type: 'button', class: `btn btn-block ${cls}`, onclick }, text);

const form = $('entrar');
const input = $('codigo');
const shownCode = (c) => (c.length > 4 ? `${c.slice(0, 4)}-${c.slice(4)}` : c);

// Upper case and the dash after 4; nothing typed is dropped, so a mistake stays visible.
input.addEventListener('input', () => {
  const c = input.value.toUpperCase().replace(/[\s-]/g, '');
  if (input.selectionStart === input.value.length) input.value = shownCode(c);
});

/** What is wrong with a typed code, in words (null when it looks right). */
function codeProblem(c) {
  if (!c) return 'Escriba el código de su credencial.';
  const odd = [...new Set([...c].filter((ch) => !/[2-9A-HJ-NP-Z]/.test(ch)))];
  const look = odd.filter((ch) => /[01OI]/.test(ch));
  if (look.length) {
    return `El código no lleva 0, 1, O ni I, y usted escribió ${odd.map((ch) => `«${ch}»`).join(', ')}. `
      + 'Revise ese carácter en su papel (por ejemplo, Q o D en vez de O; L, J o 7 en vez de I o 1).';
  }
  if (odd.length) {
    return `El código solo tiene letras y números; quite ${odd.map((ch) => `«${ch}»`).join(', ')}.`;
  }
  if (c.length !== 8) {
    return `Escribió ${c.length} ${c.length === 1 ? 'carácter' : 'caracteres'}, y el código tiene 8 (como K7P4-M2Q9). `
      + `Revise si ${c.length < 8 ? 'falta' : 'sobra'} alguno.`;
  }
  return null;
}

form.addEventListener('submit', (e) => {
  e.preventDefault();
  const c = input.value.toUpperCase().replace(/[\s-]/g, '');
  const problem = codeProblem(c);
  if (problem) return fieldError(problem);
  join(c);
});

function fieldError(msg) {
  $('codigo-error').replaceChildren(...(msg ? [icon('error'), msg] : []));
  input.setAttribute('aria-invalid', !!msg);
  if (msg) input.focus();
}

/** A code the server refused: the field shows it again, with what to do. */
function refusedCode(m, code) {
  if (!input.value && code) input.value = shownCode(code);
  const shown = code ? `«${shownCode(code)}»` : 'ese';
  if (m.error === 'bad_credential') {
    return `No encontramos ninguna credencial con el código ${shown} en esta asamblea. `
      + 'Compare cada carácter con su papel o pida ayuda en la mesa de registro.';
  }
  const t = m.message || 'No pudimos entrar con ese código.';
  return /mesa de registro/.test(t) ? t : `${t} Revise el código o pida ayuda en la mesa de registro.`;
}

// The WebSocket checks the code: a refused hello brings the form back with the code as typed.
function join(code) {
  if (noClinic) return fieldError(noClinic);
  if (code !== S.code) S = { code, nombre: S.nombre, snap: S.snap, mine: {} };
  fieldError('');
  if (live) live.stop();
  save();
  start(true);
}

function leave(msg) {
  if (!msg && outbox && outbox.items.length
      && !confirm('Su voto aún no se envía y no se enviará si sale. ¿Salir de todos modos?')) return;
  if (live) live.stop();
  if (outbox) outbox.set([]);
  stopBusy();
  live = outbox = null;
  S = { nombre: S.nombre, snap: S.snap };
  save();
  render();
  if (msg) fieldError(msg);
  else $('titulo').focus();
}
$('salir').addEventListener('click', () => leave());

function start(focus) {
  outbox = new Outbox(`asamblea.outbox.${clues}.${S.code}`);
  S.mine = S.mine || {};
  // After a reconnect the hello says a ballot still waits for its ack: the moderator's close
  // waits a short grace for it (docs/api.md).
  const hello = () => {
    const b = outbox && outbox.items[outbox.items.length - 1];
    return { credential: S.code, ...(b ? { pending_round_id: Number(b.round_id), pending_ballot_id: b.ballot_id } : {}) };
  };
  live = new Live(wsUrl(clues), { hello, onmessage, onstatus, visibility: true });
  live.version = (S.snap && S.snap.version) || 0;
  live.start();
  render(focus);
}

function onstatus(s) {
  const box = $('conexion');
  if (s === 'conectando' && box.dataset.s === 'sin_conexion') return; // still "Sin conexión"
  box.dataset.s = s;
  box.replaceChildren(...(s === 'conectado' ? [icon('ok'), 'Conectado']
    : s === 'conectando' ? [icon('loading'), 'Conectando…']
      : s === 'sin_conexion' ? [icon('warning'), 'Sin conexión. Reintentando…'] : []));
  render();
}

// After a welcome the snapshot names the server's current round. A receipt this phone holds for
// that open round which the welcome did not list, with nothing of it in the outbox, is a ballot
// the server no longer has: its shard was restored from a backup taken before the vote (README
// «When a machine dies»). The phone stops showing that receipt and asks for the vote again.
function forgetLost(r, listed) {
  if (!listed || !r || r.status !== 'abierta' || !S.mine[r.id] || listed[r.id] || (outbox && outbox.get(r.id))) return;
  delete S.mine[r.id];
  changing = false;
  note = { error: 'ballot_lost', message: 'El servidor ya no tiene su voto.' };
}

function onmessage(m) {
  const listed = greeted;
  greeted = null;
  if (m.type === 'welcome') {
    greeted = m.my_ballots || {};
    if (m.attendee) S.me = m.attendee;
    input.value = '';
    for (const [rid, b] of Object.entries(m.my_ballots || {})) {
      const had = S.mine[rid];
      S.mine[rid] = had && had.ballot_id === b.ballot_id ? { ...had, ...b } : b;
    }
    // The outbox, once per connection, unless the server has that very ballot
    stopBusy();
    for (const b of outbox.items) {
      const got = S.mine[b.round_id];
      if (got && got.ballot_id === b.ballot_id) {
        outbox.drop(b.ballot_id);
        got.at = Date.now();
      } else send(b);
    }
  } else if (m.type === 'snapshot') {
    S.snap = m;
    floor.mine = null;
    forgetLost(m.round, listed);
  } else if (m.type === 'progress') {
    // Only the round's count (and live results) moved; the rest of the snapshot still holds.
    if (!applyProgress(S.snap, m)) return;
  } else if (m.type === 'ack') {
    const b = outbox.get(m.round_id);
    const same = b && b.ballot_id === m.ballot_id;
    S.mine[m.round_id] = { receipt: m.receipt, ballot_id: m.ballot_id, at: Date.now(), choices: same ? b.choices : [] };
    if (S.late) delete S.late[m.round_id];
    outbox.drop(m.ballot_id);
    changing = false;
    note = null;
    stopBusy();
  } else if (m.type === 'error') {
    if (m.error === 'busy' && m.ballot_id) {
      // Not a refusal: the ballot stays in the outbox and goes again by itself. A busy answer to
      // an earlier copy of a ballot already acknowledged changes nothing.
      if (outbox.items.some((b) => b.ballot_id === m.ballot_id)) retryLater(m);
    } else if (m.ballot_id) {
      const lost = outbox.items.find((b) => b.ballot_id === m.ballot_id);
      // The round closed before the ballot arrived: it was not counted and is never sent again.
      if (lost && TOO_LATE.test(m.error)) S.late = { ...S.late, [lost.round_id]: true };
      outbox.drop(m.ballot_id);
      changing = !FINAL.test(m.error);
    } else if (!live.ready || /credential|not_checked_in|unauthorized/.test(m.error)) {
      return leave(refusedCode(m, S.code));
    }
    if (m.error !== 'busy') note = m;
  }
  watch();
  save();
  render();
}

// After a busy answer: the same ballot again, later (see BUSY_MIN_MS). A ballot whose round has
// closed meanwhile is sent all the same: the server's round_closed says it did not arrive in time.
function retryLater(m) {
  const tries = busy && busy.ballot_id === m.ballot_id ? busy.tries + 1 : 0;
  const base = Math.min(BUSY_MAX_MS, Math.max(BUSY_MIN_MS, Number(m.retry_after_ms) || 0) * 2 ** tries);
  const wait = Math.min(BUSY_MAX_MS, base * (1 + Math.random() / 2));
  clearTimeout(busyTimer);
  busy = { ballot_id: m.ballot_id, tries, at: Date.now() + wait };
  busyTimer = setTimeout(() => {
    busyTimer = null;
    const b = outbox && outbox.items.find((x) => x.ballot_id === busy.ballot_id);
    if (b) send(b);
    else busy = null;
    render();
  }, wait);
}

function stopBusy() {
  clearTimeout(busyTimer);
  busyTimer = null;
  busy = null;
}

// Sends a ballot now if the socket is up, and starts waiting for its ack.
function send(b) {
  if (live.ready) wire(b);
  watch();
}

// The ack's deadline: a socket that stays open (or keeps connecting) but brings no ack within
// ACK_WAIT_MS is treated as dead (closed and opened again; the welcome resends the same ballot,
// which the server never counts twice). Without a socket, Live's own reconnects do the work.
function watch() {
  clearTimeout(watchdog);
  watchdog = null;
  if (!outbox || !outbox.items.length) {
    stalls = 0;
    return;
  }
  if (busyTimer) return; // the server answered: busy, not dead; the resend re-arms the watch
  const wait = Math.min(ACK_WAIT_MAX_MS, ACK_WAIT_MS * 2 ** stalls);
  watchdog = setTimeout(() => {
    watchdog = null;
    if (live && live.ws && navigator.onLine && outbox && outbox.items.length) {
      stalls += 1;
      live.now();
    }
    render();
    watch();
  }, wait);
}

function review(ids) {
  sel = ids;
  confirming = true;
  render(true);
}

function submit() {
  const r = round();
  const b = { round_id: r.id, ballot_id: newId(), choices: [...sel], at: Date.now() };
  outbox.put(b);
  confirming = changing = false;
  note = null;
  if (S.late) delete S.late[r.id];
  stalls = 0;
  stopBusy();
  send(b);
  render(true);
}

// How the promise stands for the ballot waiting in `pending`: slow (no ack after ACK_WAIT_MS),
// late (the countdown has at most LATE_WARN_S seconds left).
function promise(r, pending) {
  if (!pending || !r || r.status !== 'abierta') return { slow: false, late: false };
  const end = Date.parse(r.closes_at || '');
  const left = end && live ? (end - live.serverNow()) / 1000 : Infinity;
  return { slow: Date.now() - (pending.at || 0) >= ACK_WAIT_MS, late: left <= LATE_WARN_S };
}

const maxOf = (r) => (r.kind === 'motion' ? 1 : r.max_choices || (r.kind === 'election' ? r.seats || 1 : 0));
const costOf = (r, ids) => ids.reduce((t, id) => t + ((opt(r, id) || {}).cost_centavos || 0), 0);

function counter(r, extra = '') {
  const max = maxOf(r);
  return `Ha elegido ${sel.length}${max ? ` de ${max}` : ''}.${r.kind !== 'budget' ? ''
    : ` Total: ${fmtPesos(costOf(r, sel))}${r.cost_cap_centavos ? ` de ${fmtPesos(r.cost_cap_centavos)} permitidos` : ''}.`} ${extra}`;
}

function ballotForm(r) {
  if (r.kind === 'motion') {
    return el('div', { class: 'stack' }, MOTION.map(([id, text]) => btn(text, () => review([id]), 'btn-secondary btn-xl')));
  }
  const max = maxOf(r);
  const count = el('p', { id: 'cuantas', class: 'cuantas', role: 'status' });
  const say = (why) => { count.textContent = counter(r, why); };
  const items = (r.options || []).map((o) => {
    const id = String(o.id);
    const box = el('input', { type: max === 1 ? 'radio' : 'checkbox', name: 'op', value: id, checked: sel.includes(id) });
    box.addEventListener('change', () => {
      let why = '';
      if (max === 1) sel = [id];
      else if (!box.checked) sel = sel.filter((x) => x !== id);
      else if (max && sel.length >= max) why = 'Para elegir otra, quite primero una.';
      else if (r.cost_cap_centavos && costOf(r, [...sel, id]) > r.cost_cap_centavos) {
        why = `Con esta opción pasaría de ${fmtPesos(r.cost_cap_centavos)}. Quite otra primero.`;
      } else sel.push(id);
      if (why) box.checked = false;
      for (const n of document.querySelectorAll('.opcion')) n.classList.toggle('sel', n.querySelector('input').checked);
      say(why);
    });
    return el('li', { class: ['opcion', sel.includes(id) && 'sel'] }, el('label', {}, box,
      el('span', { class: 'op-body' },
        el('span', { class: 'op-title' }, o.label),
        el('span', { class: 'op-meta' }, o.category ? el('span', {}, cat(o.category), ' ', CATEGORY[o.category] || o.category) : null,
          o.cost_centavos ? el('strong', { class: 'money' }, fmtPesos(o.cost_centavos)) : null),
        o.description ? el('span', { class: 'op-desc' }, o.description) : null)));
  });
  say();
  return [
    el('fieldset', {}, el('legend', { class: 'visually-hidden' }, r.title), el('ul', { class: 'list-plain opciones' }, items)),
    el('div', { class: 'envio stack-sm' }, count, btn('Enviar mi voto', () => {
      if (sel.length) review(sel);
      else say('Elija al menos una opción antes de enviar.');
    }, 'btn-lg')),
  ];
}

function chosen(r, ids) {
  if (!ids || !ids.length) return null;
  return el('div', {}, el('p', {}, 'Usted eligió:'),
    el('ul', { class: 'elegidas' }, ids.map((id) => {
      const o = opt(r, id) || {};
      return el('li', {}, (MOTION.find((x) => x[0] === id) || [0, o.label || id])[1],
        o.cost_centavos ? ` (${fmtPesos(o.cost_centavos)})` : '');
    })),
    r.kind === 'budget' ? el('p', {}, `Total: ${fmtPesos(costOf(r, ids))}`) : null);
}

const receipt = (r, mine) => notice('ok', ['Su voto quedó registrado. Comprobante: ', el('strong', { class: 'comprobante' }, mine.receipt)], '',
  mine.at ? el('p', {}, `Confirmado a las ${fmtHora(mine.at)} h.`) : null,
  chosen(r, mine.choices),
  el('p', { class: 'small' }, 'Con el comprobante puede encontrar su voto en la lista de votos que se publica al cerrar la votación.'));

function instructions(r) {
  const max = maxOf(r);
  return (max === 1 ? 'Elija una opción.' : max ? `Elija hasta ${max} opciones.` : 'Elija todas las opciones que apoya.')
    + (r.cost_cap_centavos ? ` El total no puede pasar de ${fmtPesos(r.cost_cap_centavos)}.` : '');
}

// /img/cat-{category}.svg as a mask (CSSOM: allowed by the CSP)
function cat(c) {
  const i = icon('cat');
  i.style.setProperty('--i', `url(/img/cat-${c}.svg)`);
  return i;
}

function render(focus) {
  const joined = !!live;
  const r = round();
  form.hidden = joined;
  $('sesion').hidden = !joined;
  $('palabra').hidden = !joined || !S.snap;
  $('cosabi').hidden = !joined || !/^(registro|en_sesion)$/.test(S.snap && S.snap.assembly && S.snap.assembly.state) || r && r.status === 'abierta';
  $('quien').textContent = S.me ? `Votando como ${S.me.nombre}.` : '';
  $('unidad').textContent = `La Clínica es Nuestra · ${S.nombre || 'Asamblea comunitaria'}`;
  if (joined) renderFloor();

  if (r && r.id !== selRound) {
    selRound = r.id;
    sel = [];
    changing = confirming = false;
    note = null;
  }
  const mine = r && S.mine && S.mine[r.id];
  const pending = r && outbox && outbox.get(r.id);
  const late = !!(r && S.late && S.late[r.id]);
  const { slow, late: warn } = promise(r, pending);
  promised = JSON.stringify([slow, warn]);
  const view = !joined ? 'entrar' : !S.snap ? 'cargando' : !r || r.status === 'preparada' ? 'espera'
    : r.status !== 'abierta' ? 'cerrada' : pending ? 'pendiente' : confirming ? 'confirmar'
      : mine && !changing ? 'recibo' : 'elegir';
  const a = (S.snap && S.snap.assembly) || {};
  // From a busy answer to the ack (or a reconnect): the note stays while the resend is on its way.
  const waiting = !!(busy && pending && busy.ballot_id === pending.ballot_id);
  const key = JSON.stringify([view, r && [r.id, r.status, r.options, !!r.results], mine, pending, live && live.ready, note, a.state, S.nombre,
    late, slow, warn, waiting]);
  const box = $('voto');
  box.hidden = !joined;
  if (key !== shown) {
    shown = key;
    let title = 'Entrar a la votación';
    const body = [];
    if (view === 'cargando') title = 'Votación';
    else if (view === 'espera') {
      title = 'Espere: la votación aún no empieza';
      body.push(el('p', { class: 'lead' }, `Estado de la asamblea: ${STATE[a.state] || a.state || 'sin dato'}.`),
        el('p', {}, 'Cuando la mesa abra una votación, aparecerá aquí. No necesita recargar la página.'));
    } else if (view !== 'entrar') {
      title = view === 'confirmar' ? 'Revise su voto' : r.title;
      body.push(el('p', { class: 'ronda-info' }, el('span', { id: 'part' }), ' ', el('span', { id: 'cuenta', role: 'timer' })));
      if (note && !(view === 'cerrada' && late)) {
        body.push(notice('error', note.message || 'Su voto no se pudo registrar.', 'Error:', el('p', {}, HINT[note.error]
          || (/choice|cost/.test(note.error) ? 'Revise su elección y envíe su voto de nuevo.' : 'Intente de nuevo. Si el problema sigue, avise a la mesa de registro.'))));
      }
      if (view === 'cerrada') {
        body.push(notice('info', r.results ? 'La votación se cerró.' : 'La votación se cerró. Espere los resultados.'));
        if (pending) {
          // The server's answer to the resend says whether it arrived in time.
          body.push(notice('loading', live.ready ? 'Comprobando si su voto llegó a tiempo…'
            : 'Sin conexión: al reconectar sabremos si su voto llegó a tiempo.'), chosen(r, pending.choices));
        } else if (late) {
          body.push(el('div', { role: 'alert' }, notice('error', 'Su voto no llegó a tiempo.', '',
            el('p', {}, 'La votación se cerró antes de que su voto llegara al servidor, y no se contó.'),
            el('p', {}, mine ? 'Su voto anterior sí cuenta (abajo su comprobante).' : 'Si cree que es un error, avise a la mesa.'))));
          if (mine) body.push(receipt(r, mine));
        } else body.push(mine ? receipt(r, mine) : el('p', {}, 'No hay un voto suyo registrado en esta votación.'));
      } else if (view === 'pendiente') {
        const offline = live.ready ? null : el('p', {}, 'Sin conexión: su voto se enviará al reconectar.');
        if (warn) {
          body.push(el('div', { role: 'alert' }, notice('error', 'La votación está por cerrar y su voto todavía no llega al servidor.', '',
            el('p', {}, 'No cierre esta página. Si puede, acérquese a donde haya mejor señal o avise a la mesa.'), offline)));
        } else if (waiting) {
          body.push(el('div', { role: 'status' }, notice('warning', 'Hay mucha actividad en el servidor.', '',
            el('p', {}, 'Su voto está guardado en este teléfono y se reenviará ', el('span', { id: 'reenvio' }, resendIn()), '.'),
            el('p', {}, 'No necesita hacer nada; no cierre esta página.'), offline)));
        } else if (slow) {
          body.push(el('div', { role: 'alert' }, notice('warning', 'Su voto aún no llega al servidor.', '',
            el('p', {}, 'Seguimos intentando; no cierre esta página.'), offline)));
        } else {
          body.push(live.ready ? notice('loading', 'Enviando su voto…')
            : notice('warning', 'su voto se enviará al reconectar.', 'Sin conexión:',
              el('p', {}, 'No cierre esta página: la votación puede cerrar antes.')));
        }
        body.push(chosen(r, pending.choices));
      } else if (view === 'confirmar') {
        body.push(chosen(r, sel), btn('Confirmar y enviar', submit, 'btn-lg'),
          btn('Volver a elegir', () => { confirming = false; render(true); }, 'btn-secondary'));
      } else if (view === 'recibo') {
        body.push(receipt(r, mine), !(note && FINAL.test(note.error)) && btn('Cambiar mi voto', () => {
          changing = true;
          sel = (mine.choices || []).map(String);
          render(true);
        }, 'btn-secondary'));
      } else body.push(el('p', {}, instructions(r)), ballotForm(r));
    }
    $('titulo').textContent = title;
    box.replaceChildren(...body.flat().filter(Boolean));
    if (focus) $('titulo').focus();
  }
  // After the vote the phone follows the assembly (votar-seguir.js); the close takes the screen.
  if (follow({ snap: S.snap, me: S.me, joined, clues, mine: S.mine })) {
    box.hidden = $('palabra').hidden = $('cosabi').hidden = true;
    $('titulo').textContent = 'La asamblea terminó';
  }
  tick();

  const show = joined && r && r.results ? r : null;
  const rk = show ? JSON.stringify(show.results) : '';
  $('res').hidden = !show;
  if (rk !== resShown) {
    resShown = rk;
    $('res-body').replaceChildren(...(show ? resultView(show) : []));
    if (show) $('res-t').textContent = `${show.revealed ? 'Resultados' : 'Resultados en vivo'}: ${show.title}`;
  }
}

// «en N s» until the busy ballot goes again.
function resendIn() {
  const s = busy ? Math.max(0, Math.ceil((busy.at - Date.now()) / 1000)) : 0;
  return s > 0 ? `en ${s} s` : 'ahora';
}

function tick() {
  const r = round();
  // The promise's notices change with the clock, not only with messages.
  if (live && r && outbox && outbox.get(r.id)) {
    const { slow, late } = promise(r, outbox.get(r.id));
    if (JSON.stringify([slow, late]) !== promised) render();
  }
  const again = $('reenvio');
  if (again && again.textContent !== resendIn()) again.textContent = resendIn();
  const part = $('part');
  const cuenta = $('cuenta');
  if (part && r) part.textContent = `${participation(r, (S.snap.assembly || {}).attendance)}.`;
  const left = live && r && r.status === 'abierta' && countdown(r.closes_at, live.serverNow());
  if (cuenta) cuenta.textContent = left ? `Cierra en ${left}.` : '';
}
setInterval(tick, 1000);

function renderFloor() {
  const f = (S.snap && S.snap.floor) || { waiting: [] };
  const me = S.me ? String(S.me.id) : '-';
  const idx = f.waiting.findIndex((w) => String(w.attendee_id) === me);
  const speaking = f.current && String(f.current.attendee_id) === me;
  const waiting = floor.mine !== null ? floor.mine : idx >= 0;
  const n = f.waiting.length;
  $('palabra-txt').textContent = `${speaking ? 'Usted tiene la palabra.'
    : waiting ? (idx >= 0 ? `Usted está en la fila: lugar ${idx + 1} de ${n}.` : 'Usted pidió la palabra. Espere su turno.')
      : n ? `${n} ${n === 1 ? 'persona espera' : 'personas esperan'} turno.` : 'Nadie espera turno.'} ${floor.msg}`;
  const b = $('palabra-btn');
  b.hidden = speaking;
  b.textContent = waiting ? 'Retirar mi turno' : 'Pedir la palabra';
  b.disabled = floor.busy;
}

// Rarely used, so loaded on demand
$('cosabi-btn').addEventListener('click', () => import('./votar-cosabi.js').then((m) => m.open($('cosabi'), base, S))
  .catch(() => { $('cosabi-btn').textContent = 'Sin conexión. Toque para intentar de nuevo.'; }));

$('palabra-btn').addEventListener('click', async () => {
  const method = $('palabra-btn').textContent === 'Pedir la palabra' ? 'POST' : 'DELETE';
  floor = { busy: true, msg: '', mine: floor.mine };
  renderFloor();
  try {
    const res = await fetch(`${base}/floor`, { method, headers: { Accept: 'application/json', Authorization: `Credential ${S.code}` } });
    const d = await res.json().catch(() => ({}));
    if (res.ok || (res.status === 409 && method === 'POST')) floor.mine = method === 'POST';
    else floor.msg = `${d.message || 'No se pudo.'} Intente de nuevo o levante la mano.`;
  } catch {
    floor.msg = 'Sin conexión. Intente de nuevo cuando tenga señal.';
  }
  floor.busy = false;
  renderFloor();
});

// Usable before the WebSocket answers: the form, or the last snapshot from localStorage.
// A clinic that does not exist (a mistyped address) has no WebSocket to join: say so at the code.
fetch(base).then(async (r) => {
  const c = await r.json();
  if (r.status === 404) {
    noClinic = `No existe una unidad de salud con la clave CLUES «${clues}». Revise la dirección o vuelva a leer el código QR.`;
    return leave(noClinic);
  }
  S.nombre = c.nombre; save(); render();
}).catch(() => {});

// QR link votar#CODE (also into an open tab); the code leaves the URL
function fromHash() {
  const qr = location.hash.slice(1).toUpperCase().replace(/[^0-9A-Z]/g, '');
  if (location.hash) history.replaceState(null, '', location.pathname + location.search);
  return CODE.test(qr) && !join(qr);
}
addEventListener('hashchange', fromHash);
if (!fromHash()) S.code ? start() : render();

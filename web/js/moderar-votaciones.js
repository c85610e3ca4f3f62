// Tab "Votaciones": prepare a round (budget, motion or election), open it with an optional
// countdown, watch participation ("37 de 52 han votado"), close it, reveal the results or show
// them live, and read each result with its explanation. A round prepared by mistake can be
// cancelled before it opens (it stays in the list, marked «Cancelada»).
import { el, icon, replaceChildren } from './common.js';
import {
  COSABI_ROLE, KIND, ROUND_STATUS, RULE, RULE_HINT, fmtClock, fmtPesos, plural,
} from './words.js';
import {
  ask, busy, call, changed, ctx, emit, fieldError, on, parsePesos, serverNow, show, showError,
  working,
} from './moderar-ctx.js';

// The budget rules the moderator chooses from, in this order (plain names: words.js RULE).
const BUDGET_RULES = ['greedy', 'mes', 'mes-add1', 'mes-add1-greedy'];
const STATUS_LOOK = {
  preparada: { badge: 'badge-info', icon: 'info' },
  abierta: { badge: 'badge-ok', icon: 'ok' },
  cerrada: { badge: '', icon: 'info' },
  cancelada: { badge: 'badge-warning', icon: 'warning' },
};
const DURATIONS = [
  ['', 'Sin cuenta regresiva'], ['60', '1 minuto'], ['120', '2 minutos'], ['180', '3 minutos'],
  ['300', '5 minutos'], ['600', '10 minutos'], ['900', '15 minutos'],
];

let rounds = [];
let selectedId = null;
let bodyEl;
let statusEl;
let listEl;
let countdownTimer = null;
let countdownEl = null;
let loading = null;
let lastKey = null;
let chosenDuration = '';
let closingId = null; // a close answered 202: it waits for votes in flight (docs/api.md)

// ---------- Helpers ----------

function badge(status) {
  const s = STATUS_LOOK[status] || { badge: '', icon: 'info' };
  return el('span', { class: `badge ${s.badge}` }, icon(s.icon), ROUND_STATUS[status] || status);
}

function displayed() {
  const byId = selectedId !== null ? rounds.find((r) => String(r.id) === String(selectedId)) : null;
  // A cancelled round is shown only when asked for («Ver»): it is no longer the current one.
  const live = rounds.filter((r) => r.status !== 'cancelada');
  return byId
    || live.find((r) => r.status === 'abierta')
    || live.find((r) => r.status === 'preparada')
    || live[live.length - 1]
    || null;
}

function openRound() {
  return rounds.find((r) => r.status === 'abierta') || null;
}

function upsert(round) {
  if (!round || round.id === undefined) return;
  const i = rounds.findIndex((r) => String(r.id) === String(round.id));
  // Cancelling is final: a snapshot sent just before it must not bring the round back.
  if (i >= 0 && rounds[i].status === 'cancelada' && round.status !== 'cancelada') return;
  if (i >= 0) rounds[i] = { ...rounds[i], ...round };
  else rounds.push(round);
  rounds.sort((a, b) => Number(a.id) - Number(b.id));
  ctx.rounds = rounds;
}

function participation(r) {
  const ballots = Number(r.ballots) || 0;
  const attendance = Number(r.attendance ?? (ctx.assembly && ctx.assembly.attendance)) || 0;
  const pct = attendance ? Math.round((ballots / attendance) * 100) : 0;
  return el('div', { class: 'participation stack-sm' },
    el('p', { class: 'participation-text', id: 'participacion' },
      el('span', { class: 'big-number' }, `${ballots} de ${attendance}`), ' ',
      ballots === 1 ? 'ha votado' : 'han votado',
      attendance ? el('span', { class: 'muted' }, ` (${pct} %)`) : null),
    el('progress', { class: 'participation-bar', max: Math.max(attendance, 1), value: Math.min(ballots, Math.max(attendance, 1)), 'aria-labelledby': 'participacion' }));
}

function details(r) {
  const facts = [['Tipo', KIND[r.kind] || r.kind]];
  if (r.kind === 'budget') {
    facts.push(['Regla', RULE[r.rule] || r.rule || RULE.greedy]);
    facts.push(['Máximo por persona', r.max_choices ? plural(r.max_choices, 'propuesta', 'propuestas') : 'Sin límite']);
    if (r.cost_cap_centavos) facts.push(['Tope por boleta', fmtPesos(r.cost_cap_centavos)]);
    if (Number.isFinite(r.budget_centavos)) facts.push(['Presupuesto', fmtPesos(r.budget_centavos)]);
  }
  if (r.kind === 'election') {
    if (r.role) facts.push(['Cargo del COSABI', COSABI_ROLE[r.role] || r.role]);
    if (r.runoff_of) facts.push(['Segunda vuelta de', (rounds.find((x) => String(x.id) === String(r.runoff_of)) || {}).title || `#${r.runoff_of}`]);
    if ((r.seats || 1) > 1 && r.rule && RULE[r.rule]) facts.push(['Regla', RULE[r.rule]]);
    facts.push(['Lugares', String(r.seats || 1)]);
    if ((r.seats || 1) > 1) facts.push(['Paridad', r.parity ? `Sí: ningún sexo ocupa más de ${Math.ceil(r.seats / 2)} lugares` : 'No']);
  }
  if (r.ratify_committee) facts.push(['Si se aprueba', 'El COSABI anterior sigue un año más']);
  const options = Array.isArray(r.options) ? r.options : [];
  facts.push(['Opciones', String(options.length)]);
  return el('dl', { class: 'facts round-facts' }, facts.map(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));
}

function resultsBlock(r) {
  const res = r.results;
  if (!res || !Array.isArray(res.lines)) return null;
  const budget = r.kind === 'budget';
  const options = new Map((r.options || []).map((o) => [String(o.id), o]));
  // Counted without quorum: not valid, so nothing is marked as chosen.
  const valid = res.quorum_met !== false;
  return el('div', { class: 'stack results' },
    el('h3', { id: 'resultados-titulo' }, r.status === 'abierta' ? 'Resultados en vivo (parciales)' : 'Resultados'),
    valid ? null : el('div', { class: 'notice notice-warning' }, icon('warning'), el('div', { class: 'notice-body' },
      el('p', { class: 'notice-title' }, r.status === 'abierta'
        ? 'Aún no hay quórum: si la votación se cierra así, el resultado no será válido.'
        : 'Sin quórum: resultado no válido.'))),
    res.summary ? el('p', { class: 'results-summary' }, res.summary) : null,
    r.status === 'cerrada' && res.runoff ? runoffBlock(r) : null,
    el('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-labelledby': 'resultados-titulo' },
      el('table', { class: 'table' },
        el('thead', {}, el('tr', {},
          el('th', { scope: 'col' }, 'Opción'),
          el('th', { scope: 'col', class: 'num' }, 'Votos'),
          budget ? el('th', { scope: 'col', class: 'num' }, 'Costo') : null,
          el('th', { scope: 'col' }, 'Resultado'))),
        el('tbody', {}, res.lines.map((line) => {
          const opt = options.get(String(line.id));
          const cost = line.cost_centavos ?? (opt && opt.cost_centavos);
          const won = valid && line.selected;
          return el('tr', { class: won ? 'row-selected' : null },
            el('th', { scope: 'row' }, line.label || (opt && opt.label) || line.id),
            el('td', { class: 'num' }, String(line.votes ?? '')),
            budget ? el('td', { class: 'num money' }, Number.isFinite(cost) ? fmtPesos(cost) : '') : null,
            el('td', {},
              won
                ? el('span', { class: 'badge badge-ok' }, icon('ok'), budget ? 'Seleccionada' : 'Gana')
                : budget && valid ? el('span', { class: 'badge' }, 'No seleccionada') : null,
              line.explanation ? el('p', { class: 'explanation' }, line.explanation) : null));
        })))));
}

// A single-seat election that tied: who tied, and the segunda vuelta (one action).
function runoffBlock(r) {
  const tied = (r.results.tied || []).map((id) => ((r.options || []).find((o) => String(o.id) === String(id)) || {}).label || id);
  const next = rounds.find((x) => String(x.runoff_of) === String(r.id));
  return el('div', { class: 'notice notice-warning' }, icon('warning'), el('div', { class: 'notice-body' },
    el('p', { class: 'notice-title' }, 'Empate: ', `${tied.slice(0, -1).join(', ')} y ${tied[tied.length - 1]} tienen los mismos votos.`),
    next
      ? el('p', {}, `La segunda vuelta ya está: «${next.title}». `,
        el('button', { type: 'button', class: 'btn btn-secondary', onclick: () => { selectedId = next.id; render(); document.getElementById('ronda-actual-titulo')?.focus(); } },
          'Ver la segunda vuelta'))
      : [el('p', {}, 'Se vota otra vez solo entre quienes empataron.'),
        el('p', {}, el('button', { type: 'button', class: 'btn', id: 'ronda-segunda', onclick: (e) => runoff(r, e.currentTarget) },
          'Preparar segunda vuelta'))]));
}

async function runoff(r, button) {
  const undo = busy(button, 'Preparando…');
  try {
    const round = await call(`rounds/${encodeURIComponent(r.id)}/runoff`, { method: 'POST' });
    undo();
    upsert(round);
    selectedId = round.id;
    render();
    show(statusEl, 'ok', `Segunda vuelta preparada: «${round.title}».`,
      el('p', {}, 'Ábrala cuando la asamblea esté lista.'));
    document.getElementById('ronda-actual-titulo')?.focus();
  } catch (err) {
    undo();
    showError(statusEl, 'No se preparó la segunda vuelta.', err);
    loadRounds({ quiet: true });
  }
}

// ---------- The displayed round ----------

function tickCountdown(r) {
  clearInterval(countdownTimer);
  countdownTimer = null;
  if (!r || r.status !== 'abierta' || !r.closes_at || !countdownEl) return;
  const end = Date.parse(r.closes_at);
  if (!Number.isFinite(end)) return;
  const update = () => {
    const left = (end - serverNow()) / 1000;
    countdownEl.textContent = left > 0 ? `Se cierra sola en ${fmtClock(Math.ceil(left))}` : 'Cerrando…';
    if (left <= -3) {
      clearInterval(countdownTimer);
      countdownTimer = null;
      loadRounds({ quiet: true });
    }
  };
  update();
  countdownTimer = setInterval(update, 500);
}

function renderCurrent() {
  const r = displayed();
  countdownEl = null;
  document.getElementById('vot-actual-titulo').textContent = r && r.status === 'abierta' ? 'Votación en curso' : 'Votación';
  if (!r) {
    replaceChildren(bodyEl, el('p', { class: 'muted' }, rounds.length
      ? 'No hay una votación en curso. Prepare otra con el formulario de abajo.'
      : 'No hay votaciones todavía. Prepare una con el formulario de abajo.'));
    tickCountdown(null);
    return;
  }
  const session = ctx.assembly && ctx.assembly.state === 'en_sesion';
  const other = openRound();
  const parts = [
    el('div', { class: 'round-head' },
      el('h3', { class: 'round-title', id: 'ronda-actual-titulo', tabindex: -1 }, r.title),
      badge(r.status)),
    details(r),
  ];

  if (r.status === 'preparada') {
    const duration = el('select', {
      class: 'select', id: 'ronda-duracion', onchange: (e) => { chosenDuration = e.currentTarget.value; },
    }, DURATIONS.map(([v, label]) => el('option', { value: v, selected: v === chosenDuration }, label)));
    const blocked = !session
      ? 'Para abrir la votación, la asamblea debe estar «En sesión» (pestaña Cierre).'
      : other && String(other.id) !== String(r.id) ? `Primero cierre la votación abierta «${other.title}».` : null;
    parts.push(el('div', { class: 'round-open' },
      el('div', { class: 'field' }, el('label', { for: 'ronda-duracion' }, 'Cuenta regresiva'), duration),
      el('button', {
        type: 'button', class: 'btn btn-lg', id: 'ronda-abrir', disabled: !!blocked,
        onclick: (e) => openIt(r, duration.value, e.currentTarget),
      }, 'Abrir votación')));
    if (blocked) parts.push(el('p', { class: 'muted' }, icon('info'), ` ${blocked}`));
    parts.push(el('div', { class: 'round-cancel' },
      el('p', { class: 'muted' }, '¿Se preparó con un error? Cancélela y prepare otra.'),
      el('button', {
        type: 'button', class: 'btn btn-lg btn-secondary', id: 'ronda-cancelar',
        onclick: (e) => cancelIt(r, e.currentTarget),
      }, 'Cancelar votación')));
  }

  if (r.status === 'cancelada') {
    parts.push(el('p', {}, el('span', { class: 'badge badge-warning' }, icon('warning'), 'Votación cancelada'),
      ' No se abrió ni recibió votos. Queda en la lista y en la bitácora.'));
  }

  if (r.status === 'abierta') {
    countdownEl = r.closes_at ? el('p', { class: 'round-countdown', role: 'timer', 'aria-live': 'off' }) : null;
    const live = el('input', {
      type: 'checkbox', id: 'ronda-en-vivo', checked: !!r.live_results,
      onchange: (e) => setLive(r, e.currentTarget),
    });
    parts.push(participation(r), inFlight(r), countdownEl,
      el('label', { class: 'check' }, live, 'Mostrar resultados en vivo en la pantalla y los teléfonos'),
      el('div', { class: 'cluster' },
        el('button', { type: 'button', class: 'btn btn-lg btn-danger', id: 'ronda-cerrar', onclick: (e) => closeIt(r, e.currentTarget) },
          'Cerrar votación')));
  }

  if (r.status === 'cerrada') {
    if (String(closingId) === String(r.id)) {
      closingId = null;
      show(statusEl, 'ok', `Se cerró la votación «${r.title}».`, el('p', {}, 'Cuando quiera, pulse «Mostrar resultados».'));
    }
    parts.push(participation(r));
    if (!r.revealed) {
      parts.push(el('div', { class: 'cluster' },
        el('button', { type: 'button', class: 'btn btn-lg', id: 'ronda-revelar', onclick: (e) => reveal(r, e.currentTarget) },
          'Mostrar resultados'),
        el('p', { class: 'muted' }, 'Los resultados aparecen en la pantalla y en los teléfonos.')));
    } else {
      parts.push(el('p', {}, el('span', { class: 'badge badge-ok' }, icon('ok'), 'Resultados publicados')));
    }
  }

  parts.push(resultsBlock(r));
  replaceChildren(bodyEl, parts);
  tickCountdown(r);
}

function renderList() {
  if (!rounds.length) {
    replaceChildren(listEl, el('li', { class: 'muted' }, 'Sin votaciones.'));
    return;
  }
  const shown = displayed();
  replaceChildren(listEl, [...rounds].reverse().map((r) => el('li', { class: 'round-row' },
    el('div', {},
      el('p', { class: 'round-row-title' }, r.title),
      el('p', { class: 'muted' }, `${r.role ? `COSABI: ${COSABI_ROLE[r.role] || r.role}` : KIND[r.kind] || r.kind} · ${r.ballots ?? 0} votos`)),
    badge(r.status),
    el('button', {
      type: 'button', class: 'btn btn-secondary', 'aria-pressed': String(!!shown && String(shown.id) === String(r.id)),
      onclick: () => {
        selectedId = r.id;
        render();
        document.getElementById('ronda-actual-titulo')?.focus();
      },
    }, 'Ver', el('span', { class: 'visually-hidden' }, ` «${r.title}»`)))));
}

function render({ force = false } = {}) {
  // Polls and snapshots arrive every few seconds: redraw only on a change, keeping focus.
  const key = JSON.stringify([rounds, selectedId, ctx.assembly && ctx.assembly.state]);
  if (!force && key === lastKey) return;
  lastKey = key;
  const focusedId = document.activeElement && document.activeElement.id;
  renderCurrent();
  renderList();
  if (focusedId && document.activeElement === document.body) document.getElementById(focusedId)?.focus();
}

async function loadRounds({ quiet = false } = {}) {
  if (loading) return loading;
  if (!quiet && !rounds.length) working(bodyEl, 'Cargando las votaciones…');
  loading = (async () => {
    try {
      const data = await call('rounds');
      rounds = Array.isArray(data.items) ? [...data.items] : [];
      rounds.sort((a, b) => Number(a.id) - Number(b.id));
      ctx.rounds = rounds;
      if (ctx.round) upsert(ctx.round);
      render();
    } catch (err) {
      if (!quiet) showError(statusEl, 'No pudimos cargar las votaciones.', err);
    } finally {
      loading = null;
    }
  })();
  return loading;
}

// ---------- Actions ----------

async function roundAction(r, button, words, path, body, okTitle, ...okBody) {
  const undo = busy(button, words);
  try {
    const round = await call(`rounds/${encodeURIComponent(r.id)}/${path}`, { method: 'POST', body });
    undo();
    if (round && round.id !== undefined) upsert(round);
    selectedId = r.id;
    render();
    show(statusEl, 'ok', okTitle, ...okBody);
    return round;
  } catch (err) {
    undo();
    showError(statusEl, `No se pudo: ${words.replace('…', '').toLowerCase()}`, err);
    loadRounds({ quiet: true });
    return null;
  }
}

// Without quorum the server refuses to open (409 sin_quorum) until the moderator confirms: ask,
// then open again with confirm_without_quorum.
async function openIt(r, duration, button) {
  const body = duration ? { duration_seconds: Number(duration) } : {};
  const path = `rounds/${encodeURIComponent(r.id)}/open`;
  let undo = busy(button, 'Abriendo…');
  try {
    let round;
    try {
      round = await call(path, { method: 'POST', body });
    } catch (err) {
      if (!err || err.code !== 'sin_quorum') throw err;
      undo();
      const ok = await ask({
        title: `¿Abrir «${r.title}» sin quórum?`,
        body: [el('p', {}, err.message),
          el('p', {}, 'La pantalla, los teléfonos y el acta dirán «Sin quórum: resultado no válido».')],
        confirm: 'Abrir sin quórum',
        cancel: 'No abrir todavía',
        danger: true,
      });
      if (!ok) {
        show(statusEl, 'info', `La votación «${r.title}» no se abrió.`,
          el('p', {}, 'Ábrala cuando haya quórum, o confirme que se vota sin él.'));
        return;
      }
      undo = busy(button, 'Abriendo…');
      round = await call(path, { method: 'POST', body: { ...body, confirm_without_quorum: true } });
    }
    undo();
    if (round && round.id !== undefined) upsert(round);
    selectedId = r.id;
    render();
    show(statusEl, 'ok', `Se abrió la votación «${r.title}».`,
      el('p', {}, duration ? `Se cerrará sola en ${Number(duration) / 60} min.` : 'Ciérrela cuando todas las personas hayan votado.'));
    document.getElementById('ronda-cerrar')?.focus();
  } catch (err) {
    undo();
    showError(statusEl, 'No se pudo: abriendo', err);
    loadRounds({ quiet: true });
  }
}

// Phones connected with a vote on its way (sent or queued, not yet stored): the snapshot's
// pending_votes, and whether the close is waiting for them.
const inFlightText = (n) => (n === 1 ? '1 teléfono conectado tiene un voto en camino.'
  : `${n} teléfonos conectados tienen un voto en camino.`);

function inFlight(r) {
  const n = Number(r.pending_votes) || 0;
  if (!n && !r.closing) return null;
  return el('p', { class: 'round-in-flight', id: 'ronda-en-camino' }, icon(r.closing ? 'loading' : 'info'), ' ',
    n ? inFlightText(n) : '', r.closing ? ' Cerrando: se esperan unos segundos a que lleguen.' : '');
}

async function closeIt(r, button) {
  const n = Number(r.pending_votes) || 0;
  const ok = await ask({
    title: `¿Cerrar la votación «${r.title}»?`,
    body: [el('p', {}, `Han votado ${r.ballots ?? 0} de ${r.attendance ?? '?'} personas.`),
      n ? el('p', { id: 'cerrar-en-camino' }, inFlightText(n), ' Al cerrar se esperan unos segundos a que lleguen, y se cuentan.') : null,
      el('p', {}, 'Después de cerrar ya no se reciben votos. No se puede volver a abrir.')].filter(Boolean),
    confirm: 'Cerrar votación',
    danger: true,
  });
  if (!ok) return;
  const undo = busy(button, 'Cerrando…');
  try {
    const round = await call(`rounds/${encodeURIComponent(r.id)}/close`, { method: 'POST' });
    undo();
    selectedId = r.id;
    if (round && round.closing) {
      // 202: the server closes the round when the votes in flight arrive or the grace ends.
      const wait = Math.ceil((Number(round.close_grace_ms) || 5000) / 1000);
      closingId = r.id;
      upsert(round);
      render();
      show(statusEl, 'info', `Cerrando «${r.title}»: ${inFlightText(Number(round.pending_votes) || 0)}`,
        el('p', {}, `La votación se cierra en cuanto lleguen, o en ${wait} segundos como máximo.`));
      setTimeout(() => loadRounds({ quiet: true }), wait * 1000 + 1500); // without the live view
      return;
    }
    if (round && round.id !== undefined) upsert(round);
    render();
    show(statusEl, 'ok', `Se cerró la votación «${r.title}».`, el('p', {}, 'Cuando quiera, pulse «Mostrar resultados».'));
    document.getElementById('ronda-revelar')?.focus();
  } catch (err) {
    undo();
    showError(statusEl, 'No se pudo: cerrando', err);
    loadRounds({ quiet: true });
  }
}

async function cancelIt(r, button) {
  const ok = await ask({
    title: `¿Cancelar la votación «${r.title}»?`,
    body: [el('p', {}, 'Todavía no se abre: nadie ha votado.'),
      el('p', {}, 'No se podrá abrir después. Seguirá en la lista marcada como «Cancelada», y podrá preparar otra.')],
    confirm: 'Sí, cancelar la votación',
    cancel: 'No, mantenerla',
    danger: true,
  });
  if (!ok) return;
  const round = await roundAction(r, button, 'Cancelando…', 'cancel', undefined, `Se canceló la votación «${r.title}».`,
    el('p', {}, 'Ya no es la votación en curso. Puede preparar otra con el formulario de abajo.'));
  if (!round) return;
  // Back to whatever is current now (another prepared round, the last one, or none).
  selectedId = null;
  render();
  replaceChildren(document.getElementById('ronda-form-estado')); // «Votación preparada» is stale now
  document.getElementById('ronda-titulo')?.focus();
}

async function reveal(r, button) {
  const round = await roundAction(r, button, 'Publicando…', 'reveal', undefined, `Resultados de «${r.title}» publicados.`,
    el('p', {}, 'Ya se ven en la pantalla y en los teléfonos.'));
  if (round) document.getElementById('resultados-titulo')?.scrollIntoView({ block: 'nearest' });
}

async function setLive(r, checkbox) {
  const enabled = checkbox.checked;
  checkbox.disabled = true;
  try {
    const round = await call(`rounds/${encodeURIComponent(r.id)}/live`, { body: { enabled } });
    if (round && round.id !== undefined) upsert(round);
    render();
    document.getElementById('ronda-en-vivo')?.focus();
    show(statusEl, 'ok', enabled ? 'Los resultados se muestran en vivo.' : 'Los resultados en vivo se ocultaron.');
  } catch (err) {
    checkbox.checked = !enabled;
    checkbox.disabled = false;
    showError(statusEl, 'No se cambió la opción de resultados en vivo.', err);
  }
}

// ---------- New round ----------

function setupForm() {
  const form = document.getElementById('form-ronda');
  const kinds = [...form.querySelectorAll('input[name="kind"]')];
  const budgetBox = document.getElementById('ronda-budget');
  const electionBox = document.getElementById('ronda-election');
  const title = document.getElementById('ronda-titulo');
  const max = document.getElementById('ronda-max');
  const cap = document.getElementById('ronda-tope');
  const rule = document.getElementById('ronda-regla');
  // One radio per rule, named by what it does, with one line of explanation under it.
  rule.replaceChildren(...BUDGET_RULES.map((value) => el('div', { class: 'rule-choice' },
    el('label', { class: 'choice' }, el('input', {
      type: 'radio', name: 'rule', value, checked: value === 'greedy', 'aria-describedby': `ronda-regla-${value}`,
    }), RULE[value]),
    el('p', { class: 'hint', id: `ronda-regla-${value}` }, RULE_HINT[value]))));
  const candidates = document.getElementById('ronda-candidatos');
  const seats = document.getElementById('ronda-lugares');
  const submit = document.getElementById('ronda-enviar');
  const status = document.getElementById('ronda-form-estado');
  const err = (id) => document.getElementById(`${id}-error`);
  const inputs = [title, max, cap, candidates, seats];
  for (const input of inputs) input.addEventListener('input', () => fieldError(input, err(input.id), null));

  const kind = () => (kinds.find((k) => k.checked) || kinds[0]).value;
  const sync = () => {
    budgetBox.hidden = kind() !== 'budget';
    electionBox.hidden = kind() !== 'election';
  };
  for (const k of kinds) k.addEventListener('change', sync);
  sync();

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    for (const input of inputs) fieldError(input, err(input.id), null);
    const k = kind();
    const body = { kind: k, title: title.value.trim() };
    let first = null;
    const bad = (input, text) => {
      fieldError(input, err(input.id), text);
      first = first || input;
    };
    if (!body.title) bad(title, 'Escriba el título de la votación.');
    if (k === 'budget') {
      if (max.value.trim()) {
        const n = Number(max.value);
        if (!Number.isInteger(n) || n < 1) bad(max, 'Escriba un número entero, 1 o más, o déjelo vacío.');
        else body.max_choices = n;
      }
      if (cap.value.trim()) {
        const c = parsePesos(cap.value);
        if (c === null || c <= 0) bad(cap, 'Escriba el tope en pesos (por ejemplo 200,000) o déjelo vacío.');
        else body.cost_cap_centavos = c;
      }
      body.rule = (rule.querySelector('input[name="rule"]:checked') || { value: 'greedy' }).value;
    } else if (k === 'election') {
      const names = candidates.value.split('\n').map((s) => s.trim()).filter(Boolean);
      const unique = [...new Set(names.map((n) => n.toLowerCase()))];
      const n = Number(seats.value || 1);
      if (names.length < 2) bad(candidates, 'Escriba al menos dos candidaturas, una por línea.');
      else if (unique.length !== names.length) bad(candidates, 'Hay un nombre repetido.');
      if (!Number.isInteger(n) || n < 1) bad(seats, 'Escriba un número entero, 1 o más.');
      else if (names.length >= 2 && n >= names.length) bad(seats, 'Debe haber más candidaturas que lugares.');
      body.seats = n;
      body.options = names.map((label, i) => ({ id: String(i + 1), label }));
    }
    if (first) {
      show(status, 'error', 'Falta un dato.', { word: 'Revise:' }, el('p', {}, 'Corrija lo marcado y vuelva a intentar.'));
      first.focus();
      return;
    }
    const undo = busy(submit, 'Preparando…');
    try {
      const round = await call('rounds', { body });
      undo();
      form.reset();
      sync();
      if (round && round.id !== undefined) {
        upsert(round);
        selectedId = round.id;
      }
      render();
      show(status, 'ok', `Votación preparada: «${body.title}».`,
        el('p', {}, 'Revísela arriba y ábrala cuando la asamblea esté lista.'));
      document.getElementById('ronda-actual-titulo')?.focus();
      loadRounds({ quiet: true });
    } catch (e) {
      undo();
      const map = { title, max_choices: max, cost_cap_centavos: cap, options: candidates, seats };
      const target = e.field && map[e.field];
      if (target) {
        fieldError(target, err(target.id), e.message);
        target.focus();
        show(status, 'error', 'No se preparó la votación.', { word: 'Revise:' }, el('p', {}, 'Vea el mensaje junto al campo.'));
      } else showError(status, 'No se preparó la votación.', e);
    }
  });
}

function renderGate() {
  const gate = document.getElementById('vot-aviso');
  const s = ctx.assembly && ctx.assembly.state;
  if (!changed('votaciones-gate', s)) return;
  if (s === 'en_sesion') replaceChildren(gate);
  else {
    replaceChildren(gate, el('div', { class: 'notice notice-info' }, icon('info'), el('div', { class: 'notice-body' },
      el('p', { class: 'notice-title' }, 'Aviso: solo se vota con la asamblea «En sesión».'),
      el('p', {}, s === 'suspendida'
        ? 'Puede preparar votaciones; se abren cuando se reanude la sesión.'
        : s === 'cerrada' ? 'La asamblea está cerrada.' : 'Puede preparar las votaciones desde ahora y abrirlas cuando inicie la sesión.'),
      s !== 'cerrada' ? el('p', {}, el('button', { type: 'button', class: 'btn btn-secondary', onclick: () => emit('goto', 'cierre') },
        'Ir a Cierre')) : null)));
  }
}

export function init() {
  bodyEl = document.getElementById('vot-actual-cuerpo');
  statusEl = document.getElementById('vot-estado');
  listEl = document.getElementById('vot-lista');
  setupForm();
  on('round', (round) => {
    if (!round) return;
    upsert(round);
    if (ctx.activeTab === 'votaciones') render();
  });
  on('assembly', ({ assembly, before }) => {
    renderGate();
    if (ctx.activeTab === 'votaciones' && before && before.state !== assembly.state) render();
  });
  on('poll', () => {
    if (ctx.activeTab === 'votaciones') loadRounds({ quiet: true });
  });
  // From the COSABI tab: show this round when the tab opens.
  on('show-round', (id) => {
    selectedId = id;
    lastKey = null;
  });
  renderGate();
}

export function onShow() {
  loadRounds();
}

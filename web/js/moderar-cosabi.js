// Tab "COSABI": nominations per role (the moderator nominates; people also nominate themselves
// from the phone), each role's election prepared from its nominations (vocalías with seats, rule
// and parity), ties with their runoff, the ratification motion, and the elected committee with
// one-time invitation codes for its logins. Rounds are opened, closed and revealed in
// "Votaciones"; docs/api.md "COSABI (issue 6)".
import { el, icon, replaceChildren } from './common.js';
import { linkOrigin } from './link-origin.js';
import { COSABI_ROLE, RULE, RULE_HINT, fmtFecha } from './words.js';
import {
  ask, busy, call, changed, ctx, emit, on, show, showError, working,
} from './moderar-ctx.js';

// The order of the committee's list, and how many seats each role has.
const ROLES = [
  { role: 'presidencia', max: 1 },
  { role: 'secretaria_tecnica', max: 1 },
  { role: 'tesoreria', max: 1 },
  { role: 'vocalia', max: 5 },
  { role: 'aval_ciudadano', max: 1 },
].map((r) => ({ ...r, label: COSABI_ROLE[r.role] }));
const LABEL = COSABI_ROLE;
const SEXO = { mujer: 'Mujer', hombre: 'Hombre', otro: 'Otro' };

let nominations = [];
let rounds = [];
let committee = { term: null, terms: [], members: [] };
let attendees = [];
let loading = null;
let rolesEl;
let committeeEl;
let statusEl;
const prefs = {}; // per vocalía form: seats, rule, parity typed but not sent yet

// ---------- Data ----------

async function load({ quiet = false } = {}) {
  if (loading) return loading;
  if (!quiet && !nominations.length) working(rolesEl, 'Cargando las postulaciones…');
  loading = (async () => {
    try {
      const [n, r, c, a] = await Promise.all([
        call('nominations'), call('rounds'), call('committee'), call('attendees'),
      ]);
      nominations = n.items || [];
      rounds = (r.items || []).sort((x, y) => Number(x.id) - Number(y.id));
      committee = c || committee;
      attendees = (a.items || []).filter((p) => p.credential_status === 'activa')
        .sort((x, y) => x.nombre.localeCompare(y.nombre, 'es'));
      render();
    } catch (err) {
      if (!quiet) showError(statusEl, 'No pudimos cargar el COSABI.', err);
    } finally {
      loading = null;
    }
  })();
  return loading;
}

// A cancelled round never happened as far as the role is concerned: the next one may be prepared.
const roleRounds = (role) => rounds.filter((r) => r.role === role && r.status !== 'cancelada');
const members = (role) => committee.members.filter((m) => m.role === role && m.term === edition());
const edition = () => (ctx.assembly && ctx.assembly.edition) || null;
const names = (ids, r) => ids.map((id) => ((r.options || []).find((o) => String(o.id) === String(id)) || {}).label || id);

function list(words) {
  if (words.length < 2) return words.join('');
  return `${words.slice(0, -1).join(', ')} y ${words[words.length - 1]}`;
}

// Where a role stands: what the moderator reads and the one next step offered.
function roleState(role) {
  const own = roleRounds(role);
  const last = own[own.length - 1];
  const won = members(role);
  if (last && last.status !== 'cerrada') {
    return { kind: 'pending', round: last, badge: ['info', last.status === 'abierta' ? 'Votación abierta' : 'Votación preparada'] };
  }
  if (last && last.status === 'cerrada' && !last.revealed) {
    return { kind: 'closed', round: last, badge: ['info', 'Votación cerrada'] };
  }
  if (last && last.results && last.results.runoff && !rounds.some((r) => String(r.runoff_of) === String(last.id))) {
    return { kind: 'tie', round: last, badge: ['warning', 'Empate'] };
  }
  if (won.length) return { kind: 'elected', badge: ['ok', 'Elección terminada'] };
  return { kind: 'open', badge: [null, 'Sin votación'] };
}

// ---------- Render ----------

function badge([kind, word]) {
  return el('span', { class: `badge${kind ? ` badge-${kind}` : ''}` }, icon(kind || 'info'), word);
}

function nomineeRow(n, locked) {
  const how = n.by === 'self' ? 'Se postuló desde su teléfono' : 'Postulación de la mesa';
  return el('li', { class: 'cosabi-nominee' },
    el('div', {},
      el('p', { class: 'att-name' }, n.nombre),
      el('p', { class: 'muted' }, [SEXO[n.sexo] || n.sexo, how, n.present ? null : 'sin credencial activa']
        .filter(Boolean).join(' · '))),
    locked ? null : el('button', {
      type: 'button', class: 'btn btn-secondary',
      onclick: (e) => withdraw(n, e.currentTarget),
    }, 'Retirar', el('span', { class: 'visually-hidden' }, ` la postulación de ${n.nombre} a ${LABEL[n.role]}`)));
}

function vocaliaFields(count) {
  const p = prefs.vocalia || (prefs.vocalia = { seats: '', rule: 'av', parity: true });
  const seats = el('input', {
    class: 'input input-short', id: 'cosabi-lugares', type: 'number', inputmode: 'numeric', min: 1, max: 5,
    step: 1, value: p.seats || String(Math.min(5, Math.max(1, count))), 'aria-describedby': 'cosabi-lugares-hint',
    oninput: (e) => { p.seats = e.currentTarget.value; },
  });
  const ruleHint = el('p', { id: 'cosabi-regla-hint', class: 'hint' }, RULE_HINT[p.rule]);
  const rule = el('select', {
    class: 'select', id: 'cosabi-regla', 'aria-describedby': 'cosabi-regla-hint',
    onchange: (e) => { p.rule = e.currentTarget.value; ruleHint.textContent = RULE_HINT[p.rule]; },
  }, ['av', 'seqphragmen'].map((value) => el('option', { value, selected: p.rule === value }, RULE[value])));
  const parity = el('input', {
    type: 'checkbox', id: 'cosabi-paridad', checked: p.parity, onchange: (e) => { p.parity = e.currentTarget.checked; },
  });
  return el('div', { class: 'cosabi-vocalia' },
    el('div', { class: 'field' }, el('label', { for: 'cosabi-lugares' }, 'Lugares'), seats,
      el('p', { id: 'cosabi-lugares-hint', class: 'hint' }, 'De 1 a 5.'),
      el('p', { id: 'cosabi-lugares-error', class: 'field-error', hidden: true })),
    el('div', { class: 'field' }, el('label', { for: 'cosabi-regla' }, 'Regla para contar'), rule, ruleHint),
    el('label', { class: 'check' }, parity, 'Paridad: ningún sexo ocupa más de la mitad de los lugares (redondeando hacia arriba)'));
}

function roleCard({ role, label, max }) {
  const state = roleState(role);
  const own = nominations.filter((n) => n.role === role);
  const locked = state.kind === 'pending';
  const head = el('div', { class: 'round-head' },
    el('h3', { class: 'cosabi-role-title', id: `cosabi-${role}` }, label),
    badge(state.badge),
    el('span', { class: 'muted' }, max > 1 ? `hasta ${max} lugares` : 'un lugar'));
  const parts = [head];
  const won = members(role);
  if (won.length) {
    parts.push(el('p', { class: 'cosabi-won' }, icon('ok'), ' ',
      `${won.length > 1 ? 'Personas electas' : 'Persona electa'}: ${won.map((m) => m.nombre).join(', ')}`,
      won.some((m) => m.source === 'ratificacion') ? ' (ratificación)' : ''));
  }
  // Decided: the nominations are history; the card only says who was elected.
  if (state.kind === 'elected') {
    parts.push(el('p', { class: 'muted' }, own.length === 1 ? '1 postulación.' : `${own.length} postulaciones.`));
    return el('li', { class: 'card stack cosabi-role cosabi-elected', 'aria-labelledby': `cosabi-${role}` }, parts);
  }
  parts.push(own.length
    ? el('ul', { class: 'list-plain cosabi-nominees', 'aria-label': `Postulaciones a ${label}` }, own.map((n) => nomineeRow(n, locked)))
    : el('p', { class: 'muted' }, 'Nadie se ha postulado todavía.'));

  const actions = [];
  if (state.kind === 'pending') {
    actions.push(el('p', {}, `«${state.round.title}» está ${state.round.status}. Ábrala, ciérrela y muestre el resultado en Votaciones.`),
      el('button', { type: 'button', class: 'btn btn-secondary', onclick: () => goToRound(state.round) },
        'Ir a Votaciones', el('span', { class: 'visually-hidden' }, ` para ${label}`)));
  } else if (state.kind === 'closed') {
    actions.push(el('p', {}, `«${state.round.title}» se cerró. Muestre el resultado en Votaciones para saber si hubo empate.`),
      el('button', { type: 'button', class: 'btn btn-secondary', onclick: () => goToRound(state.round) },
        'Ir a Votaciones', el('span', { class: 'visually-hidden' }, ` para ${label}`)));
  } else if (state.kind === 'tie') {
    const tied = names(state.round.results.tied || [], state.round);
    actions.push(
      el('div', { class: 'notice notice-warning' }, icon('warning'), el('div', { class: 'notice-body' },
        el('p', { class: 'notice-title' }, 'Empate: ', `${list(tied)} tienen los mismos votos.`),
        el('p', {}, 'Se vota otra vez solo entre ellas: la segunda vuelta.'))),
      el('button', {
        type: 'button', class: 'btn btn-lg', onclick: (e) => runoff(state.round, e.currentTarget),
      }, 'Preparar segunda vuelta', el('span', { class: 'visually-hidden' }, ` de ${label}`)));
  } else {
    if (role === 'vocalia' && own.length) actions.push(vocaliaFields(own.length));
    actions.push(el('button', {
      type: 'button', class: 'btn', disabled: !own.length, onclick: (e) => prepare(role, e.currentTarget),
    }, 'Preparar la elección', el('span', { class: 'visually-hidden' }, ` de ${label}`)));
    actions.push(el('p', { class: 'muted' }, own.length ? 'Prepárela cuando estén todas las postulaciones: después ya no cambian.'
      : 'Se prepara cuando haya al menos una postulación.'));
  }
  parts.push(el('div', { class: 'cosabi-actions stack-sm' }, actions));
  return el('li', { class: `card stack cosabi-role cosabi-${state.kind}`, 'aria-labelledby': `cosabi-${role}` }, parts);
}

function renderCommittee() {
  const term = edition();
  const now = committee.members.filter((m) => m.term === term);
  const older = (committee.terms || []).find((t) => t < term);
  const parts = [];
  if (!now.length) {
    parts.push(el('p', { class: 'muted' }, 'Aún no hay cargos electos en esta asamblea.'));
  } else {
    parts.push(el('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': 'Cargos electos' },
      el('table', { class: 'table cosabi-table' },
        el('thead', {}, el('tr', {},
          el('th', { scope: 'col' }, 'Cargo'), el('th', { scope: 'col' }, 'Nombre'), el('th', { scope: 'col' }, 'Cuenta de seguimiento'))),
        el('tbody', {}, now.map((m) => el('tr', {},
          el('th', { scope: 'row' }, m.role === 'vocalia' ? `Vocalía ${m.seat}` : LABEL[m.role] || m.role_label),
          el('td', {}, m.nombre, m.revealed ? null : el('span', { class: 'muted' }, ' (resultado sin publicar)')),
          el('td', {}, account(m))))))));
  }
  const ratified = now.some((m) => m.source === 'ratificacion');
  const motion = rounds.find((r) => r.ratify_committee);
  if (older && !ratified) {
    parts.push(el('div', { class: 'stack-sm cosabi-ratificar' },
      el('p', {}, `Hay un COSABI electo en ${older}. La asamblea puede ratificarlo por un año más en lugar de elegir uno nuevo.`),
      motion
        ? el('button', { type: 'button', class: 'btn btn-secondary', onclick: () => goToRound(motion) }, 'Ver la moción de ratificación')
        : el('button', { type: 'button', class: 'btn btn-secondary', onclick: (e) => ratify(older, e.currentTarget) },
          `Preparar moción para ratificar al COSABI ${older}`)));
  }
  replaceChildren(committeeEl, parts);
}

function account(m) {
  if (m.account === 'con_cuenta') return el('span', { class: 'badge badge-ok' }, icon('ok'), 'Ya tiene cuenta');
  const badge = {
    invitacion_pendiente: el('span', { class: 'badge badge-info' }, icon('info'), 'Código entregado'),
    invitacion_vencida: el('span', { class: 'badge badge-warning' }, icon('warning'), 'Código vencido'),
  }[m.account] || null;
  return el('div', { class: 'cluster' },
    badge,
    el('button', { type: 'button', class: 'btn btn-secondary', onclick: (e) => invite(m, e.currentTarget) },
      m.account === 'sin_invitacion' ? 'Generar código de invitación' : 'Dar un código nuevo',
      el('span', { class: 'visually-hidden' }, ` para ${m.nombre}`)));
}

function renderForm() {
  const select = document.getElementById('postular-persona');
  const value = select.value;
  if (!changed('cosabi-people', attendees.map((p) => [p.id, p.nombre]))) return;
  replaceChildren(select, el('option', { value: '' }, attendees.length ? 'Elija a una persona' : 'No hay personas registradas'),
    attendees.map((p) => el('option', { value: String(p.id), selected: String(p.id) === value }, p.nombre)));
}

function render() {
  // Polls repeat the same data: redraw only on a change, so the focus stays where it was.
  if (!changed('cosabi', nominations, rounds, committee, ctx.assembly && ctx.assembly.state, attendees.length)) return;
  const focusedId = document.activeElement && document.activeElement.id;
  const focusedText = document.activeElement && document.activeElement.closest('#cosabi-cargos') && document.activeElement.textContent;
  renderForm();
  replaceChildren(rolesEl, ROLES.map(roleCard));
  renderCommittee();
  document.getElementById('cosabi-comite-titulo').textContent = `COSABI ${edition() || ''}`.trim();
  if (document.activeElement === document.body) {
    const again = (focusedId && document.getElementById(focusedId))
      || (focusedText && [...rolesEl.querySelectorAll('button')].find((b) => b.textContent === focusedText));
    if (again) again.focus();
  }
}

// ---------- Actions ----------

function goToRound(round) {
  emit('show-round', round.id);
  emit('goto', 'votaciones');
}

async function act(button, words, fn, okTitle, ...okBody) {
  const undo = busy(button, words);
  try {
    const out = await fn();
    undo();
    if (okTitle) show(statusEl, 'ok', okTitle, ...okBody);
    await load({ quiet: true });
    return out;
  } catch (err) {
    undo();
    showError(statusEl, `No se pudo: ${words.replace('…', '').toLowerCase()}`, err);
    load({ quiet: true });
    return null;
  }
}

async function withdraw(n, button) {
  const ok = await ask({
    title: `¿Retirar la postulación de ${n.nombre}?`,
    body: [el('p', {}, `Ya no aparecerá en la elección de ${LABEL[n.role]}. Puede volver a postularse después.`)],
    confirm: 'Retirar',
    danger: true,
  });
  if (!ok) return;
  await act(button, 'Retirando…', () => call(`nominations/${n.id}`, { method: 'DELETE' }),
    `Se retiró la postulación de ${n.nombre} a ${LABEL[n.role]}.`);
}

async function prepare(role, button) {
  const body = { kind: 'election', role };
  if (role === 'vocalia') {
    const input = document.getElementById('cosabi-lugares');
    const error = document.getElementById('cosabi-lugares-error');
    const n = Number(input.value);
    if (!Number.isInteger(n) || n < 1 || n > 5) {
      replaceChildren(error, icon('error'), el('span', {}, 'Escriba un número de 1 a 5.'));
      error.hidden = false;
      input.setAttribute('aria-invalid', 'true');
      input.focus();
      return;
    }
    body.seats = n;
    body.rule = document.getElementById('cosabi-regla').value;
    body.parity = document.getElementById('cosabi-paridad').checked;
  }
  const round = await act(button, 'Preparando…', () => call('rounds', { body }),
    `Elección preparada: «${LABEL[role]}».`, el('p', {}, 'Ábrala en Votaciones cuando la asamblea esté lista.'));
  if (round) {
    delete prefs[role];
    statusEl.scrollIntoView({ block: 'nearest' });
    document.getElementById(`cosabi-${role}`)?.closest('li')?.querySelector('button')?.focus();
  }
}

async function runoff(round, button) {
  const created = await act(button, 'Preparando…', () => call(`rounds/${round.id}/runoff`, { method: 'POST' }));
  if (created) {
    show(statusEl, 'ok', `Segunda vuelta preparada: «${created.title}».`,
      el('p', {}, `Solo entre ${list(created.options.map((o) => o.label))}. Ábrala en Votaciones.`));
    document.getElementById(`cosabi-${round.role}`)?.closest('li')?.querySelector('button')?.focus();
  }
}

async function ratify(term, button) {
  const motion = await act(button, 'Preparando…', () => call('rounds', { body: { kind: 'motion', ratify_committee: true } }),
    `Moción preparada: ratificar al COSABI ${term}.`, el('p', {}, 'Ábrala en Votaciones. Si se aprueba, el COSABI sigue un año más.'));
  if (motion) goToRound(motion);
}

async function invite(m, button) {
  if (m.account === 'invitacion_pendiente') {
    const ok = await ask({
      title: `¿Dar un código nuevo a ${m.nombre}?`,
      body: [el('p', {}, 'El código anterior dejará de servir.')],
      confirm: 'Dar código nuevo',
    });
    if (!ok) return;
  }
  const out = await act(button, 'Generando…', () => call(`committee/${m.id}/invitation`, { method: 'POST' }));
  if (!out) return;
  const { host } = await linkOrigin();
  const box = document.getElementById('cosabi-codigo');
  replaceChildren(box, el('div', { class: 'notice notice-ok cosabi-code' }, icon('ok'), el('div', { class: 'notice-body' },
    el('p', { class: 'notice-title' }, `Código de invitación para ${m.nombre} (${m.role === 'vocalia' ? `Vocalía ${m.seat}` : LABEL[m.role]}):`),
    el('p', { class: 'cred-code mono', id: 'cosabi-codigo-valor' }, out.invitation.display),
    el('p', {}, 'Entrégueselo solo a esta persona. Con él crea su usuario y contraseña del COSABI en ',
      el('strong', { class: 'mono' }, `${host}${out.invitation.claim_url}`),
      ' (unidad ', el('strong', { class: 'mono' }, out.invitation.clues), ').'),
    el('p', {}, `Se muestra una sola vez, sirve una sola vez y vence el ${fmtFecha(out.invitation.expires_at)}. Anótelo ahora, con la dirección.`),
    el('p', {}, el('button', { type: 'button', class: 'btn btn-secondary', onclick: () => { replaceChildren(box); document.getElementById('cosabi-comite-titulo').focus(); } },
      'Ya lo entregué: ocultar')))));
  box.querySelector('button').focus();
}

// ---------- Setup ----------

function setupForm() {
  const form = document.getElementById('form-postular');
  const role = document.getElementById('postular-cargo');
  const person = document.getElementById('postular-persona');
  const status = document.getElementById('postular-estado');
  const submit = document.getElementById('postular-enviar');
  replaceChildren(role, ROLES.map((r) => el('option', { value: r.role }, r.label)));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const error = document.getElementById('postular-persona-error');
    if (!person.value) {
      replaceChildren(error, icon('error'), el('span', {}, 'Elija a la persona que se postula.'));
      error.hidden = false;
      person.setAttribute('aria-invalid', 'true');
      person.focus();
      return;
    }
    error.hidden = true;
    person.removeAttribute('aria-invalid');
    const who = person.options[person.selectedIndex].textContent;
    const undo = busy(submit, 'Postulando…');
    try {
      await call('nominations', { body: { role: role.value, attendee_id: Number(person.value) } });
      undo();
      show(status, 'ok', `Se registró la postulación de ${who} a ${LABEL[role.value]}.`);
      person.value = '';
      person.focus();
      load({ quiet: true });
    } catch (err) {
      undo();
      showError(status, 'No se registró la postulación.', err,
        err.status === 409 ? 'Revise la persona y el cargo en la lista de abajo.' : null);
    }
  });
}

function renderGate() {
  const gate = document.getElementById('cosabi-aviso');
  const s = ctx.assembly && ctx.assembly.state;
  if (!changed('cosabi-gate', s)) return;
  const open = s === 'registro' || s === 'en_sesion';
  document.getElementById('postular-enviar').disabled = !open;
  replaceChildren(gate, open ? null : el('div', { class: 'notice notice-info' }, icon('info'), el('div', { class: 'notice-body' },
    el('p', { class: 'notice-title' }, 'Aviso: las postulaciones se reciben con la asamblea en «Registro abierto» o «En sesión».'),
    el('p', {}, s === 'cerrada' ? 'La asamblea está cerrada.' : 'Las elecciones se votan con la asamblea «En sesión».'))));
}

export function init() {
  rolesEl = document.getElementById('cosabi-cargos');
  committeeEl = document.getElementById('cosabi-comite');
  statusEl = document.getElementById('cosabi-estado');
  setupForm();
  on('assembly', () => renderGate());
  // Snapshots arrive with every change in the room (a phone's nomination too); reload at most
  // once a second and a half.
  let timer = null;
  const soon = () => {
    if (ctx.activeTab !== 'cosabi' || timer) return;
    timer = setTimeout(() => { timer = null; load({ quiet: true }); }, 1500);
  };
  on('poll', soon);
  on('round', soon);
  renderGate();
}

export function onShow() {
  // Messages from an earlier visit are old news.
  replaceChildren(statusEl);
  replaceChildren(document.getElementById('postular-estado'));
  load();
}

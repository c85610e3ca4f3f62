// Tab "Cierre": the assembly's state transitions (open registration, start, suspend / resume,
// close) and the quorum. Only the transitions the server lists in allowed_transitions are
// enabled; the irreversible ones ask first.
import { el, replaceChildren, stateBadge } from './common.js';
import {
  apiPath, ask, busy, call, changed, ctx, fieldError, on, setAssembly, show, showError,
} from './moderar-ctx.js';
import { STATE } from './words.js';
import { refreshNow } from './moderar-live.js';

/** What each state means for the moderator, under the big badge. */
const STATE_HELP = {
  convocada: 'La asamblea está convocada. El registro todavía no abre.',
  registro: 'Se está registrando a las personas que llegan.',
  en_sesion: 'La asamblea está sesionando: registro, palabra y votaciones.',
  suspendida: 'La asamblea está en pausa. Nada se registra ni se vota hasta reanudarla.',
  cerrada: 'La asamblea terminó. Ya no se puede cambiar nada.',
};

let listEl;
let statusEl;

/** The steps, in the order of an assembly's day. `from` tells start and resume apart. */
function steps() {
  const a = ctx.assembly || {};
  const allowed = Array.isArray(a.allowed_transitions) ? a.allowed_transitions : [];
  // From suspendida the server allows only the state it left: that step reads "Reanudar".
  const resumingTo = a.state === 'suspendida' ? allowed[0] : null;
  const resumeRegistro = resumingTo === 'registro';
  const resumeSesion = resumingTo === 'en_sesion';
  return [
    {
      id: 'registro', to: 'registro',
      label: resumeRegistro ? 'Reanudar el registro' : 'Abrir el registro',
      help: resumeRegistro
        ? 'Vuelve a la etapa de registro, donde se quedó.'
        : 'Las personas que llegan se registran y reciben su credencial. No se puede volver a «Convocada».',
      irreversible: !resumeRegistro,
    },
    {
      id: 'en_sesion', to: 'en_sesion',
      label: resumeSesion ? 'Reanudar la sesión' : 'Iniciar la sesión',
      help: resumeSesion
        ? 'La asamblea sigue donde se quedó.'
        : 'Empieza la asamblea: palabra y votaciones. El registro sigue abierto para quien llegue tarde. No se puede volver a «Registro abierto».',
      irreversible: !resumeSesion,
    },
    {
      id: 'suspendida', to: 'suspendida',
      label: 'Suspender',
      help: 'Una pausa (por ejemplo, un receso o una falla). Se puede reanudar después.',
      irreversible: false,
    },
    {
      id: 'cerrada', to: 'cerrada',
      label: 'Cerrar la asamblea',
      help: 'Termina la asamblea. Ya no se registra, no se vota y nada se puede cambiar.',
      irreversible: true,
      danger: true,
    },
  ];
}

function confirmText(step) {
  const round = [ctx.round, ...(ctx.rounds || [])].find((r) => r && r.status === 'abierta') || null;
  const body = [el('p', {}, step.help)];
  if (step.to === 'cerrada' && round) {
    body.push(el('p', { class: 'notice-inline' }, el('strong', {}, 'Atención: '),
      `la votación «${round.title}» sigue abierta. Ciérrela antes para que sus votos cuenten como usted espera.`));
  }
  if (step.to === 'cerrada' && ctx.assembly && !ctx.assembly.quorum_met) {
    body.push(el('p', {}, el('strong', {}, 'Atención: '), 'no se alcanzó el quórum.'));
  }
  body.push(el('p', {}, el('strong', {}, 'Este paso no se puede deshacer.')));
  return body;
}

/** Runs a transition (from this tab or from the shortcut on other tabs). */
export async function transition(to, button, where = statusEl) {
  const step = steps().find((s) => s.to === to);
  if (!step) return;
  if (step.irreversible) {
    const ok = await ask({
      title: `¿${step.label}?`,
      body: confirmText(step),
      confirm: step.label,
      danger: !!step.danger,
    });
    if (!ok) return null;
  }
  const undo = button ? busy(button, 'Un momento…') : () => {};
  try {
    const assembly = await call('assembly/transition', { body: { to } });
    undo();
    setAssembly(assembly);
    const word = STATE[assembly.state] || assembly.state;
    show(where, 'ok', `La asamblea ahora está: ${word}.`);
    refreshNow();
    return true;
  } catch (err) {
    undo();
    showError(where, `No se pudo «${step.label.toLowerCase()}».`, err);
    refreshNow();
    return false;
  }
}

/** GET acta.pdf with the staff token (a plain link would not send it), then save the file. */
async function downloadActa(e) {
  e.preventDefault();
  const link = e.currentTarget;
  try {
    const res = await fetch(link.href, { headers: { Authorization: `Bearer ${ctx.token}` } });
    if (!res.ok) throw new Error(`El servidor respondió ${res.status}.`);
    const url = URL.createObjectURL(await res.blob());
    const save = el('a', { href: url, download: link.getAttribute('download') });
    document.body.append(save);
    save.click();
    save.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  } catch (err) {
    showError(statusEl, 'No se descargó el acta.', err);
  }
}

function render({ force = false } = {}) {
  const a = ctx.assembly;
  if (!a) return;
  const allowed = Array.isArray(a.allowed_transitions) ? a.allowed_transitions : [];
  if (!changed('cierre', a.state, allowed, a.quorum_met, a.quorum_min) && !force) return;
  const focusedTo = document.activeElement && document.activeElement.dataset
    ? document.activeElement.dataset.to : null;
  replaceChildren(document.getElementById('cierre-estado-actual'),
    el('p', { class: 'state-big' }, stateBadge(a.state)),
    el('p', {}, STATE_HELP[a.state] || ''),
    el('p', {}, el('a', {
      class: 'btn btn-secondary', href: apiPath('acta.pdf'), download: `acta-${ctx.clues}.pdf`, onclick: downloadActa,
    }, 'Descargar el acta (PDF)'),
    a.state === 'cerrada' ? null : el('span', { class: 'muted' }, ' Saldrá marcada «BORRADOR» hasta que la asamblea se cierre.')));
  replaceChildren(listEl, steps().map((step) => {
    const enabled = allowed.includes(step.to);
    const helpId = `paso-${step.id}-ayuda`;
    return el('li', { class: `transition${enabled ? '' : ' transition-off'}` },
      el('button', {
        type: 'button',
        class: `btn btn-lg ${step.danger ? 'btn-danger' : step.to === 'suspendida' ? 'btn-secondary' : ''}`,
        disabled: !enabled,
        'aria-describedby': helpId,
        dataset: { to: step.to },
        onclick: (e) => transition(step.to, e.currentTarget),
      }, step.label),
      el('p', { id: helpId, class: 'muted' }, step.help,
        enabled ? null : el('span', { class: 'transition-why' }, ` No disponible ahora: la asamblea está «${STATE[a.state] || a.state}».`)));
  }));
  if (focusedTo && document.activeElement === document.body) {
    listEl.querySelector(`[data-to="${focusedTo}"]`)?.focus();
  }
  const quorum = document.getElementById('quorum-min');
  if (document.activeElement !== quorum) quorum.value = a.quorum_min ?? '';
  document.getElementById('quorum-guardar').disabled = a.state === 'cerrada';
}

function setupQuorum() {
  const form = document.getElementById('form-quorum');
  const input = document.getElementById('quorum-min');
  const errEl = document.getElementById('quorum-min-error');
  const btn = document.getElementById('quorum-guardar');
  const status = document.getElementById('quorum-estado');
  input.addEventListener('input', () => fieldError(input, errEl, null));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const n = Number(input.value);
    if (!Number.isInteger(n) || n < 1) {
      fieldError(input, errEl, 'Escriba un número entero de personas, 1 o más.');
      input.focus();
      return;
    }
    const undo = busy(btn, 'Guardando…');
    try {
      const a = await call('assembly', { method: 'PATCH', body: { quorum_min: n } });
      undo();
      setAssembly(a);
      show(status, 'ok', `El quórum ahora es de ${n} asistentes.`);
    } catch (err) {
      undo();
      if (err.field === 'quorum_min') {
        fieldError(input, errEl, err.message);
        input.focus();
      } else showError(status, 'No se cambió el quórum.', err);
    }
  });
}

export function init() {
  listEl = document.getElementById('cierre-acciones');
  statusEl = document.getElementById('cierre-estado');
  setupQuorum();
  on('assembly', render);
  // Shortcuts on other tabs ("Abrir el registro" on Registro) come through here.
  on('transition', ({ to, button, status }) => transition(to, button || null, status || statusEl));
  render();
}

export function onShow() {
  render();
}

// Voter's phone after the vote: it follows the assembly instead of an empty wait (issue 16 item 6).
// - the floor: «Le toca hablar» at the top when it is this person's turn; who speaks and who waits
//   in the floor card;
// - the revealed result: the selected proposals with their amounts and votes first, then every line
//   as the projector shows it, and the counting rule by what it does;
// - after the close: a thank-you, the acta (PDF) and the clinic's public page.
// Everything comes from the snapshot the phone already receives (docs/api.md "WebSocket").
import { el, icon, results } from './live-view.js';
import { RULE, fmtClock, fmtPesos } from './words.js';

const QUEUE_SHOWN = 5; // names listed in the floor card; the rest are counted
const $ = (id) => document.getElementById(id);
let shownTop = '';
let shownFloor = '';

// The section at the top of the page (before the ballot), made once.
function topBox() {
  let box = $('seguir');
  if (!box) {
    box = el('section', { id: 'seguir', class: 'stack', 'aria-live': 'polite', hidden: true });
    $('voto').before(box);
  }
  return box;
}

// Who speaks and who waits, inside the floor card (before its own status line).
function floorBox() {
  let box = $('palabra-sigue');
  if (!box) {
    box = el('div', { id: 'palabra-sigue', class: 'palabra-sigue stack-sm' });
    $('palabra-txt').before(box);
  }
  return box;
}

// 120 -> "2 minutos", 60 -> "1 minuto", 90 -> "1:30 minutos", 45 -> "45 segundos"
function turnLength(seconds) {
  if (seconds < 60) return `${seconds} segundos`;
  if (seconds % 60) return `${fmtClock(seconds)} minutos`;
  return seconds === 60 ? '1 minuto' : `${seconds / 60} minutos`;
}

const votes = (n) => `${n} ${n === 1 ? 'voto' : 'votos'}`;

function floorLines(f, me) {
  const out = [];
  const speaker = f.current;
  if (speaker && String(speaker.attendee_id) !== me) {
    out.push(el('p', { class: 'palabra-ahora' }, 'Tiene la palabra: ', el('strong', {}, speaker.nombre)));
  }
  const waiting = f.waiting || [];
  if (waiting.length) {
    out.push(el('p', { class: 'palabra-fila-t', id: 'palabra-fila-t' }, `En la fila (${waiting.length}):`),
      el('ol', { class: 'palabra-fila', 'aria-labelledby': 'palabra-fila-t' }, waiting.slice(0, QUEUE_SHOWN).map((w) => el('li', {},
        String(w.attendee_id) === me ? el('strong', {}, `${w.nombre} (usted)`) : w.nombre))),
      waiting.length > QUEUE_SHOWN ? el('p', {}, `y ${waiting.length - QUEUE_SHOWN} más.`) : null);
  }
  return out;
}

function closing(clues, mine, edition) {
  const receipts = Object.values(mine || {}).map((m) => m && m.receipt).filter(Boolean);
  const c = encodeURIComponent(clues);
  return [
    el('div', { class: 'card stack cierre' },
      el('h2', { id: 'cierre-t', class: 'card-title' }, '¡Gracias por participar!'),
      el('p', { class: 'lead' }, 'Su voz cuenta para decidir en qué se usa el dinero de su clínica.'),
      receipts.length ? el('p', {}, receipts.length === 1 ? 'Su comprobante: ' : 'Sus comprobantes: ',
        receipts.map((r, i) => [i ? ', ' : '', el('strong', { class: 'comprobante' }, r)]),
        '. Con él puede encontrar su voto en la lista pública.') : null,
      el('p', {}, 'El acta dice qué se decidió, con los votos de cada propuesta. En la página de la clínica verá '
        + 'los resultados y, después, cómo se gasta el dinero.'),
      el('a', { class: 'btn btn-block', href: `/api/c/${c}/acta.pdf${edition ? `?edition=${encodeURIComponent(edition)}` : ''}`, id: 'cierre-acta' }, 'Ver el acta (PDF)'),
      el('a', { class: 'btn btn-secondary btn-block', href: `/c/${c}`, id: 'cierre-clinica' }, 'Página pública de la clínica')),
  ];
}

/**
 * Draws what the phone follows. `snap` the last snapshot, `me` the attendee ({id, nombre}),
 * `mine` the receipts by round. Returns true once the assembly is closed (the caller then hides
 * the ballot and the floor card: the closing screen takes their place).
 */
export function follow({ snap, me, joined, clues, mine }) {
  const a = (snap && snap.assembly) || {};
  const f = (snap && snap.floor) || { waiting: [] };
  const myId = me ? String(me.id) : '-';
  const over = !!joined && a.state === 'cerrada';
  const speaking = !!joined && !over && !!f.current && String(f.current.attendee_id) === myId;

  const box = topBox();
  const topKey = over ? `cerrada:${JSON.stringify(mine || {})}` : speaking ? `hablar:${f.current.id}` : '';
  if (topKey !== shownTop) {
    shownTop = topKey;
    box.hidden = !topKey;
    box.replaceChildren(...(over ? closing(clues, mine, a.edition)
      : speaking ? [el('div', { class: 'le-toca', role: 'alert' }, icon('ok'),
        el('div', {}, el('p', { class: 'le-toca-t' }, 'Le toca hablar'),
          el('p', {}, `Pase al frente o pida el micrófono. Tiene ${turnLength(f.speaker_seconds || 120)}.`)))]
        : []));
  }

  const floorKey = joined && !over ? JSON.stringify([f.current, f.waiting, myId]) : '';
  if (floorKey !== shownFloor && $('palabra-txt')) {
    shownFloor = floorKey;
    floorBox().replaceChildren(...(floorKey ? floorLines(f, myId).filter(Boolean) : []));
  }
  return over;
}

/**
 * A revealed (or live) result for the phone: in a budget round the selected proposals with
 * their amounts and votes first, then every line as the projector shows it.
 */
export function resultView(round) {
  const r = round.results || {};
  const valid = r.quorum_met !== false;
  const out = [];
  if (round.kind === 'budget') {
    if (RULE[round.rule]) out.push(el('p', { class: 'res-regla' }, 'Regla para contar: ', RULE[round.rule], '.'));
    const picked = valid ? (r.lines || []).filter((l) => l.selected) : [];
    if (picked.length && round.revealed) {
      const cost = (l) => ((round.options || []).find((o) => String(o.id) === String(l.id)) || {}).cost_centavos || 0;
      out.push(el('div', { class: 'res-elegidas stack-sm' },
        el('h3', { class: 'res-elegidas-t' }, icon('ok'), ' ',
          picked.length === 1 ? 'Propuesta seleccionada' : `${picked.length} propuestas seleccionadas`),
        el('ul', { class: 'list-plain' }, picked.map((l) => el('li', { class: 'res-elegida' },
          el('span', { class: 'res-elegida-t' }, l.label),
          el('span', { class: 'res-elegida-n' }, el('strong', { class: 'money' }, fmtPesos(cost(l))), ` · ${votes(l.votes)}`)))),
        el('p', {}, `Total: ${fmtPesos(r.spent_centavos || picked.reduce((t, l) => t + cost(l), 0))}`
          + (round.budget_centavos ? ` de ${fmtPesos(round.budget_centavos)}` : '') + '.')),
      el('h3', { class: 'res-todas-t' }, 'Todas las propuestas'));
    }
  }
  return [...out, ...results(round)].filter(Boolean);
}

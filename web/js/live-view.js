// Phone and projector. el, icon, notice: small copies of common.js's (no room for it in 50 KB);
// the words and formats come from words.js, as on every page.
import { fmtClock } from './words.js';

export function el(tag, attrs, ...kids) {
  const n = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === false || v == null) continue;
    if (k === 'class') n.className = Array.isArray(v) ? v.filter(Boolean).join(' ') : v;
    else if (k.startsWith('on')) n.addEventListener(k.slice(2), v);
    else n.setAttribute(k, v === true ? '' : v);
  }
  n.append(...kids.flat(9).filter((c) => c != null && c !== false));
  return n;
}

export const icon = (kind) => el('span', { class: `icon icon-${kind}`, 'aria-hidden': 'true' });

// notice('warning', 'text', 'Sin conexión:', ...body): icon + word + text.
export function notice(kind, title, word, ...body) {
  return el('div', { class: `notice notice-${kind}` }, icon(kind), el('div', { class: 'notice-body' },
    el('p', { class: 'notice-title' }, word ? `${word} ` : null, title), body));
}

const WIN = { budget: 'Seleccionada', motion: 'Mayoría', election: 'Gana' };

export function participation(round, attendance) {
  const n = round.ballots || 0;
  return `${n} de ${round.attendance || attendance || 0} ${n === 1 ? 'ha' : 'han'} votado`;
}

// A bar filled to a fraction; its numbers are always in the text beside it.
export function bar(fraction) {
  const fill = el('span');
  fill.style.width = `${(Math.max(0, Math.min(1, fraction || 0)) * 100).toFixed(1)}%`;
  return el('span', { class: 'bar', 'aria-hidden': 'true' }, fill);
}

// Time left -> "4:05" or "1:02:03"; null without a countdown.
export function countdown(closesAt, now) {
  const end = Date.parse(closesAt || '');
  if (!end) return null;
  return fmtClock(Math.ceil((end - now) / 1000));
}

// Results: votes, a bar and the explanation per option; winners marked with an icon and a word.
// Without quorum (results.quorum_met false) nothing is marked: the result is not valid.
// { brief: true } (the projector) keeps only the first sentence of each explanation, which says
// what kept the option out; a tie that decided the order comes after it (the phone, the public
// page and the acta keep the whole text).
export function results(round, { brief = false } = {}) {
  const r = round.results;
  const lines = r.lines || [];
  const top = Math.max(round.ballots || 0, ...lines.map((l) => l.votes || 0), 1);
  const win = WIN[round.kind] || 'Gana';
  const valid = r.quorum_met !== false;
  const won = (l) => valid && l.selected;
  // Winners first, then by votes: what the room wants to read from the back.
  const sorted = [...lines].sort((a, b) => (won(b) - won(a)) || (b.votes - a.votes));
  return [
    valid ? null : el('div', { class: 'res-quorum' }, round.status === 'abierta'
      ? notice('warning', 'si la votación se cierra así, el resultado no será válido.', 'Aún no hay quórum:')
      : notice('warning', 'resultado no válido.', 'Sin quórum:')),
    el('ol', { class: 'list-plain res-list' }, sorted.map((l) => {
      const v = `${l.votes} ${l.votes === 1 ? 'voto' : 'votos'}`;
      let why = l.explanation;
      // The badge already says it: "Seleccionada: 30 votos…" reads "30 votos…" beside it.
      if (won(l) && why && why.startsWith(`${win}:`)) why = why.slice(win.length + 1).trim();
      if (brief && why) why = why.split(/\.\s+(?=[A-ZÁÉÍÓÚÑ¿«])/)[0];
      return el('li', { class: ['res', won(l) && 'res-win'] },
        el('p', { class: 'res-head' }, el('span', {}, l.label), el('span', { class: 'num' }, v)),
        bar(l.votes / top),
        el('p', { class: 'res-why' },
          won(l) ? [el('span', { class: 'badge badge-ok' }, icon('ok'), win), ' '] : null,
          why !== v && why));
    })),
    r.summary ? el('p', { class: 'res-summary' }, r.summary) : null];
}

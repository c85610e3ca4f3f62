// The clinic's public page, its assembly part: the assembly shown (the newest closed one unless
// another year is chosen) with attendance and quorum as counts, every closed round with its
// revealed result and the explanation of each line, the elected COSABI, the acta, and the check
// of a vote receipt against the round's public list of ballots.
import { api, el, notice, replaceChildren } from './common.js';
import { COSABI_ROLE, KIND, STATE, fmtFecha, fmtNumero, plural } from './words.js';

/** The assembly's facts, its rounds and its committee, into `box`. */
export function renderRecord(box, record, clues) {
  const facts = el('dl', { class: 'facts' },
    el('dt', {}, 'Fecha'), el('dd', {}, record.scheduled_at ? fmtFecha(record.scheduled_at) : 'Sin fecha'),
    el('dt', {}, 'Estado'), el('dd', {}, STATE[record.state] || record.state),
    el('dt', {}, 'Asistencia'), el('dd', {}, plural(record.attendance, 'persona registrada', 'personas registradas')),
    el('dt', {}, 'Quórum'), el('dd', {}, record.quorum_met
      ? `Sí hubo quórum (mínimo ${fmtNumero(record.quorum_min)})`
      : `No hubo quórum (mínimo ${fmtNumero(record.quorum_min)})`));
  const acta = record.acta_url
    ? el('p', {}, el('a', { class: 'btn btn-secondary', href: record.acta_url }, `Descargar el acta ${record.edition} (PDF)`))
    : el('p', { class: 'muted' }, 'El acta se publica cuando la asamblea se cierra.');
  const rounds = record.rounds.length
    ? el('ol', { class: 'list-plain stack' }, record.rounds.map((r) => roundItem(r, clues)))
    : el('p', { class: 'muted' }, 'Todavía no hay votaciones cerradas.');
  const committee = record.committee.length
    ? el('ul', { class: 'list-plain stack-sm' }, record.committee.map((m) => el('li', {},
      el('strong', {}, `${m.role_label || COSABI_ROLE[m.role] || m.role}: `), m.nombre)))
    : el('p', { class: 'muted' }, 'Esta asamblea no eligió COSABI o su resultado aún no se publica.');
  replaceChildren(box,
    el('section', { class: 'card stack-sm', 'aria-labelledby': 'asamblea-datos' },
      el('h3', { id: 'asamblea-datos', class: 'card-title' }, `Asamblea ${record.edition}`), facts, acta),
    el('section', { class: 'stack', 'aria-labelledby': 'resultados-titulo' },
      el('h3', { id: 'resultados-titulo' }, 'Resultados de las votaciones'), rounds),
    el('section', { class: 'card stack-sm', 'aria-labelledby': 'cosabi-titulo' },
      el('h3', { id: 'cosabi-titulo', class: 'card-title' }, 'COSABI electo'), committee));
}

function roundItem(round, clues) {
  const res = round.results;
  const head = el('h4', { class: 'card-title' }, round.title || KIND[round.kind] || 'Votación');
  if (!res) {
    return el('li', { class: 'card stack-sm' }, head,
      el('p', { class: 'muted' }, 'Votación cerrada; su resultado todavía no se publica.'), receiptCheck(round, clues));
  }
  const most = Math.max(1, ...res.lines.map((l) => l.votes));
  const lines = el('ul', { class: 'list-plain stack-sm result-lines' }, res.lines.map((l) => el('li', { class: ['result-line', l.selected && 'is-selected'] },
    el('p', { class: 'cluster cluster-between' }, el('span', {}, l.selected ? '✔ ' : '', l.label),
      el('span', { class: 'num' }, plural(l.votes, 'voto', 'votos'))),
    el('progress', { class: 'result-bar', max: String(most), value: String(l.votes), 'aria-hidden': 'true' }),
    l.explanation ? el('p', { class: 'muted' }, l.explanation) : null)));
  return el('li', { class: 'card stack-sm' }, head,
    el('p', {}, res.summary),
    el('p', { class: 'muted' }, `${plural(res.ballots, 'boleta contada', 'boletas contadas')}${res.quorum_met === false ? ' · sin quórum' : ''}.`),
    lines, receiptCheck(round, clues));
}

/** «¿Se contó mi voto?»: the receipt a voter got, looked up in the round's public list. */
function receiptCheck(round, clues) {
  const id = `comprobante-${round.id}`;
  const input = el('input', { class: 'input mono', id, type: 'text', inputmode: 'text', autocomplete: 'off', maxlength: '12', placeholder: 'K7P4-M2Q9' });
  const out = el('div', { role: 'status', 'aria-live': 'polite' });
  const form = el('form', { class: 'stack-sm', novalidate: true },
    el('div', { class: 'field' }, el('label', { for: id }, 'Escriba su comprobante'), input),
    el('button', { type: 'submit', class: 'btn btn-secondary' }, 'Buscar mi voto'), out);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) { replaceChildren(out, notice('warning', 'Escriba el comprobante que recibió al votar.')); return; }
    try {
      const list = await api(`/api/c/${encodeURIComponent(clues)}/rounds/${round.id}/ballots?receipt=${encodeURIComponent(text)}`);
      const found = list.items[0];
      replaceChildren(out, found
        ? notice('ok', `Su voto ${found.receipt} se contó.`, el('p', {}, `Eligió: ${choiceNames(round, found.choices)}.`))
        : notice('warning', 'Ese comprobante no está en la lista de esta votación.',
          el('p', {}, `Revise que esté bien escrito. Si votó otra vez, solo cuenta su último voto, con su último comprobante. La lista tiene ${plural(list.total, 'boleta', 'boletas')}.`)));
    } catch (err) {
      replaceChildren(out, notice('error', err.message || 'No se pudo buscar el comprobante.'));
    }
  });
  return el('details', { class: 'sub-details' }, el('summary', {}, '¿Se contó mi voto?'), form);
}

function choiceNames(round, choices) {
  const names = new Map(((round.results && round.results.lines) || []).map((l) => [String(l.id), l.label]));
  return choices.length ? choices.map((c) => names.get(String(c)) || c).join(', ') : 'ninguna opción';
}

/** The public record of `edition` (null: the newest closed assembly). */
export function loadRecord(clues, edition) {
  const q = edition ? `?edition=${encodeURIComponent(edition)}` : '';
  return api(`/api/public/c/${encodeURIComponent(clues)}/assembly${q}`);
}

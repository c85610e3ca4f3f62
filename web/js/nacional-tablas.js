// The national view's figures and tables (/nacional): built from GET /api/open/national.json,
// never with innerHTML. Every table has a caption and row headers; money in pesos (words.js).
import { el, stateBadge } from './common.js';
import { WORK_STATE, fmtNumero, fmtPesos, plural } from './words.js';

/** "82 %" or "Sin gasto" when nothing was spent. */
export function pct(n, none = 'Sin dato') {
  return Number.isInteger(n) ? `${n} %` : none;
}

/** A figure card: the number large, its words under it. */
export function cifra(valor, etiqueta, nota) {
  return el('div', { class: 'card nacional-cifra' },
    el('p', { class: 'nacional-cifra-valor' }, valor),
    el('p', { class: 'nacional-cifra-etiqueta' }, etiqueta),
    nota ? el('p', { class: 'muted small' }, nota) : null);
}

function tabla(caption, headers, rows, { numericFrom = 1, numericTo = Infinity } = {}) {
  const isNum = (i) => i >= numericFrom && i <= numericTo;
  if (!rows.length) return el('p', { class: 'muted' }, `${caption}: sin datos.`);
  // A region with a name and a tab stop: on a phone the table scrolls sideways by keyboard too.
  return el('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': caption },
    el('table', { class: 'table nacional-tabla' },
      el('caption', {}, caption),
      el('thead', {}, el('tr', {}, headers.map((h, i) => el('th', { scope: 'col', class: isNum(i) ? 'num' : null }, h)))),
      el('tbody', {}, rows.map((cells) => el('tr', {}, cells.map((c, i) => (i === 0
        ? el('th', { scope: 'row' }, c)
        : el('td', { class: isNum(i) ? 'num' : null }, c))))))));
}

/** The money of a group or clinic as table cells, after its name. */
function moneyCells(m) {
  return [
    fmtPesos(m.assigned_centavos),
    fmtPesos(m.spent_centavos),
    fmtPesos(m.proven_centavos),
    pct(m.proven_percent, 'Sin gasto'),
    fmtPesos(m.unproven_centavos),
    `${fmtNumero(m.delivered)} de ${fmtNumero(m.works)}`,
    fmtNumero(m.verified),
    fmtNumero(m.stalled),
  ];
}

const MONEY_HEADERS = ['Asignado', 'Ejercido', 'Comprobado', '% comprobado', 'Sin comprobar',
  'Obras entregadas', 'Verificadas', 'Detenidas'];

/** The follow-up's table at this level: groups linking one level down, or clinics. */
export function moneyTable(level, groups, clinics, linkFor) {
  if (level.kind === 'clinics') {
    return tabla(`Unidades de ${level.label}`, ['Unidad', ...MONEY_HEADERS],
      clinics.map((c) => [clinicLink(c), ...moneyCells(c)]));
  }
  return tabla(level.kind === 'institutions' ? 'Por institución' : `Entidades de ${level.label}`,
    [level.kind === 'institutions' ? 'Institución' : 'Entidad', 'Unidades', ...MONEY_HEADERS],
    groups.map((g) => [el('a', { href: linkFor(g.name) }, g.name), fmtNumero(g.clinics), ...moneyCells(g)]));
}

/** The live table at this level: groups linking one level down, or each clinic's assembly. */
export function liveTable(level, groups, clinics, linkFor) {
  if (level.kind === 'clinics') {
    return tabla(`Asambleas de ${level.label}`, ['Unidad', 'Estado', 'Personas registradas', 'Quórum', 'Votación', 'Votos'],
      clinics.map((c) => [clinicLink(c), stateBadge(c.state, { small: true }), fmtNumero(c.attendance),
        c.state === 'registro' || c.state === 'en_sesion'
          ? (c.quorum_met ? `Sí (mínimo ${fmtNumero(c.quorum_min)})` : `Todavía no (mínimo ${fmtNumero(c.quorum_min)})`)
          : '—',
        c.voting ? `Abierta: ${c.round_title || ''}` : '—', fmtNumero(c.ballots)]));
  }
  return tabla(level.kind === 'institutions' ? 'Asambleas por institución' : `Asambleas por entidad de ${level.label}`,
    [level.kind === 'institutions' ? 'Institución' : 'Entidad', 'Asambleas', 'En sesión', 'Registrando',
      'Con quórum', 'Votando', 'Cerradas', 'Personas registradas'],
    groups.map((g) => [el('a', { href: linkFor(g.name) }, g.name), fmtNumero(g.assemblies), fmtNumero(g.in_session),
      fmtNumero(g.registering), fmtNumero(g.with_quorum), fmtNumero(g.voting), fmtNumero(g.closed),
      fmtNumero(g.attendance)]));
}

function clinicLink(c) {
  return el('span', { class: 'stack-sm' },
    el('a', { href: `/c/${encodeURIComponent(c.clues)}` }, c.nombre),
    el('span', { class: 'muted small mono nacional-clues' }, ` ${c.clues} · ${c.entidad}`));
}

const TOP = 20;

/** The clinics with the most money spent but not proven (the first 20). */
export function unprovenTable(ranking, byClues) {
  const rows = ranking.slice(0, TOP).map((clues, i) => {
    const c = byClues.get(clues);
    return [String(i + 1), clinicLink(c), c.institucion, fmtPesos(c.unproven_centavos), fmtPesos(c.spent_centavos),
      pct(c.proven_percent, 'Sin gasto')];
  });
  const more = ranking.length > TOP ? el('p', { class: 'muted' }, `Se muestran las primeras ${TOP} de ${fmtNumero(ranking.length)}; la lista completa está en las descargas.`) : null;
  return [tabla('Dinero sin comprobar, de mayor a menor', ['Lugar', 'Unidad', 'Institución', 'Sin comprobar', 'Ejercido', '% comprobado'], rows, { numericFrom: 3 }), more];
}

/** The clinics with the most stalled works, each work named with its days without a move. */
export function stalledTable(ranking, byClues) {
  const rows = ranking.slice(0, TOP).map((clues, i) => {
    const c = byClues.get(clues);
    return [String(i + 1), clinicLink(c), fmtNumero(c.stalled),
      el('ul', { class: 'list-plain' }, c.stalled_works.map((w) => el('li', {},
        `${w.title}: ${WORK_STATE[w.state] || w.state_label}, ${plural(w.idle_days, 'día', 'días')} sin avance`)))];
  });
  const more = ranking.length > TOP ? el('p', { class: 'muted' }, `Se muestran las primeras ${TOP} de ${fmtNumero(ranking.length)}; la lista completa está en las descargas.`) : null;
  return [tabla('Obras detenidas por unidad', ['Lugar', 'Unidad', 'Obras detenidas', 'Cuáles'], rows, { numericFrom: 2, numericTo: 2 }), more];
}

// The clinic's public page, its spending part: the cuadernillo of an edition (asignado,
// comprometido, ejercido, comprobado, saldo), the proof score and the deadline, then every work
// with its state and steps, and, opened, its timeline, photos, quotes, invoices and documents.
import { api, el, replaceChildren } from './common.js';
import { CATEGORY, fmtDia, fmtFecha, fmtNumero, fmtPesos } from './words.js';
import { deadlineNotice, money, proofBars, stepsBar, workBadge } from './work-view.js';

const ALL_MONEY = ['asignado_centavos', 'comprometido_centavos', 'ejercido_centavos', 'comprobado_centavos', 'saldo_centavos'];

/** The public follow-up of `edition` (null: the newest with works). */
export function loadWorks(clues, edition) {
  const q = edition ? `?edition=${encodeURIComponent(edition)}` : '';
  return api(`/api/public/c/${encodeURIComponent(clues)}/followup${q}`);
}

export function renderWorks(box, board) {
  const works = board.works || [];
  replaceChildren(box,
    deadlineNotice(board),
    el('section', { class: 'card stack-sm', 'aria-labelledby': 'cuadernillo-titulo' },
      el('h3', { id: 'cuadernillo-titulo', class: 'card-title' }, `Cuadernillo de gastos ${board.edition}`),
      el('dl', { class: 'money-list' }, money(board.money, ALL_MONEY)),
      ...proofBars(board, 'publico-prueba')),
    works.length
      ? el('ul', { class: 'list-plain stack', id: 'obras-lista' }, works.map(workItem))
      : el('p', { class: 'muted' }, 'Esta asamblea no tiene obras. Las obras salen de las propuestas elegidas en la votación del presupuesto.'));
}

function workItem(w) {
  return el('li', { class: ['card', 'work-card', 'stack-sm'], id: `obra-${w.id}` },
    el('h3', { class: 'card-title work-title' }, w.title),
    el('div', { class: 'cluster' }, workBadge(w),
      el('span', { class: 'muted' }, w.category_label || CATEGORY[w.category] || w.category,
        w.quantity > 1 ? ` · ${fmtNumero(w.quantity)} piezas` : '')),
    stepsBar(w),
    el('dl', { class: 'money-pair' }, money(w.money, ['asignado_centavos', 'ejercido_centavos'])),
    w.next && w.next[0] ? el('p', { class: 'next-step' }, el('span', { class: 'next-label' }, 'Falta: '), w.next[0].text) : null,
    el('details', { class: 'sub-details' }, el('summary', {}, 'Ver fotos, cotizaciones, facturas e historial',
      el('span', { class: 'visually-hidden' }, ` de ${w.title}`)),
    el('div', { class: 'stack' }, photos(w), quotes(w), expenses(w), documents(w), equipment(w), timeline(w))));
}

function part(title, body) {
  return el('section', { class: 'stack-sm' }, el('h4', {}, title), body);
}

function photos(w) {
  const list = w.photos || [];
  if (!list.length) return part('Fotos', el('p', { class: 'muted' }, 'Todavía no hay fotos.'));
  return part('Fotos', el('ul', { class: 'list-plain photo-grid' }, list.map((p) => el('li', {},
    el('a', { href: p.url }, el('img', {
      class: 'ev-photo', src: p.url, loading: 'lazy', decoding: 'async',
      alt: `${p.kind_label}${p.taken_at ? `, ${fmtFecha(p.taken_at)}` : ''}: ${w.title}`,
    })),
    el('p', { class: 'muted' }, p.kind_label, p.taken_at ? ` · ${fmtFecha(p.taken_at)}` : '')))));
}

function quotes(w) {
  const list = w.quotes || [];
  if (!list.length) return part('Cotizaciones', el('p', { class: 'muted' }, 'Todavía no hay cotizaciones.'));
  return part('Cotizaciones', el('ul', { class: 'list-plain stack-sm' }, [
    w.quote_exception ? el('li', {}, el('p', {}, el('strong', {}, 'Excepción a las tres cotizaciones: '), w.quote_exception)) : null,
    ...list.map((q) => {
      const chosen = w.chosen_quote_id === q.id;
      return el('li', { class: ['quote', chosen && 'is-chosen', q.voided_at && 'is-void'] },
        el('p', { class: 'cluster cluster-between' }, el('span', { class: 'quote-supplier' }, q.supplier),
          el('span', { class: 'money' }, fmtPesos(q.amount_centavos))),
        el('p', {}, 'RFC ', el('span', { class: 'mono' }, q.rfc), ` · ${fmtDia(q.date)}`),
        chosen ? el('p', {}, el('strong', {}, '✔ Elegida'), q.cheapest ? ' (la más barata)' : '') : null,
        chosen && !q.cheapest && w.chosen_reason ? el('p', {}, el('strong', {}, 'Por qué no la más barata: '), w.chosen_reason) : null,
        q.voided_at ? el('p', {}, el('strong', {}, 'Anulada: '), q.void_reason || '') : null,
        q.file_url ? el('p', {}, el('a', { href: q.file_url }, 'Ver la cotización', el('span', { class: 'visually-hidden' }, ` de ${q.supplier}`))) : null);
    })]));
}

function expenses(w) {
  const list = w.expenses || [];
  if (!list.length) return part('Facturas', el('p', { class: 'muted' }, 'Todavía no hay gastos.'));
  return part('Facturas', el('ul', { class: 'list-plain stack-sm' }, list.map((x) => el('li', { class: ['expense', x.voided_at && 'is-void'] },
    el('p', { class: 'cluster cluster-between' }, el('span', { class: 'quote-supplier' }, x.emisor_nombre || x.emisor_rfc),
      el('span', { class: 'money' }, fmtPesos(x.amount_centavos))),
    el('p', {}, 'RFC ', el('span', { class: 'mono' }, x.emisor_rfc), x.fecha ? ` · ${fmtDia(x.fecha)}` : ''),
    el('p', { class: 'muted' }, 'Folio fiscal: ', el('span', { class: 'mono hash' }, x.cfdi_uuid)),
    x.voided_at ? el('p', {}, el('strong', {}, 'Anulada: '), x.void_reason || '') : null,
    x.pdf_url ? el('p', { class: 'cluster' }, el('a', { href: x.pdf_url }, 'Factura (PDF)'), el('a', { href: x.xml_url }, 'Factura (XML)')) : null))));
}

function documents(w) {
  const list = w.documents || [];
  if (!list.length) return null;
  return part('Documentos', el('ul', { class: 'list-plain stack-sm' }, list.map((d) => el('li', {},
    el('a', { href: d.url }, d.kind_label)))));
}

function equipment(w) {
  const e = w.equipment;
  if (!e || !(e.brand || e.model || (e.serials || []).length)) return null;
  return part('Datos del equipo', el('dl', { class: 'facts' },
    el('dt', {}, 'Marca'), el('dd', {}, e.brand || '—'), el('dt', {}, 'Modelo'), el('dd', {}, e.model || '—'),
    el('dt', {}, 'Números de serie'), el('dd', { class: 'mono hash' }, (e.serials || []).join(', ') || '—'),
    el('dt', {}, 'Etiquetas de inventario'), el('dd', { class: 'mono hash' }, (e.inventory_tags || []).join(', ') || '—')));
}

function timeline(w) {
  const rows = w.timeline || [];
  const confirmations = w.confirmations || [];
  return part('Historial', el('ol', { class: 'list-plain timeline' }, [
    ...rows.map((m) => el('li', {},
      el('p', {}, m.from ? `${m.from_label} → ` : '', el('strong', {}, m.to_label)),
      el('p', { class: 'muted' }, [fmtFecha(m.at), m.role_label ? `por ${m.role_label}${m.name ? ` (${m.name})` : ''}` : null].filter(Boolean).join(' · ')),
      m.reason ? el('p', {}, `Razón: ${m.reason}`) : null)),
    confirmations.length ? el('li', {}, el('p', {}, `Confirmaron la entrega: ${confirmations.map((c) => c.role_label).join(' y ')}.`)) : null,
    rows.length ? null : el('li', {}, el('p', { class: 'muted' }, 'Sin cambios todavía.')),
  ]));
}


// CSV files of the coordinator's tables: cells safe from spreadsheet formulas, UTF-8 with a BOM,
// saved through a temporary link; and the status line that says how the download went.
import { el, icon, replaceChildren } from './common.js';

function csvCell(value) {
  let s = value === null || value === undefined ? '' : String(value);
  // A cell starting with = + - @ would run as a formula in a spreadsheet.
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function slug(text) {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/** Saves `rows` (arrays of values, in the order of `columns`) as the CSV file `name`. */
export function saveCsv(name, columns, rows) {
  const text = `${[columns, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
  // The BOM makes spreadsheet programs read the accents as UTF-8.
  const blob = new Blob(['\uFEFF', text], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = el('a', { href: url, download: name, class: 'visually-hidden' }, name);
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A status line's writer: say('ok', 'Listo…') shows the icon and the words in `target`. */
export function sayIn(target) {
  return (kind, text) => replaceChildren(target, icon(kind), el('span', {}, text));
}

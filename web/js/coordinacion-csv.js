// CSV files of the coordinator's tables, written by the server and saved through a temporary
// link; and the status line that says how the download went.
import { api, el, icon, replaceChildren } from './common.js';

export function slug(text) {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/**
 * Saves the CSV file the server writes at `path` as `name`. The server is the one CSV writer of
 * the project (quoting, the formula guard, the BOM); the page only names the file and saves it.
 * Resolves to the number of data rows; throws ApiError like api().
 */
export async function saveCsv(path, name, { token, signal } = {}) {
  const text = await api(path, { token, signal, raw: true });
  // text() drops the BOM; put it back so spreadsheet programs read the accents as UTF-8.
  const body = text.replace(/^\uFEFF/, '');
  const blob = new Blob(['\uFEFF', body], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = el('a', { href: url, download: name, class: 'visually-hidden' }, name);
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return countRows(body) - 1;
}

/** Records in CSV text (quoted line breaks stay inside their record). */
function countRows(text) {
  let rows = 0;
  let quoted = false;
  let filled = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    if (ch === '\n' && !quoted) {
      if (filled) rows += 1;
      filled = false;
    } else if (ch !== '\r') {
      filled = true;
    }
  }
  return rows + (filled ? 1 : 0);
}

/** A status line's writer: say('ok', 'Listo…') shows the icon and the words in `target`. */
export function sayIn(target) {
  return (kind, text) => replaceChildren(target, icon(kind), el('span', {}, text));
}

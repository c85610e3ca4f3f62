// Which clinics exist, read from GET /api/clinics: the institutions suggested in the schedule
// form, each state's list (for the count of clinics a schedule would touch), and every clinic of
// a filter (for the CSV).
import { api, el, replaceChildren } from './common.js';
import { PARALLEL, SCAN_PER_PAGE, $id, mapLimit } from './coordinacion-ctx.js';

// /api/clinics filters by text and state only, so counting an institution's clinics means
// reading the state's (or the whole country's) list once; it is kept for the page's life.
const scans = new Map(); // entidad ('' = all) -> Promise<[{clues, entidad, institucion}]>
const institutions = new Set();

export function learnInstitutions(items) {
  let added = false;
  for (const c of items) {
    const name = c && typeof c.institucion === 'string' ? c.institucion.trim() : '';
    if (name && !institutions.has(name)) {
      institutions.add(name);
      added = true;
    }
  }
  if (added) {
    replaceChildren($id('instituciones'),
      [...institutions].sort((a, b) => a.localeCompare(b, 'es-MX')).map((name) => el('option', { value: name })));
  }
}

export async function fetchAllClinics(filter, onProgress) {
  const query = (page) => {
    const p = new URLSearchParams({ page: String(page), per_page: String(SCAN_PER_PAGE) });
    if (filter.q) p.set('q', filter.q);
    if (filter.entidad) p.set('entidad', filter.entidad);
    return `/api/clinics?${p}`;
  };
  const first = await api(query(1));
  const items = [...(Array.isArray(first.items) ? first.items : [])];
  const total = Number(first.total) || 0;
  const per = Number(first.per_page) || SCAN_PER_PAGE;
  const pages = Math.ceil(total / per);
  let arrived = items.length;
  if (onProgress) onProgress(arrived, total);
  const rest = Array.from({ length: Math.max(0, pages - 1) }, (_, i) => i + 2);
  const more = await mapLimit(rest, PARALLEL, async (page) => {
    const data = await api(query(page));
    const got = Array.isArray(data.items) ? data.items : [];
    arrived += got.length;
    if (onProgress) onProgress(arrived, total);
    return got;
  });
  for (const got of more) items.push(...got);
  learnInstitutions(items);
  return items;
}

export function scanEntidad(entidad) {
  if (!scans.has(entidad)) {
    const all = entidad && scans.get('');
    const promise = all
      ? all.then((items) => items.filter((c) => c.entidad === entidad))
      : fetchAllClinics({ entidad }).then((items) => items.map((c) => ({
        clues: c.clues, entidad: c.entidad, institucion: c.institucion,
      })));
    promise.catch(() => scans.delete(entidad)); // try again next time
    scans.set(entidad, promise);
  }
  return scans.get(entidad);
}

// Shared by the coordinator's page modules (coordinacion.html): the session, where to log in,
// how many requests run at once, and the small helpers more than one section uses.
import { clearSession, el, notice, replaceChildren } from './common.js';

export const PAGE_PATH = '/coordinacion.html';
export const LOGIN_URL = `/entrar.html?volver=${encodeURIComponent(PAGE_PATH)}`;
export const SCAN_PER_PAGE = 100;      // the server's maximum per_page
export const PARALLEL = 4;             // requests in flight at once (pages or assemblies)
export const DEBOUNCE_MS = 300;

export const $id = (id) => document.getElementById(id);

export const session = { token: null, user: null };

/** Runs `worker` over `items` with at most `limit` at a time; results keep the order. */
export async function mapLimit(items, limit, worker) {
  const out = new Array(items.length);
  let next = 0;
  async function lane() {
    while (next < items.length) {
      const i = next++;
      out[i] = await worker(items[i], i);
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return out;
}

/** A 401 in the middle of the work: the session ended on the server. */
export function sessionEnded(target) {
  clearSession();
  replaceChildren(target, notice('warning', 'Su sesión terminó.', { word: 'Atención:' },
    el('p', {}, 'Entre de nuevo para continuar. Los datos de esta página no se guardaron.'),
    el('p', {}, el('a', { class: 'btn', href: LOGIN_URL }, 'Entrar de nuevo'))));
}

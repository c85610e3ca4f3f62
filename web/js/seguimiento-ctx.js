// Shared state of the follow-up page (seguimiento.html): the clinic, the session, the last board
// and work read, API calls with the staff token, the raw file upload, and a tiny event bus. The
// dialog, field errors, busy buttons and announcements are the moderator's generic helpers.
import { ApiError, api, el, icon, notice, replaceChildren } from './common.js';
import { clinicApi, sessionEnded } from './staff.js';

import { announce } from './moderar-ctx.js';

export { announce, ask, busy, fieldError } from './moderar-ctx.js';

export const ctx = {
  clues: null,
  token: null,
  user: null,
  clinic: null,
  edition: null, // the edition asked for (null: the server's default)
  board: null, // GET /followup
  work: null, // GET /works/{id}, the one open in the detail
};

const listeners = new Map();

/** on('board', fn): fn(value) on every update. */
export function on(name, fn) {
  if (!listeners.has(name)) listeners.set(name, new Set());
  listeners.get(name).add(fn);
}

export function emit(name, value) {
  for (const fn of listeners.get(name) || []) {
    try {
      fn(value);
    } catch (err) {
      console.error(err); // one broken view must not stop the others
    }
  }
}

export { loginUrl, sessionEnded } from './staff.js';

/** Clinic-scoped API path (apiPath('attendees') -> /api/c/CLUES/attendees) and api() with the
 * staff token (a 401 sends the person to log in again, coming back here). */
export const { apiPath, call } = clinicApi(ctx);

/** The evidence files (docs/api.md "Evidence files"): raw body in, {sha256, kind, mime, size} out. */
const FILES = 'files';

/** POST the blob as the raw body; resolves {sha256, kind, mime, size}. Throws ApiError. */
export async function uploadFile(blob) {
  let res;
  try {
    res = await fetch(apiPath(FILES), {
      method: 'POST',
      headers: {
        Accept: 'application/json',
        'Content-Type': blob.type || 'application/octet-stream',
        Authorization: `Bearer ${ctx.token}`,
      },
      body: blob,
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    throw new ApiError('No pudimos comunicarnos con el servidor.', { status: 0, code: 'network' });
  }
  const text = await res.text().catch(() => '');
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!res.ok || !data || !data.sha256) {
    if (res.status === 401) sessionEnded();
    throw new ApiError((data && data.message) || `El archivo no se pudo subir (código ${res.status}).`,
      { status: res.status, code: (data && data.error) || `http_${res.status}`, field: data && data.field });
  }
  return data;
}

async function getFile(sha256) {
  const res = await fetch(apiPath(`${FILES}/${sha256}`), {
    headers: { Authorization: `Bearer ${ctx.token}` }, credentials: 'same-origin',
  });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return res.blob();
}

/** A stored file as a data: URL (the CSP allows data: images, not blob:). */
export async function fileDataUrl(sha256) {
  return blobDataUrl(await getFile(sha256));
}

export function blobDataUrl(blob) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result);
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
}

/** Opens a stored file (PDF, XML, photo) in a new tab. */
export function openFile(sha256) {
  return openBlob(() => getFile(sha256));
}

/** The follow-up's informe (PDF) for the board's edition, in a new tab. */
export function openReport() {
  return openBlob(async () => {
    const res = await fetch(apiPath(`followup/report.pdf?edition=${encodeURIComponent(ctx.board.edition)}`), {
      headers: { Authorization: `Bearer ${ctx.token}` }, credentials: 'same-origin',
    });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return res.blob();
  });
}

/** A file that needs the staff token, opened in a new tab (the tab is opened first, on the tap). */
async function openBlob(load) {
  const win = window.open('', '_blank');
  try {
    const url = URL.createObjectURL(await load());
    if (win) win.location.href = url;
    else location.assign(url);
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  } catch {
    if (win) win.close();
    announce('No pudimos abrir el archivo. Revise su conexión e intente de nuevo.');
  }
}

/**
 * Reads the board (and the open work) again and draws them; resolves when drawn, so a status
 * shown after it lands in the new drawing. Never throws: offline, what is on screen stays.
 */
export async function refreshed() {
  if (!ctx.refresh) return;
  try {
    await ctx.refresh();
  } catch (err) {
    console.warn(err);
  }
}

/** Ends a sentence with one period: a name that ends with its own («…, S.A. de C.V.») gets none more. */
export function frase(text) {
  return /[.!?…]$/.test(text) ? text : `${text}.`;
}

/** Can this login write (the board's viewer)? */
export function canWrite() {
  return Boolean(ctx.board && ctx.board.viewer && ctx.board.viewer.can_write);
}

/** Is this login the committee's tesorería (the only one who records expenses)? */
export function isTreasury() {
  return canWrite() && ctx.board.viewer.role === 'tesoreria';
}

// ---------- Status blocks ----------

/** The detail is drawn again after changes: a status box from before is found again by its id. */
function live(container) {
  return !container.isConnected && container.id ? document.getElementById(container.id) || container : container;
}

export function show(container, kind, title, ...body) {
  replaceChildren(live(container), notice(kind, title, ...body));
}

export function working(container, text) {
  replaceChildren(live(container), el('p', { class: 'status-line' }, icon('loading'), ` ${text}`));
}

/** What went wrong, in the server's Spanish, and what to do next. */
export function showError(container, title, err) {
  const extra = [];
  if (err && err.message) extra.push(el('p', {}, err.message));
  if (err && (err.status === 0 || err.code === 'network')) extra.push(el('p', {}, 'Revise la conexión del teléfono y vuelva a intentar.'));
  else if (err && err.status >= 500) extra.push(el('p', {}, 'Intente de nuevo en un momento.'));
  show(container, 'error', title, ...extra);
}

// Shared state and helpers for the moderator's tablet (moderar.html): the clinic, the session,
// the last known assembly / floor / round, a tiny event bus, API calls with the staff token,
// field errors, busy buttons, status blocks and the confirmation dialog.
import { ApiError, api, clinicUrl, el, icon, notice, replaceChildren } from './common.js';
import { clinicApi, sessionEnded } from './staff.js';

export const ctx = {
  clues: null,
  token: null,
  user: null,
  clinic: null,
  assembly: null, // docs/api.md "assembly object"
  floor: null, // floor queue
  round: null, // the round the server calls current (snapshot), if any
  rounds: null, // GET /rounds items
  live: false, // true while the WebSocket is up
  clockOffsetMs: 0, // server time - local time, from floor.server_time
};

// ---------- Events ----------

const listeners = new Map();

/** on('assembly', fn): fn(value) on every update. Returns an unsubscribe function. */
export function on(name, fn) {
  if (!listeners.has(name)) listeners.set(name, new Set());
  listeners.get(name).add(fn);
  return () => listeners.get(name).delete(fn);
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

/** Stores a new assembly object (merging a snapshot's partial one) and tells everyone. */
export function setAssembly(next, { partial = false } = {}) {
  if (!next) return;
  const before = ctx.assembly;
  ctx.assembly = partial && before ? { ...before, ...next } : next;
  emit('assembly', { assembly: ctx.assembly, before });
}

/** fresh: the floor came from a REST answer, so its server_time is "now" on the server. */
export function setFloor(floor, { fresh = true } = {}) {
  if (!floor) return;
  if (fresh && floor.server_time) {
    const t = Date.parse(floor.server_time);
    if (Number.isFinite(t)) ctx.clockOffsetMs = t - Date.now();
  }
  ctx.floor = floor;
  emit('floor', floor);
}

export function setRound(round) {
  ctx.round = round || null;
  emit('round', ctx.round);
}

/** Now, on the server's clock (for countdowns). */
export function serverNow() {
  return Date.now() + ctx.clockOffsetMs;
}

// ---------- API ----------

export { loginUrl, sessionEnded } from './staff.js';

/** Clinic-scoped API path (apiPath('attendees') -> /api/c/CLUES/attendees) and api() with the
 * staff token (a 401 sends the person to log in again, coming back here). */
export const { apiPath, call } = clinicApi(ctx);

/**
 * A non-JSON body (the CSV import). Like api(), but the ApiError also carries the server's
 * whole answer in `data` (the import reports every bad line there).
 */
export async function callText(rest, text, contentType) {
  let res;
  try {
    res = await fetch(apiPath(rest), {
      method: 'POST',
      headers: {
        Accept: 'application/json',
        'Content-Type': contentType,
        Authorization: `Bearer ${ctx.token}`,
      },
      body: text,
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    throw new ApiError('No pudimos comunicarnos con el servidor. Revise su conexión a internet e intente de nuevo.',
      { status: 0, code: 'network' });
  }
  const raw = await res.text().catch(() => '');
  let data = null;
  try {
    data = raw ? JSON.parse(raw) : null;
  } catch {
    data = null;
  }
  if (!res.ok) {
    if (res.status === 401) sessionEnded();
    const err = new ApiError((data && data.message) || `La solicitud no se pudo completar (código ${res.status}).`,
      { status: res.status, code: (data && data.error) || `http_${res.status}`, field: (data && data.field) || null });
    err.data = data;
    throw err;
  }
  return data;
}

// ---------- Little UI helpers ----------

/** Screen-reader announcement that is not tied to one form. */
export function announce(text) {
  const node = document.getElementById('anuncio');
  if (!node) return;
  node.textContent = '';
  // A new text node in a later task so the same message is read again.
  setTimeout(() => { node.textContent = text; }, 50);
}

/** Shows or clears the error next to a field (icon + text, aria-invalid, aria-describedby). */
export function fieldError(input, errorEl, text) {
  const hint = input.dataset.hint || (input.getAttribute('aria-describedby') || '')
    .split(' ').filter((id) => id && id !== errorEl.id).join(' ');
  if (!input.dataset.hint && hint) input.dataset.hint = hint;
  if (text) {
    replaceChildren(errorEl, icon('error'), el('span', {}, text));
    errorEl.hidden = false;
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', [hint, errorEl.id].filter(Boolean).join(' '));
  } else {
    replaceChildren(errorEl);
    errorEl.hidden = true;
    input.removeAttribute('aria-invalid');
    if (hint) input.setAttribute('aria-describedby', hint);
    else input.removeAttribute('aria-describedby');
  }
}

/** Disables a button and changes its words while something runs; returns the undo. */
export function busy(button, words) {
  const before = button.textContent;
  const wasDisabled = button.disabled;
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  if (words) button.textContent = words;
  return () => {
    button.textContent = before;
    button.disabled = wasDisabled;
    button.removeAttribute('aria-busy');
  };
}

/** Replaces the status block's content with a notice (see common.js notice()). */
export function show(container, kind, title, ...body) {
  replaceChildren(container, notice(kind, title, ...body));
}

/** "Working on it" line with words, never a bare spinner; a list item inside a list (a <p>
 *  directly in a <ul> is invalid, and screen readers miscount the list). */
export function working(container, text) {
  const tag = /^(UL|OL)$/.test(container.tagName) ? 'li' : 'p';
  replaceChildren(container, el(tag, { class: 'status-line' }, icon('loading'), ` ${text}`));
}

/** What went wrong and what to do: the server's Spanish message plus a next step. */
export function showError(container, title, err, next) {
  const extra = [];
  if (err && err.message) extra.push(el('p', {}, err.message));
  const hint = next || nextStep(err);
  if (hint) extra.push(el('p', {}, hint));
  show(container, 'error', title, ...extra);
}

export function nextStep(err) {
  if (!err) return null;
  if (err.code === 'network' || err.status === 0) return 'Revise la conexión de la tableta y vuelva a intentar.';
  if (err.status === 403) return 'Pida a la coordinación que le dé permiso en esta unidad.';
  if (err.status === 409) return 'La pantalla ya se actualizó con el estado más reciente; revise y vuelva a intentar.';
  if (err.status === 429) return 'Espere un momento y vuelva a intentar.';
  if (err.status >= 500) return 'Intente de nuevo en un momento. Si sigue fallando, avise a la coordinación.';
  return null;
}

// ---------- Dialog ----------

/**
 * A modal question on the page's <dialog id="dialogo">. Resolves with true (or the value of
 * `read()`) when accepted, false when cancelled. `body` are nodes; `validate()` may return an
 * error text to keep the dialog open.
 */
export function ask({ title, body = [], confirm = 'Aceptar', cancel = 'Cancelar', danger = false,
  focus = null, validate = null, read = null }) {
  const dialog = document.getElementById('dialogo');
  const form = document.getElementById('dialogo-form');
  const okBtn = document.getElementById('dialogo-aceptar');
  const cancelBtn = document.getElementById('dialogo-cancelar');
  const opener = document.activeElement;
  document.getElementById('dialogo-titulo').textContent = title;
  replaceChildren(document.getElementById('dialogo-cuerpo'), body);
  okBtn.textContent = confirm;
  okBtn.className = danger ? 'btn btn-danger' : 'btn';
  cancelBtn.textContent = cancel;

  return new Promise((resolve) => {
    let done = false;
    const finish = (value) => {
      if (done) return;
      done = true;
      form.removeEventListener('submit', onSubmit);
      cancelBtn.removeEventListener('click', onCancel);
      dialog.removeEventListener('cancel', onEscape);
      if (dialog.open) dialog.close();
      if (opener && document.contains(opener) && typeof opener.focus === 'function') opener.focus();
      resolve(value);
    };
    const onSubmit = (event) => {
      event.preventDefault();
      if (validate) {
        const problem = validate();
        if (problem) return;
      }
      finish(read ? read() : true);
    };
    const onCancel = () => finish(false);
    const onEscape = (event) => {
      event.preventDefault();
      finish(false);
    };
    form.addEventListener('submit', onSubmit);
    cancelBtn.addEventListener('click', onCancel);
    dialog.addEventListener('cancel', onEscape);
    dialog.showModal();
    (focus ? focus() : cancelBtn).focus();
  });
}

/**
 * True when `key` differs from the last one stored under `name`: polls repeat the same data
 * every few seconds, and redrawing would take the focus away from the person's finger.
 */
const lastKeys = new Map();
export function changed(name, ...parts) {
  const key = JSON.stringify(parts);
  if (lastKeys.get(name) === key) return false;
  lastKeys.set(name, key);
  return true;
}

export function canCheckIn() {
  const s = ctx.assembly && ctx.assembly.state;
  return s === 'registro' || s === 'en_sesion';
}

export function canEditProposals() {
  const s = ctx.assembly && ctx.assembly.state;
  return s === 'convocada' || s === 'registro' || s === 'en_sesion';
}

export { clinicUrl };

/**
 * "45,000" / "$45,000.50" / "45000.5" -> centavos (integer), exactly, without floating point.
 * null when it is not an amount in pesos with at most two decimals.
 */
export function parsePesos(text) {
  const clean = String(text ?? '').trim().replace(/^\$\s*/, '').replace(/\s/g, '');
  if (!clean) return null;
  const m = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/.exec(clean);
  if (!m) return null;
  const pesos = m[1].replace(/,/g, '');
  const cents = (m[2] || '').padEnd(2, '0');
  const n = Number(pesos) * 100 + Number(cents);
  return Number.isSafeInteger(n) ? n : null;
}

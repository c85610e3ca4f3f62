// Small helpers shared by the staff and public pages (the voter's phone and the projector use
// live-view.js instead). Plain ES module; the words and formats are in words.js.
// Never build DOM from data with innerHTML: use el().
import { STATE } from './words.js';

export const TOKEN_KEY = 'asamblea.token';
export const USER_KEY = 'asamblea.user';

// ---------- DOM ----------

/**
 * el('a', {href: '/c/X', class: 'btn'}, 'Votar') -> <a href="/c/X" class="btn">Votar</a>
 * attrs: 'class' -> className; 'dataset' -> data-*; 'on' + Event -> listener;
 * true -> empty attribute; false/null/undefined -> left out. Children: strings (as text),
 * nodes, arrays (flattened); null/undefined/false are skipped.
 * No inline styles: the CSP forbids them, use classes.
 */
export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === false || value === null || value === undefined) continue;
    if (key === 'class') node.className = Array.isArray(value) ? value.filter(Boolean).join(' ') : value;
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key.startsWith('on') && typeof value === 'function') {
      node.addEventListener(key.slice(2).toLowerCase(), value);
    } else if (key === 'style') throw new Error('el(): inline styles are blocked by the CSP; use a class');
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(node, child);
    else if (child instanceof Node) node.appendChild(child);
    else node.appendChild(document.createTextNode(String(child)));
  }
}

/** Replaces all children of node (with the same child rules as el()). */
export function replaceChildren(node, ...children) {
  node.textContent = '';
  append(node, children);
  return node;
}

export function $(selector, root = document) {
  return root.querySelector(selector);
}

/** A decorative icon from app.css: kind is ok | warning | error | info | loading. */
export function icon(kind) {
  return el('span', { class: `icon icon-${kind}`, 'aria-hidden': 'true' });
}

const NOTICE_WORDS = {
  ok: 'Listo:',
  warning: 'Atención:',
  error: 'Error:',
  info: 'Aviso:',
  loading: '',
};

/**
 * A status block that never relies on colour alone: icon + word + text.
 * notice('error', 'No pudimos cargar los datos.', el('p', {}, 'Intente de nuevo.'))
 * The word can be overridden with {word: '...'} as the first body argument.
 */
export function notice(kind, title, ...body) {
  let word = NOTICE_WORDS[kind] ?? '';
  if (body[0] && typeof body[0] === 'object' && !(body[0] instanceof Node) && 'word' in body[0]) {
    word = body.shift().word;
  }
  return el('div', { class: `notice notice-${kind}` },
    icon(kind),
    el('div', { class: 'notice-body' },
      el('p', { class: 'notice-title' }, word ? `${word} ` : null, title),
      ...body));
}

// ---------- Words on the staff pages ----------

const STATE_ICON = {
  convocada: 'convocada', registro: 'registro', en_sesion: 'sesion', suspendida: 'suspendida', cerrada: 'cerrada',
};

/**
 * An assembly's state as a badge: icon + word, never colour alone (css/staff.css).
 * small: the compact one for tables.
 */
export function stateBadge(state, { small = false } = {}) {
  const known = Object.hasOwn(STATE_ICON, state);
  return el('span', { class: ['state-badge', small && 'state-badge-sm', `state-${known ? state : 'otro'}`] },
    el('span', { class: `icon icon-state-${known ? STATE_ICON[state] : 'convocada'}`, 'aria-hidden': 'true' }),
    known ? STATE[state] : state || 'Sin dato');
}

// ---------- HTTP ----------

/** Error thrown by api(): message is Spanish and safe to show; code/field come from the server. */
export class ApiError extends Error {
  constructor(message, { status = 0, code = 'error', field = null, retryAfter = null } = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field;
    this.retryAfter = retryAfter; // seconds, from the Retry-After header, when given
  }
}

/**
 * api('/api/clinics?q=x') -> parsed JSON. Options: {method, body, token, signal, raw}.
 * body is sent as JSON; with raw the answer's text comes back unparsed (a CSV file, say). token defaults to none (pass getToken() explicitly for staff calls).
 * Throws ApiError: server errors {error, message, field}; status 0 / code 'network' when offline.
 * An aborted request rethrows the AbortError untouched.
 * A 503 busy answer (the server refused before doing anything: its queue or its connections were
 * full) is retried by itself, BUSY_RETRIES times, after the Retry-After it gave plus a little
 * jitter so that a crowd of phones does not come back at once; then the error is thrown.
 */
export async function api(path, options = {}) {
  for (let attempt = 0; ; ++attempt) {
    try {
      return await apiOnce(path, options);
    } catch (err) {
      const wait = busyWait(err);
      if (wait === null || attempt >= BUSY_RETRIES) throw err;
      await sleep(wait * (1 + Math.random() / 2), options.signal);
    }
  }
}

const BUSY_CODES = new Set(['busy', 'server_busy', 'too_many_connections']);
export const BUSY_RETRIES = 3;
const BUSY_MAX_WAIT_S = 10; // a longer Retry-After is shown to the person, not waited out here

/** Milliseconds to wait before retrying a busy answer, or null when it is not one to retry. */
function busyWait(err) {
  if (!(err instanceof ApiError) || err.status !== 503 || !BUSY_CODES.has(err.code)) return null;
  const seconds = err.retryAfter ?? 1;
  return seconds <= BUSY_MAX_WAIT_S ? Math.max(seconds, 0.2) * 1000 : null;
}

function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason ?? new DOMException('Aborted', 'AbortError'));
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason ?? new DOMException('Aborted', 'AbortError'));
    }, { once: true });
  });
}

async function apiOnce(path, { method, body, token, signal, raw = false } = {}) {
  const headers = { Accept: raw ? '*/*' : 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  let res;
  try {
    res = await fetch(path, {
      method: method || (body !== undefined ? 'POST' : 'GET'),
      headers,
      body: body !== undefined ? JSON.stringify(body) : undefined,
      signal,
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch (err) {
    if (err && err.name === 'AbortError') throw err;
    throw new ApiError('No pudimos comunicarnos con el servidor. Revise su conexión a internet e intente de nuevo.',
      { status: 0, code: 'network' });
  }
  let data = null;
  const text = await res.text().catch(() => '');
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!res.ok) {
    const retry = Number.parseInt(res.headers.get('Retry-After') || '', 10);
    throw new ApiError(
      (data && typeof data.message === 'string' && data.message) || genericMessage(res.status),
      {
        status: res.status,
        code: (data && data.error) || `http_${res.status}`,
        field: (data && data.field) || null,
        retryAfter: Number.isFinite(retry) ? retry : null,
      });
  }
  if (raw) return text;
  if (text && data === null) {
    throw new ApiError('El servidor respondió algo que no entendimos. Intente de nuevo en un momento.',
      { status: res.status, code: 'bad_response' });
  }
  return data;
}

function genericMessage(status) {
  if (status === 401) return 'Necesita iniciar sesión para continuar.';
  if (status === 403) return 'Su usuario no tiene permiso para hacer esto.';
  if (status === 404) return 'No encontramos lo que busca.';
  if (status === 429) return 'Demasiadas solicitudes. Espere un momento y vuelva a intentar.';
  if (status >= 500) return 'El servidor tuvo un problema. Intente de nuevo en unos minutos.';
  return `La solicitud no se pudo completar (código ${status}).`;
}

// ---------- Staff session (sessionStorage: ends when the tab closes) ----------

export function getToken() {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export function getUser() {
  try {
    return JSON.parse(sessionStorage.getItem(USER_KEY) || 'null');
  } catch {
    return null;
  }
}

export function saveSession(token, user) {
  sessionStorage.setItem(TOKEN_KEY, token);
  sessionStorage.setItem(USER_KEY, JSON.stringify(user || null));
}

export function clearSession() {
  try {
    sessionStorage.removeItem(TOKEN_KEY);
    sessionStorage.removeItem(USER_KEY);
  } catch {
    /* storage unavailable: nothing to clear */
  }
}

export const ROLE_NAMES = {
  coordinator: 'Coordinación',
  moderator: 'Moderación',
  committee: 'Comité de Salud (COSABI)',
};

// ---------- Misc ----------

/** Waits `ms` after the last call before running fn. */
export function debounce(fn, ms) {
  let timer = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

/** "/c/DFSSA003441/votar" -> "DFSSA003441"; null when the path is not a clinic page. */
export function cluesFromPath(pathname = location.pathname) {
  const m = /^\/c\/([^/]+)/.exec(pathname);
  if (!m) return null;
  try {
    return decodeURIComponent(m[1]).trim().toUpperCase();
  } catch {
    return null;
  }
}

/** URL of a clinic page: clinicUrl('X') -> "/c/X", clinicUrl('X', 'votar') -> "/c/X/votar". */
export function clinicUrl(clues, page) {
  return `/c/${encodeURIComponent(clues)}${page ? `/${page}` : ''}`;
}

/** Only same-site paths ("/c/X/moderar"), never "//evil" or "https://...". */
export function safeLocalPath(value) {
  return typeof value === 'string' && /^\/(?![/\\])/.test(value) ? value : null;
}

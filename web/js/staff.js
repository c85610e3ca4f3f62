// The staff pages' session, shared by the moderator's, the follow-up and the coordinator's
// pages: where to log in, the clinic's API with the token, checking who is logged in, and the
// «Salir» button.
import {
  ApiError, api, cluesFromPath, clearSession, el, getToken, getUser, saveSession,
} from './common.js';

/** The login page, coming back to this page (and its #part) afterwards. */
export function loginUrl() {
  return `/entrar.html?volver=${encodeURIComponent(location.pathname + location.hash)}`;
}

/** The session ended on the server: back to the login page, coming back here afterwards. */
export function sessionEnded() {
  clearSession();
  location.assign(loginUrl());
}

/**
 * The clinic's API for a page whose `ctx` holds `clues` and `token`:
 * apiPath('attendees') -> /api/c/CLUES/attendees; call() is api() with the staff token, and a 401
 * sends the person to log in again.
 */
export function clinicApi(ctx) {
  const apiPath = (rest = '') => `/api/c/${encodeURIComponent(ctx.clues)}${rest ? `/${rest}` : ''}`;
  const call = async (rest, options = {}) => {
    try {
      return await api(apiPath(rest), { ...options, token: ctx.token });
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) sessionEnded();
      throw err;
    }
  };
  return { apiPath, call };
}

/**
 * Start of a clinic's staff page: the CLUES from the address and the stored token into `ctx`,
 * then who is logged in (the stored user may be stale; the server decides). Resolves the user,
 * or null when the page cannot go on: it already went to the login page or called
 * `fatal(title, kind, ...body)`. Offline, it carries on with the stored user (the server still
 * checks every action).
 */
export async function startStaffPage(ctx, fatal) {
  ctx.clues = cluesFromPath();
  if (!ctx.clues) {
    fatal('Dirección incompleta', 'warning', 'La dirección no incluye la clave CLUES de una unidad.',
      el('p', {}, el('a', { class: 'btn', href: '/' }, 'Buscar la unidad')));
    return null;
  }
  ctx.token = getToken();
  if (!ctx.token) {
    location.replace(loginUrl());
    return null;
  }
  let user = getUser();
  try {
    const me = await api('/api/auth/me', { token: ctx.token });
    user = me && me.user ? me.user : me;
    saveSession(ctx.token, user);
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      clearSession();
      location.replace(loginUrl());
      return null;
    }
    if (!user) {
      fatal('No pudimos comprobar su sesión', 'error', err.message,
        el('p', {}, el('button', { type: 'button', class: 'btn', onclick: () => location.reload() }, 'Intentar de nuevo')));
      return null;
    }
  }
  showUser(user, () => ctx.token);
  return user;
}

/** The header's «Salir»: ends the session on the server (if it still exists) and here. */
export function showUser(user, token) {
  document.getElementById('sesion').hidden = false;
  document.getElementById('sesion-usuario').textContent = user.username;
  const btn = document.getElementById('salir');
  btn.addEventListener('click', async () => {
    btn.disabled = true;
    try {
      await api('/api/auth/logout', { method: 'POST', token: token() });
    } catch {
      /* the session may have ended already; we forget it here anyway */
    }
    clearSession();
    location.assign('/entrar.html');
  });
}

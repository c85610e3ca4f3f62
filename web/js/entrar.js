// Staff login: POST /api/auth/login, keep the token in sessionStorage, show who is logged in.
import {
  ROLE_NAMES, api, clearSession, clinicUrl, el, getToken, getUser, notice, replaceChildren,
  safeLocalPath, saveSession,
} from './common.js';
import { fmtEspera } from './words.js';

const form = document.getElementById('entrar');
const userInput = document.getElementById('usuario');
const passInput = document.getElementById('contrasena');
const userError = document.getElementById('usuario-error');
const passError = document.getElementById('contrasena-error');
const showPass = document.getElementById('mostrar');
const submitBtn = document.getElementById('enviar');
const statusEl = document.getElementById('estado');
const messageEl = document.getElementById('mensaje');
const sessionEl = document.getElementById('sesion');
const logoutBtn = document.getElementById('salir');
const title = document.getElementById('titulo');

// Where to go after logging in, e.g. /entrar.html?volver=/c/X/moderar (same site only).
const returnTo = safeLocalPath(new URLSearchParams(location.search).get('volver'));

// The page each role works on, per clinic.
const ROLE_PAGE = { moderator: ['moderar', 'Moderar'], committee: ['seguimiento', 'Seguimiento'] };

let lockTimer = null;

function setFieldError(input, errorEl, text) {
  if (text) {
    errorEl.textContent = text;
    errorEl.hidden = false;
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', errorEl.id);
  } else {
    errorEl.textContent = '';
    errorEl.hidden = true;
    input.removeAttribute('aria-invalid');
    input.removeAttribute('aria-describedby');
  }
}

function setBusy(busy) {
  submitBtn.disabled = busy || lockTimer !== null;
  submitBtn.textContent = busy ? 'Entrando…' : 'Entrar';
  statusEl.textContent = busy ? 'Verificando su usuario y contraseña…' : '';
}

function showForm() {
  sessionEl.hidden = true;
  form.hidden = false;
  title.textContent = 'Entrar';
}

function showSession(user) {
  form.hidden = true;
  sessionEl.hidden = false;
  title.textContent = 'Su sesión';
  document.getElementById('sesion-usuario').textContent = user.username;
  document.getElementById('sesion-rol').textContent = ROLE_NAMES[user.role] || user.role;

  const box = document.getElementById('sesion-unidades');
  const clinics = Array.isArray(user.clinics) ? user.clinics : [];
  // Coordinators work on /coordinacion.html: the national day and every clinic's assembly.
  const coordination = user.role === 'coordinator'
    ? el('p', {}, el('a', { class: 'btn btn-secondary', href: '/coordinacion.html' }, 'Ir a Coordinación')) : null;
  if (clinics.length === 0) {
    replaceChildren(box, el('p', {}, user.role === 'coordinator'
      ? 'Programe la jornada de asambleas y vea todas las unidades en Coordinación.'
      : 'Su usuario todavía no tiene unidades asignadas. Pida a la coordinación que se las asigne.'),
    coordination);
    return;
  }
  const [page, label] = ROLE_PAGE[user.role] || [null, null];
  const items = clinics.map((clues) => {
    const name = el('span', {}, 'Unidad ', el('span', { class: 'mono' }, clues));
    // Show the clinic's name when we can get it; the CLUES alone is fine otherwise.
    api(`/api/c/${encodeURIComponent(clues)}`).then((c) => {
      if (c && c.nombre) replaceChildren(name, `${c.nombre} (`, el('span', { class: 'mono' }, clues), ')');
    }).catch(() => {});
    return el('li', { class: 'cluster' },
      el('a', { href: clinicUrl(clues) }, name),
      page ? el('a', { class: 'btn btn-secondary', href: clinicUrl(clues, page) },
        label, el('span', { class: 'visually-hidden' }, ` ${clues}`)) : null);
  });
  replaceChildren(box,
    coordination,
    el('h3', {}, clinics.length === 1 ? 'Su unidad' : 'Sus unidades'),
    el('ul', { class: 'list-plain stack-sm' }, items));
}

function lockFor(seconds) {
  clearTimeout(lockTimer);
  lockTimer = setTimeout(() => {
    lockTimer = null;
    submitBtn.disabled = false;
    replaceChildren(messageEl, notice('info', 'Ya puede intentar de nuevo.'));
  }, Math.min(seconds, 3600) * 1000);
  submitBtn.disabled = true;
}

async function onSubmit(event) {
  event.preventDefault();
  replaceChildren(messageEl);
  const username = userInput.value.trim();
  const password = passInput.value;
  setFieldError(userInput, userError, username ? null : 'Escriba su usuario.');
  setFieldError(passInput, passError, password ? null : 'Escriba su contraseña.');
  if (!username) { userInput.focus(); return; }
  if (!password) { passInput.focus(); return; }

  setBusy(true);
  try {
    const data = await api('/api/auth/login', { method: 'POST', body: { username, password } });
    saveSession(data.token, data.user);
    passInput.value = '';
    setBusy(false);
    if (returnTo) {
      location.assign(returnTo);
      return;
    }
    showSession(data.user);
    replaceChildren(messageEl, notice('ok', `Entró como ${data.user.username}.`, { word: 'Listo:' }));
    title.setAttribute('tabindex', '-1');
    title.focus();
  } catch (err) {
    setBusy(false);
    if (err.status === 401) {
      replaceChildren(messageEl, notice('error', 'El usuario o la contraseña no son correctos.',
        el('p', {}, 'Revise que estén bien escritos (las mayúsculas cuentan) e intente de nuevo.')));
      passInput.value = '';
      passInput.focus();
    } else if (err.status === 429) {
      const wait = err.retryAfter ? fmtEspera(err.retryAfter) : 'unos minutos';
      replaceChildren(messageEl, notice('warning', 'Demasiados intentos para entrar.',
        { word: 'Espere:' },
        el('p', {}, `Por seguridad, espere ${wait} y vuelva a intentar.`)));
      lockFor(err.retryAfter || 60);
    } else {
      replaceChildren(messageEl, notice('error', 'No pudimos iniciar la sesión.', el('p', {}, err.message)));
    }
  }
}

async function onLogout() {
  const token = getToken();
  logoutBtn.disabled = true;
  let warning = null;
  if (token) {
    try {
      await api('/api/auth/logout', { method: 'POST', token });
    } catch (err) {
      // 401: the session had already ended on the server; that is fine.
      if (err.status !== 401) warning = err.message;
    }
  }
  clearSession();
  logoutBtn.disabled = false;
  showForm();
  replaceChildren(messageEl, warning
    ? notice('warning', 'Cerramos la sesión en este navegador, pero no pudimos avisar al servidor.',
      el('p', {}, warning))
    : notice('ok', 'Cerró su sesión.', { word: 'Listo:' }));
  userInput.focus();
}

async function init() {
  const token = getToken();
  const user = getUser();
  if (!token || !user) {
    showForm();
    return;
  }
  showSession(user);
  try {
    const me = await api('/api/auth/me', { token });
    const fresh = me && me.user ? me.user : me;
    if (fresh && fresh.username) {
      saveSession(token, fresh);
      showSession(fresh);
    }
  } catch (err) {
    if (err.status === 401) {
      clearSession();
      showForm();
      replaceChildren(messageEl, notice('info', 'Su sesión terminó. Entre de nuevo.'));
    }
    // Offline or server trouble: keep showing the stored session.
  }
}

showPass.addEventListener('change', () => {
  passInput.type = showPass.checked ? 'text' : 'password';
});
form.addEventListener('submit', onSubmit);
logoutBtn.addEventListener('click', onLogout);
init();

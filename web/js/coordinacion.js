// The coordinator's desktop page, /coordinacion.html: the login check, then three sections, each
// in its own module:
// 0. "Tablero nacional" (coordinacion-tablero.js): every assembly's state, live, with a CSV.
// 1. "Programar la jornada nacional" (coordinacion-programar.js): one date and time for every
//    clinic of an institution, or of one state.
// 2. "Unidades y asambleas" (coordinacion-unidades.js): the clinics with their assembly, with a CSV.
import {
  ApiError, api, clearSession, clinicUrl, el, getToken, getUser, notice, replaceChildren, saveSession,
} from './common.js';
import { plural } from './words.js';
import { LOGIN_URL, SCAN_PER_PAGE, $id, session } from './coordinacion-ctx.js';
import { showUser } from './staff.js';
import { learnInstitutions } from './coordinacion-catalog.js';
import { setupDashboard } from './coordinacion-tablero.js';
import { fields, setupSchedule } from './coordinacion-programar.js';
import { loadTable, setupTable, table, tableSelect } from './coordinacion-unidades.js';

// ---------- Fatal states: not logged in, wrong role ----------

function fatal(title, kind, ...body) {
  replaceChildren($id('cargando'));
  $id('app').hidden = true;
  const box = $id('fatal');
  replaceChildren(box, el('h1', {}, title), notice(kind, ...body));
  box.focus();
}

function otherUserButton() {
  return el('button', {
    type: 'button',
    class: 'btn btn-secondary',
    onclick: () => {
      clearSession();
      location.assign(LOGIN_URL);
    },
  }, 'Entrar con otro usuario');
}

function showWrongRole(user) {
  const clinics = Array.isArray(user.clinics) ? user.clinics : [];
  const page = { moderator: ['moderar', 'Moderar'], committee: ['seguimiento', 'Seguimiento'] }[user.role];
  const roleText = {
    moderator: 'de moderación',
    committee: 'del Comité de Salud (COSABI)',
  }[user.role] || `con la función «${user.role}»`;
  fatal('Esta página es para la coordinación', 'error',
    'Solo la coordinación puede programar la jornada y ver todas las unidades.',
    { word: 'Sin permiso:' },
    el('p', {}, `Su usuario (${user.username}) es ${roleText}.`),
    page && clinics.length ? el('ul', { class: 'list-plain cluster' }, clinics.map((c) => el('li', {},
      el('a', { class: 'btn', href: clinicUrl(c, page[0]) }, `${page[1]} `, el('span', { class: 'mono' }, c)))))
      : null,
    el('p', { class: 'cluster' }, otherUserButton(), el('a', { class: 'btn btn-quiet', href: '/' }, 'Ir al inicio')));
}

// ---------- States for the entidad selects ----------

async function loadEntidades() {
  const selects = [tableSelect, fields.entidad, $id('tn-entidad')];
  const ensure = (select, name) => {
    if (name && ![...select.options].some((o) => o.value === name)) select.append(el('option', { value: name }, name));
  };
  ensure(tableSelect, table.entidad);
  tableSelect.value = table.entidad;
  try {
    const data = await api('/api/entidades');
    const names = Array.isArray(data && data.items) ? data.items.map(String) : [];
    for (const select of selects) for (const name of names) ensure(select, name);
    tableSelect.value = table.entidad;
  } catch {
    $id('prog-entidad-hint').textContent = 'No pudimos cargar la lista de entidades; puede programar todo el país.';
  }
}

// ---------- Start ----------

async function init() {
  session.token = getToken();
  if (!session.token) {
    location.replace(LOGIN_URL);
    return;
  }
  let user = getUser();
  try {
    const me = await api('/api/auth/me', { token: session.token });
    user = me && me.user ? me.user : me;
    saveSession(session.token, user);
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      clearSession();
      location.replace(LOGIN_URL);
      return;
    }
    if (!user) {
      fatal('No pudimos comprobar su sesión', 'error', err.message,
        el('p', {}, el('button', { type: 'button', class: 'btn', onclick: () => location.reload() }, 'Intentar de nuevo')));
      return;
    }
    // Offline: carry on with the stored user; the server still checks every action.
  }
  session.user = user;
  showUser(user, () => session.token);

  if (user.role !== 'coordinator') {
    showWrongRole(user);
    return;
  }

  replaceChildren($id('cargando'));
  $id('app').hidden = false;
  const scope = Array.isArray(user.clinics) ? user.clinics : [];
  if (scope.length) {
    $id('programar').prepend(notice('info', `Su usuario coordina ${plural(scope.length, 'unidad', 'unidades')}: `
      + 'la programación solo cambia esas.'));
  }
  setupDashboard();
  setupSchedule();
  setupTable();
  loadEntidades();
  // Suggestions for the institution: the first page of the catalog is enough to start.
  api(`/api/clinics?per_page=${SCAN_PER_PAGE}`).then((d) => learnInstitutions(d.items || [])).catch(() => {});
  loadTable();
}

init();

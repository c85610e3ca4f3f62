// Tab "Registro": check-in (nombre, sexo, identificador optional, mayor de edad), the credential
// (QR and code) shown large, the searchable list of people already registered (reissue, revoke),
// and a printable sheet of the credentials issued at this tablet since the last print.
// Built for a queue: name, Tab, M/H/O, Enter. The form is emptied the moment Enter is pressed, so
// the next name can be typed while the server answers; registrations go out one after another
// (in order), and the credential on screen stays until the next one replaces it. The adult
// confirmation stays checked from one person to the next.
import { debounce, el, icon, replaceChildren } from './common.js';
import {
  ask, busy, call, canCheckIn, changed, ctx, emit, fieldError, on, setAssembly, show, showError,
  working,
} from './moderar-ctx.js';
import { linkOrigin } from './link-origin.js';
import { fmtHora, plural } from './words.js';

const SEXO = { mujer: 'Mujer', hombre: 'Hombre', otro: 'Otro' };
const MAX_SHOWN = 200;

let form;
let nombre;
let identificador;
let mayor;
let submitBtn;
let statusEl;
let credBody;
let search;
let listEl;
let listStatus;
let listInfo;
let countEl;
let listAbort = null;
let lastAttendance = null;
let shownCredentialFor = null;
let printBtn;
let printStatus;
// Registrations typed but not answered yet, sent one after another in the order typed.
let sending = Promise.resolve();
let pendingCount = 0;
// Credentials issued at this tablet since the last print (memory only: a code is shown once).
let unprinted = [];
let lastSheet = [];

const errors = {};

function sexoInputs() {
  return [...form.querySelectorAll('input[name="sexo"]')];
}

function clearErrors() {
  fieldError(nombre, errors.nombre, null);
  fieldError(identificador, errors.identificador, null);
  fieldError(mayor, errors.mayor, null);
  fieldErrorGroup(null);
}

function fieldErrorGroup(text) {
  const group = document.getElementById('reg-sexo');
  const errEl = errors.sexo;
  if (text) {
    replaceChildren(errEl, icon('error'), el('span', {}, text));
    errEl.hidden = false;
    group.setAttribute('aria-describedby', `reg-sexo-hint ${errEl.id}`);
    for (const r of sexoInputs()) r.setAttribute('aria-invalid', 'true');
  } else {
    replaceChildren(errEl);
    errEl.hidden = true;
    group.setAttribute('aria-describedby', 'reg-sexo-hint');
    for (const r of sexoInputs()) r.removeAttribute('aria-invalid');
  }
}

/** Client-side checks; returns the first input with a problem, or null. */
function validate() {
  clearErrors();
  let first = null;
  const n = nombre.value.trim();
  if (n.length < 2) {
    fieldError(nombre, errors.nombre, 'Escriba el nombre de la persona.');
    first = first || nombre;
  }
  if (!sexoInputs().some((r) => r.checked)) {
    fieldErrorGroup('Elija mujer, hombre u otro (teclas M, H u O).');
    first = first || sexoInputs()[0];
  }
  const ident = identificador.value.replace(/\s/g, '');
  if (ident && ident.length < 3) {
    fieldError(identificador, errors.identificador, 'El identificador debe tener al menos 3 caracteres, o déjelo vacío.');
    first = first || identificador;
  }
  if (!mayor.checked) {
    fieldError(mayor, errors.mayor, 'Solo se registran personas mayores de edad. Confirme la edad.');
    first = first || mayor;
  }
  return first;
}

// ---------- Credential ----------

function svgDataUrl(svg) {
  if (typeof svg !== 'string' || !/^\s*(<\?xml[^>]*>\s*)?<svg[\s>]/i.test(svg)) return null;
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

// The host phones type: the LAN address when this tablet opened localhost (link-origin.js).
let linkHost = location.host;
linkOrigin().then(({ host }) => { linkHost = host; });

function votarAddress() {
  return `${linkHost}/c/${ctx.clues}/votar`;
}

function showCredential(attendee, credential, { reissued = false } = {}) {
  shownCredentialFor = attendee.id;
  const src = svgDataUrl(credential.qr_svg);
  const display = credential.display || credential.code;
  replaceChildren(credBody,
    el('p', { class: 'cred-name' },
      reissued ? 'Credencial nueva de ' : 'Credencial de ', el('strong', {}, attendee.nombre)),
    el('div', { class: 'cred-row' },
      src
        ? el('img', {
          class: 'qr', src, width: 260, height: 260, id: 'cred-qr',
          alt: `Código QR para votar de ${attendee.nombre}`,
        })
        : el('p', { class: 'muted' }, 'No pudimos mostrar el código QR; use el código escrito.'),
      el('div', { class: 'stack-sm cred-text' },
        el('p', { class: 'label', id: 'cred-codigo-label' }, 'Código para votar'),
        el('p', { class: 'cred-code mono', id: 'cred-codigo', 'aria-labelledby': 'cred-codigo-label cred-codigo' }, display),
        el('p', { class: 'muted' },
          'Pida a la persona que escanee el código QR con la cámara de su teléfono, o que entre a ',
          el('span', { class: 'mono nowrap' }, votarAddress()), ' y escriba el código.'),
        el('p', { class: 'muted' }, 'El código solo se muestra ahora. Si lo pierde, use «Reponer credencial».'))),
    el('button', { type: 'button', class: 'btn btn-lg btn-block', id: 'siguiente', onclick: nextPerson },
      'Siguiente persona'));
  credBody.closest('.credential').classList.add('credential-on');
}

function clearCredential() {
  shownCredentialFor = null;
  replaceChildren(credBody, el('p', { class: 'muted' },
    'Al registrar a una persona, aquí aparecen su código QR y su código para votar desde el teléfono.'));
  credBody.closest('.credential').classList.remove('credential-on');
}

function nextPerson() {
  clearCredential();
  replaceChildren(statusEl);
  nombre.focus();
}

// ---------- Check-in ----------

function readForm() {
  return {
    nombre: nombre.value.trim(),
    identificador: identificador.value.trim(),
    sexo: sexoInputs().find((r) => r.checked).value,
    mayor_de_edad: true,
  };
}

/** Empties the form for the next person; the adult confirmation stays as it is. */
function emptyForm() {
  nombre.value = '';
  identificador.value = '';
  for (const r of sexoInputs()) r.checked = false;
  clearErrors();
}

/** Puts a refused registration back in the form so it can be corrected. */
function refill(body) {
  nombre.value = body.nombre;
  identificador.value = body.identificador;
  for (const r of sexoInputs()) r.checked = r.value === body.sexo;
  mayor.checked = true;
}

function formIsEmpty() {
  return !nombre.value.trim() && !identificador.value.trim() && !sexoInputs().some((r) => r.checked);
}

function onSubmit(event) {
  event.preventDefault();
  if (submitBtn.disabled) return;
  const bad = validate();
  if (bad) {
    show(statusEl, 'error', 'Falta un dato.', { word: 'Revise:' }, el('p', {}, 'Corrija lo marcado y vuelva a registrar.'));
    bad.focus();
    return;
  }
  const body = readForm();
  // The next person's form is ready at once; this one goes out after any still on its way.
  emptyForm();
  nombre.focus();
  pendingCount += 1;
  working(statusEl, `Registrando a ${body.nombre}…`);
  sending = sending.then(() => register(body));
}

async function register(body) {
  try {
    const data = await call('attendees', { body });
    pendingCount -= 1;
    const person = data.attendee || { nombre: body.nombre };
    const credential = data.credential || {};
    showCredential(person, credential);
    rememberForPrint(person, credential);
    if (pendingCount > 0) working(statusEl, `Quedó registrada: ${person.nombre}. Registrando a la siguiente…`);
    else {
      show(statusEl, 'ok', `Quedó registrada: ${person.nombre}.`,
        el('p', {}, 'Entregue la credencial. Ya puede escribir el nombre de la siguiente persona.'));
    }
    loadList();
  } catch (err) {
    pendingCount -= 1;
    refused(body, err);
  }
}

/** Where a refusal is shown: next to its field when the form is free, else in the status. */
function refused(body, err) {
  const field = err.code === 'duplicate_attendee' ? (err.field || 'identificador') : err.field;
  const known = ['nombre', 'identificador', 'sexo', 'mayor_de_edad'].includes(field) || err.code === 'not_adult';
  if (known && formIsEmpty() && pendingCount === 0) {
    refill(body);
    fieldProblem(field, err);
    return;
  }
  const fix = el('button', {
    type: 'button', class: 'btn btn-secondary',
    onclick: () => {
      refill(body);
      if (known) fieldProblem(field, err);
      else nombre.focus();
    },
  }, `Corregir los datos de ${body.nombre}`);
  showError(statusEl, `No se registró a ${body.nombre}.`, err,
    err.status === 0 ? 'Revise la conexión y vuelva a registrarla.' : null);
  statusEl.querySelector('.notice-body')?.append(el('p', {}, fix));
}

function fieldProblem(field, err) {
  const where = { identificador: 'al identificador', nombre: 'al nombre', sexo: 'a «Sexo»' }[field] || 'a la confirmación de edad';
  if (field === 'identificador') {
    fieldError(identificador, errors.identificador, err.message);
    identificador.focus();
    identificador.select();
  } else if (field === 'nombre') {
    fieldError(nombre, errors.nombre, err.message);
    nombre.focus();
  } else if (field === 'sexo') {
    fieldErrorGroup(err.message);
    sexoInputs()[0].focus();
  } else {
    fieldError(mayor, errors.mayor, err.message);
    mayor.focus();
  }
  show(statusEl, 'error', 'No se registró.', { word: 'Revise:' }, el('p', {}, `Vea el mensaje junto ${where}.`));
}

// ---------- The sheet of credential slips ----------

function rememberForPrint(person, credential) {
  if (!credential.code) return;
  unprinted.push({
    nombre: person.nombre,
    code: credential.code,
    qr: svgDataUrl(credential.qr_svg),
  });
  renderPrintButton();
}

function renderPrintButton() {
  if (!printBtn) return;
  const n = unprinted.length;
  printBtn.disabled = n === 0;
  printBtn.textContent = n ? `Imprimir credenciales (${n})` : 'Imprimir credenciales';
}

/** "K7P4M2Q9" → "K7P4 M2Q9": two groups of four, for reading aloud. */
function spokenCode(code) {
  const c = String(code).replace(/[^0-9A-Z]/gi, '').toUpperCase();
  return c.length === 8 ? `${c.slice(0, 4)} ${c.slice(4)}` : c;
}

function slip(item, clinicName, address) {
  return el('article', { class: 'slip' },
    el('p', { class: 'slip-clinic' }, clinicName),
    el('p', { class: 'slip-title' }, 'Credencial para votar'),
    el('p', { class: 'slip-name' }, item.nombre),
    el('div', { class: 'slip-row' },
      item.qr ? el('img', { class: 'slip-qr', src: item.qr, width: 160, height: 160, alt: `Código QR para votar de ${item.nombre}` }) : null,
      el('div', { class: 'slip-text' },
        el('p', { class: 'slip-label' }, 'Código'),
        el('p', { class: 'slip-code mono' }, spokenCode(item.code)),
        el('p', { class: 'slip-label' }, 'Entre a'),
        el('p', { class: 'slip-address mono' }, address.host, el('wbr'), address.path))),
    el('p', { class: 'slip-note' }, 'Escanee el QR o escriba el código. Es personal: no lo comparta.'));
}

function buildSheet(items) {
  let sheet = document.getElementById('hoja-credenciales');
  if (!sheet) {
    sheet = el('section', { id: 'hoja-credenciales', class: 'print-sheet', 'aria-label': 'Hoja de credenciales para imprimir' });
    document.body.append(sheet);
  }
  const clinicName = ctx.clinic && ctx.clinic.nombre ? `${ctx.clinic.nombre} (${ctx.clues})` : ctx.clues;
  const address = { host: linkHost, path: `/c/${ctx.clues}/votar` };
  replaceChildren(sheet, items.map((item) => slip(item, clinicName, address)));
  return sheet;
}

function printSheet(items, again = false) {
  buildSheet(items);
  document.body.classList.add('imprimiendo-credenciales');
  replaceChildren(printStatus,
    `${again ? 'Se volvió a enviar' : 'Se envió'} a imprimir una hoja con ${plural(items.length, 'credencial', 'credenciales')}. Recorte por las líneas. `,
    el('button', { type: 'button', class: 'btn btn-quiet', id: 'reimprimir', onclick: () => printSheet(lastSheet, true) }, 'Volver a imprimir esa hoja'));
  window.print();
}

function onPrint() {
  if (!unprinted.length) return;
  lastSheet = unprinted;
  unprinted = [];
  renderPrintButton();
  printSheet(lastSheet);
}

// ---------- The list ----------

function credentialBadge(status) {
  return status === 'revocada'
    ? el('span', { class: 'badge badge-error' }, icon('error'), 'Credencial revocada')
    : el('span', { class: 'badge badge-ok' }, icon('ok'), 'Credencial activa');
}

function row(a) {
  const name = a.nombre;
  const revoked = a.credential_status === 'revocada';
  const closed = !canCheckIn();
  return el('li', { class: 'att-row', dataset: { id: a.id } },
    el('div', { class: 'att-main' },
      el('p', { class: 'att-name' }, name),
      el('p', { class: 'att-meta muted' },
        [SEXO[a.sexo] || a.sexo, a.registered_at ? `registro ${fmtHora(a.registered_at)} h` : null]
          .filter(Boolean).join(' · '))),
    credentialBadge(a.credential_status),
    el('div', { class: 'att-actions' },
      el('button', {
        type: 'button', class: 'btn btn-secondary', disabled: closed, onclick: (e) => reissue(a, e.currentTarget),
      }, 'Reponer credencial', el('span', { class: 'visually-hidden' }, ` de ${name}`)),
      el('button', {
        type: 'button', class: 'btn btn-quiet', disabled: revoked || closed, onclick: (e) => revoke(a, e.currentTarget),
      }, 'Revocar', el('span', { class: 'visually-hidden' }, ` la credencial de ${name}`))));
}

function renderList(data, q) {
  const items = Array.isArray(data.items) ? data.items : [];
  if (Number.isFinite(data.attendance)) {
    countEl.textContent = plural(data.attendance, 'persona registrada', 'personas registradas');
  }
  if (!items.length) {
    replaceChildren(listEl);
    replaceChildren(listInfo, el('p', { class: 'muted' },
      q ? `Nadie registrado coincide con «${q}».` : 'Todavía no hay personas registradas.'));
    return;
  }
  const shown = items.slice(0, MAX_SHOWN);
  replaceChildren(listEl, shown.map(row));
  replaceChildren(listInfo, q
    ? el('p', { class: 'muted' }, `${plural(items.length, 'coincidencia', 'coincidencias')} con «${q}».`)
    : null,
  items.length > shown.length
    ? el('p', { class: 'muted' }, `Se muestran ${shown.length} de ${items.length}. Escriba parte del nombre para buscar.`)
    : null);
}

async function loadList() {
  const q = search.value.trim();
  if (listAbort) listAbort.abort();
  listAbort = new AbortController();
  try {
    const data = await call(`attendees${q ? `?q=${encodeURIComponent(q)}` : ''}`, { signal: listAbort.signal });
    renderList(data, q);
    if (listStatus.dataset.loadError) {
      delete listStatus.dataset.loadError;
      replaceChildren(listStatus);
    }
    if (Number.isFinite(data.attendance) && ctx.assembly) {
      lastAttendance = data.attendance;
      setAssembly({ attendance: data.attendance, quorum_min: data.quorum_min ?? ctx.assembly.quorum_min, quorum_met: data.quorum_met ?? ctx.assembly.quorum_met }, { partial: true });
    }
  } catch (err) {
    if (err.name === 'AbortError') return;
    listStatus.dataset.loadError = '1';
    showError(listStatus, 'No pudimos cargar la lista de personas registradas.', err,
      'Se volverá a intentar sola; también puede escribir en la búsqueda.');
  }
}

const refreshList = debounce(loadList, 250);

async function reissue(a, button) {
  const ok = await ask({
    title: `¿Reponer la credencial de ${a.nombre}?`,
    body: [el('p', {}, 'La credencial anterior dejará de servir y se mostrará una nueva para entregarla a la persona.'),
      el('p', {}, 'Hágalo solo si la persona está presente y perdió su código.')],
    confirm: 'Reponer credencial',
  });
  if (!ok) return;
  const undo = busy(button, 'Reponiendo…');
  try {
    const data = await call(`attendees/${encodeURIComponent(a.id)}/reissue`, { method: 'POST' });
    undo();
    showCredential(data.attendee || a, data.credential || {}, { reissued: true });
    rememberForPrint(data.attendee || a, data.credential || {});
    show(statusEl, 'ok', `Credencial nueva para ${a.nombre}.`, el('p', {}, 'La anterior ya no sirve.'));
    document.getElementById('credencial').scrollIntoView({ block: 'nearest' });
    document.getElementById('siguiente').focus();
    loadList();
  } catch (err) {
    undo();
    showError(listStatus, `No se repuso la credencial de ${a.nombre}.`, err);
  }
}

async function revoke(a, button) {
  const ok = await ask({
    title: `¿Revocar la credencial de ${a.nombre}?`,
    body: [el('p', {}, 'La persona ya no podrá votar ni pedir la palabra con esa credencial.'),
      el('p', {}, 'Si después la necesita, use «Reponer credencial».')],
    confirm: 'Revocar',
    danger: true,
  });
  if (!ok) return;
  const undo = busy(button, 'Revocando…');
  try {
    await call(`attendees/${encodeURIComponent(a.id)}/revoke`, { method: 'POST' });
    undo();
    if (shownCredentialFor === a.id) clearCredential();
    show(listStatus, 'ok', `Se revocó la credencial de ${a.nombre}.`);
    loadList();
  } catch (err) {
    undo();
    showError(listStatus, `No se revocó la credencial de ${a.nombre}.`, err);
  }
}

// ---------- Registration open or not ----------

function renderGate(stateChanged = false) {
  const gate = document.getElementById('registro-aviso');
  const a = ctx.assembly || {};
  if (!changed('registro-gate', a.state, a.allowed_transitions)) return;
  const open = canCheckIn();
  submitBtn.disabled = !open;
  if (open) {
    // Registration just opened from the button in the notice: the cursor goes to the name.
    const hadFocus = gate.contains(document.activeElement) || document.activeElement === document.body;
    replaceChildren(gate);
    if (stateChanged && hadFocus && ctx.activeTab === 'registro') nombre.focus();
    return;
  }
  const allowed = Array.isArray(a.allowed_transitions) ? a.allowed_transitions : [];
  if (a.state === 'convocada') {
    replaceChildren(gate, el('div', { class: 'notice notice-info' }, icon('info'),
      el('div', { class: 'notice-body' },
        el('p', { class: 'notice-title' }, 'Aviso: el registro todavía no está abierto.'),
        el('p', {}, 'Ábralo cuando empiecen a llegar las personas.'),
        allowed.includes('registro')
          ? el('p', {}, el('button', {
            type: 'button', class: 'btn', id: 'abrir-registro',
            onclick: (e) => emit('transition', { to: 'registro', button: e.currentTarget, status: statusEl }),
          }, 'Abrir el registro'))
          : null)));
  } else if (a.state === 'suspendida') {
    replaceChildren(gate, el('div', { class: 'notice notice-warning' }, icon('warning'),
      el('div', { class: 'notice-body' },
        el('p', { class: 'notice-title' }, 'Atención: la asamblea está suspendida; no se puede registrar.'),
        el('p', {}, el('button', { type: 'button', class: 'btn btn-secondary', onclick: () => emit('goto', 'cierre') },
          'Ir a Cierre para reanudar')))));
  } else if (a.state === 'cerrada') {
    replaceChildren(gate, el('div', { class: 'notice notice-info' }, icon('info'),
      el('div', { class: 'notice-body' },
        el('p', { class: 'notice-title' }, 'Aviso: la asamblea está cerrada; ya no se registra a nadie.'))));
  }
}

// ---------- Module ----------

export function init() {
  form = document.getElementById('form-registro');
  nombre = document.getElementById('reg-nombre');
  identificador = document.getElementById('reg-identificador');
  mayor = document.getElementById('reg-mayor');
  submitBtn = document.getElementById('reg-enviar');
  statusEl = document.getElementById('reg-estado');
  credBody = document.getElementById('cred-cuerpo');
  search = document.getElementById('buscar');
  listEl = document.getElementById('lista');
  listStatus = document.getElementById('lista-estado');
  listInfo = document.getElementById('lista-info');
  countEl = document.getElementById('lista-cuenta');
  printBtn = document.getElementById('imprimir-credenciales');
  printStatus = document.getElementById('imprimir-estado');
  printBtn.addEventListener('click', onPrint);
  const tab = document.getElementById('tab-registro');
  tab.addEventListener('pointerdown', () => { tappedTab = true; });
  tab.addEventListener('click', () => setTimeout(() => { tappedTab = false; }, 0));
  window.addEventListener('afterprint', () => document.body.classList.remove('imprimiendo-credenciales'));
  for (const name of ['nombre', 'identificador', 'sexo', 'mayor']) {
    errors[name] = document.getElementById(`reg-${name}-error`);
  }

  form.addEventListener('submit', onSubmit);
  // Enter on the radio buttons and the checkbox registers too (text fields do it by themselves).
  form.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && event.target.matches('input[type="radio"], input[type="checkbox"]')) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  // On the sex buttons one letter chooses: M, H or O (or 1, 2, 3).
  document.getElementById('reg-sexo').addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.altKey || event.metaKey) return;
    const value = { m: 'mujer', h: 'hombre', o: 'otro', 1: 'mujer', 2: 'hombre', 3: 'otro' }[event.key.toLowerCase()];
    if (!value) return;
    event.preventDefault();
    const radio = sexoInputs().find((r) => r.value === value);
    radio.checked = true;
    radio.focus();
    fieldErrorGroup(null);
  });
  // A fixed field loses its error as soon as it is edited.
  nombre.addEventListener('input', () => fieldError(nombre, errors.nombre, null));
  identificador.addEventListener('input', () => fieldError(identificador, errors.identificador, null));
  mayor.addEventListener('change', () => fieldError(mayor, errors.mayor, null));
  for (const r of sexoInputs()) r.addEventListener('change', () => fieldErrorGroup(null));

  search.addEventListener('input', refreshList);

  on('assembly', ({ assembly, before }) => {
    renderGate(!!before && before.state !== assembly.state);
    // Someone else registered (another tablet): refresh the list while it is on screen.
    if (ctx.activeTab === 'registro' && lastAttendance !== null && assembly.attendance !== lastAttendance) {
      lastAttendance = assembly.attendance;
      refreshList();
    }
    if (before && before.state !== assembly.state) loadList();
  });
  renderGate();
}

let shownOnce = false;
let tappedTab = false;

/** Called when the tab is selected. */
export function onShow() {
  loadList();
  // The cursor waits in the name field on the first visit and whenever the tab is tapped or
  // clicked; moving between tabs with the arrow keys keeps the focus on the tabs.
  if ((!shownOnce || tappedTab) && canCheckIn()) nombre.focus();
  shownOnce = true;
  tappedTab = false;
}

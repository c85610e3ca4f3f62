// /c/{clues}/cosabi-cuenta: a member of the elected committee turns the one-time invitation code
// the moderator gave them into a login (POST /api/c/{clues}/committee/claim), then logs in on
// /entrar.html. The clinic comes from the address on the paper slip; on /cosabi-cuenta.html
// without it the page asks for the CLUES, also printed on the slip.
import { api, cluesFromPath, el, icon, notice, replaceChildren } from './common.js';

const form = document.getElementById('cuenta');
const code = document.getElementById('codigo');
const user = document.getElementById('usuario');
const pass = document.getElementById('contrasena');
const submit = document.getElementById('crear');
const status = document.getElementById('estado');
const clinic = document.getElementById('unidad');
const FIELDS = { code, username: user, password: pass, clues: clinic };
const CODE = /^[2-9A-HJ-NP-Z]{12}$/;
const CLUES = /^[0-9A-Z]{11}$/;
const fixedClues = cluesFromPath();

if (fixedClues && CLUES.test(fixedClues)) {
  // The address already names the clinic: show it instead of asking.
  clinic.value = fixedClues;
  document.getElementById('unidad-campo').hidden = true;
  const fixed = document.getElementById('unidad-fija');
  const name = el('span', {}, 'Unidad ', el('span', { class: 'mono' }, fixedClues));
  replaceChildren(fixed, name);
  fixed.hidden = false;
  api(`/api/c/${encodeURIComponent(fixedClues)}`).then((c) => {
    if (c && c.nombre) replaceChildren(name, `Unidad: ${c.nombre} (`, el('span', { class: 'mono' }, fixedClues), ')');
  }).catch(() => {});
}

function fieldError(input, text) {
  const box = document.getElementById(`${input.id}-error`);
  const hint = `${input.id}-hint`;
  replaceChildren(box, ...(text ? [icon('error'), el('span', {}, ` ${text}`)] : []));
  box.hidden = !text;
  if (text) {
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', `${hint} ${box.id}`);
  } else {
    input.removeAttribute('aria-invalid');
    input.setAttribute('aria-describedby', hint);
  }
}

// Typed leniently, shown as XXXX-XXXX-XXXX.
code.addEventListener('input', () => {
  const c = code.value.toUpperCase().replace(/[^0-9A-Z]/g, '').slice(0, 12);
  if (code.selectionStart === code.value.length) code.value = c.match(/.{1,4}/g)?.join('-') || '';
  fieldError(code, '');
});
clinic.addEventListener('input', () => fieldError(clinic, ''));
user.addEventListener('input', () => fieldError(user, ''));
pass.addEventListener('input', () => fieldError(pass, ''));
document.getElementById('mostrar').addEventListener('change', (e) => {
  pass.type = e.currentTarget.checked ? 'text' : 'password';
});

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const body = {
    code: code.value.toUpperCase().replace(/[\s-]/g, ''),
    username: user.value.trim(),
    password: pass.value,
  };
  const clues = clinic.value.trim().toUpperCase();
  const bad = [];
  if (!CLUES.test(clues)) bad.push([clinic, 'La CLUES tiene 11 letras y números, como CSIMB000001. Cópiela del papel que le dieron.']);
  if (!CODE.test(body.code)) bad.push([code, 'El código tiene 12 letras y números, sin 0, 1, O ni I. Revíselo.']);
  if (!/^[a-z0-9._-]{3,40}$/.test(body.username)) bad.push([user, 'Use de 3 a 40 letras minúsculas, números, punto, guion o guion bajo.']);
  if (new TextEncoder().encode(body.password).length < 10) bad.push([pass, 'La contraseña necesita al menos 10 caracteres.']);
  for (const input of Object.values(FIELDS)) fieldError(input, '');
  for (const [input, text] of bad) fieldError(input, text);
  if (bad.length) {
    replaceChildren(status, notice('error', 'Revise lo marcado.'));
    bad[0][0].focus();
    return;
  }
  submit.disabled = true;
  submit.textContent = 'Creando…';
  replaceChildren(status, el('p', { class: 'status-line' }, icon('loading'), ' Creando su cuenta…'));
  try {
    const out = await api(`/api/c/${encodeURIComponent(clues)}/committee/claim`, { body });
    form.hidden = true;
    const m = out.member;
    document.getElementById('lista-texto').textContent = `Su usuario es «${out.user.username}»${m
      ? `, para ${m.role === 'vocalia' ? `la vocalía ${m.seat}` : m.role_label.toLowerCase()} del COSABI ${m.term}` : ''}. `
      + 'Entre con él y la contraseña que eligió.';
    // After entering, the committee lands on its follow-up page.
    document.getElementById('entrar-link').href = `/entrar.html?volver=${encodeURIComponent(`/c/${encodeURIComponent(clues)}/seguimiento`)}`;
    document.getElementById('lista').hidden = false;
    document.getElementById('titulo').textContent = 'Cuenta creada';
    document.getElementById('titulo').focus();
  } catch (err) {
    submit.disabled = false;
    submit.textContent = 'Crear mi cuenta';
    const input = FIELDS[err.field];
    if (input) {
      fieldError(input, err.message);
      input.focus();
      replaceChildren(status, notice('error', 'No se creó la cuenta.', el('p', {}, 'Vea el mensaje junto al campo.')));
    } else {
      replaceChildren(status, notice('error', 'No se creó la cuenta.', el('p', {}, err.message)));
    }
  }
});

// Voter's phone: "Postularme al COSABI", loaded only when the person taps it (the page stays
// light). Choose a role, nominate yourself, see and withdraw your nominations.
// docs/api.md "COSABI (issue 6)".
import { el, icon, notice } from './live-view.js';

const ROLES = [
  ['presidencia', 'Presidencia', 'Coordina al comité y lo representa.'],
  ['secretaria_tecnica', 'Secretaría técnica', 'Lleva las actas y los documentos.'],
  ['tesoreria', 'Tesorería', 'Cuida la tarjeta y las cuentas del dinero.'],
  ['vocalia', 'Vocalía', 'Apoya y vigila los trabajos (hasta 5 personas).'],
  ['aval_ciudadano', 'Aval ciudadano', 'Revisa que la atención y los gastos sean correctos.'],
];
const NAME = Object.fromEntries(ROLES.map(([r, n]) => [r, n]));

let box;
let button; // votar.js's "Postularme al COSABI", put back by "Cerrar"
let base;
let S;
let mine = [];
let msg = null;
let busy = false;

async function request(path, method, body) {
  const res = await fetch(`${base}/${path}`, {
    method,
    headers: { Accept: 'application/json', 'Content-Type': 'application/json', Authorization: `Credential ${S.code}` },
    body: body ? JSON.stringify(body) : undefined,
  });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(data.message || 'No se pudo.');
  return data;
}

async function reload() {
  const res = await fetch(`${base}/nominations`, { headers: { Accept: 'application/json' } });
  const data = await res.json();
  const me = S.me ? S.me.id : null;
  mine = (data.items || []).filter((n) => n.attendee_id === me);
}

async function run(fn, ok, more) {
  busy = true;
  render();
  try {
    await fn();
    msg = ['ok', ok, more];
  } catch (err) {
    msg = ['error', err.message === 'Failed to fetch' ? 'Sin conexión. Intente de nuevo cuando tenga señal.' : err.message];
  }
  try {
    await reload();
  } catch { /* the message above says what matters */ }
  busy = false;
  render(true);
}

function render(focus) {
  const taken = new Set(mine.map((n) => n.role));
  const choices = ROLES.filter(([r]) => !taken.has(r));
  const parts = [el('h2', { id: 'cosabi-t', class: 'card-title', tabindex: -1 }, 'Postularme al COSABI'),
    el('p', {}, 'El Comité de Salud cuida que el dinero de la clínica se gaste en lo que decidió la asamblea.')];
  if (msg) parts.push(notice(msg[0], msg[1], msg[0] === 'ok' ? 'Listo:' : 'Error:', msg[2] ? el('p', {}, msg[2]) : null));
  if (mine.length) {
    parts.push(el('p', {}, 'Sus postulaciones:'), el('ul', { class: 'list-plain stack-sm' }, mine.map((n) => el('li', { class: 'stack-sm' },
      el('strong', {}, NAME[n.role] || n.role_label),
      el('button', {
        type: 'button', class: 'btn btn-secondary btn-block', disabled: busy,
        onclick: () => run(() => request(`nominations/${n.id}`, 'DELETE'), `Retiró su postulación a ${NAME[n.role]}.`),
      }, `Retirar mi postulación a ${NAME[n.role]}`)))));
  }
  if (choices.length) {
    const fs = el('fieldset', { class: 'stack-sm' }, el('legend', { class: 'label' }, mine.length ? '¿A otro cargo?' : '¿A qué cargo?'),
      el('ul', { class: 'list-plain opciones' }, choices.map(([r, name, what]) => el('li', { class: 'opcion' }, el('label', {},
        el('input', {
          type: 'radio', name: 'cargo', value: r,
          onchange: () => box.querySelectorAll('.opcion').forEach((n) => n.classList.toggle('sel', n.querySelector('input').checked)),
        }),
        el('span', { class: 'op-body' }, el('span', { class: 'op-title' }, name), el('span', { class: 'op-desc' }, what)))))));
    const err = el('p', { class: 'field-error', role: 'alert' });
    parts.push(fs, err, el('button', {
      type: 'button', class: 'btn btn-block', disabled: busy,
      onclick: () => {
        const pick = box.querySelector('input[name="cargo"]:checked');
        if (!pick) {
          err.replaceChildren(icon('error'), 'Elija un cargo.');
          return;
        }
        run(() => request('nominations', 'POST', { role: pick.value }),
          `Su postulación a ${NAME[pick.value]} quedó registrada.`,
          'Su nombre aparecerá en la boleta cuando la mesa prepare esa votación.');
      },
    }, busy ? 'Enviando…' : 'Postularme'));
  }
  parts.push(el('button', { type: 'button', class: 'btn btn-quiet btn-block', onclick: close }, 'Cerrar'));
  box.replaceChildren(...parts);
  if (focus) box.querySelector('#cosabi-t').focus();
}

function close() {
  msg = null;
  box.replaceChildren(button);
  button.focus();
}

async function show() {
  try {
    await reload();
  } catch { /* keeps what it had */ }
  render();
}

export async function open(section, apiBase, state) {
  if (!box) {
    // Hidden while a vote is open; shown again, it reloads (a role may have been decided).
    new MutationObserver(() => { if (!box.hidden && box.querySelector('#cosabi-t')) show(); })
      .observe(section, { attributes: true, attributeFilter: ['hidden'] });
  }
  box = section;
  button = section.querySelector('#cosabi-btn') || button;
  base = apiBase;
  S = state;
  msg = null;
  busy = true;
  box.replaceChildren(notice('loading', 'Cargando…'));
  try {
    await reload();
  } catch {
    msg = ['error', 'Sin conexión. Intente de nuevo cuando tenga señal.'];
  }
  busy = false;
  render(true);
}

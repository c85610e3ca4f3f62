// The coordinator's one write on the follow-up: a work item added outside the vote (POST /works),
// with the reason it is added, which stays public in the work's detail. Shown on the board only
// to a coordinator covering the clinic (the server checks it again).
import { el, replaceChildren } from './common.js';
import { CATEGORY, pesosACentavos } from './words.js';
import { busy, call, ctx, fieldError, refreshed, show, showError } from './seguimiento-ctx.js';

function field(id, label, input, hint) {
  input.id = id;
  if (hint) input.setAttribute('aria-describedby', `${id}-hint`);
  return el('div', { class: 'field' }, el('label', { for: id }, label),
    hint ? el('p', { id: `${id}-hint`, class: 'hint' }, hint) : null, input,
    el('p', { id: `${id}-error`, class: 'field-error', hidden: true }));
}

function form() {
  const title = el('input', { class: 'input', type: 'text', maxlength: '200', autocomplete: 'off' });
  const category = el('select', { class: 'select' }, el('option', { value: '' }, 'Elija una'),
    Object.entries(CATEGORY).map(([v, t]) => el('option', { value: v }, t)));
  const amount = el('input', { class: 'input', type: 'text', inputmode: 'decimal', autocomplete: 'off' });
  const quantity = el('input', { class: 'input', type: 'number', inputmode: 'numeric', min: '1', step: '1' });
  const reason = el('textarea', { class: 'textarea', maxlength: '2000', rows: '3' });
  const status = el('div', { id: 'coord-estado', role: 'status', 'aria-live': 'polite' });
  const submit = el('button', { type: 'submit', class: 'btn' }, 'Agregar la obra');
  const node = el('form', { class: 'stack', novalidate: true },
    field('coord-titulo', 'Título', title),
    field('coord-categoria', 'Categoría', category),
    field('coord-monto', 'Monto aprobado (pesos)', amount, 'Por ejemplo: 45,000 o 45000.50'),
    field('coord-cantidad', 'Cantidad (opcional)', quantity, 'Para equipo o mobiliario: cuántas piezas.'),
    field('coord-razon', 'Por qué se agrega', reason, 'Es pública: se verá en el detalle de la obra.'),
    submit, status);
  const err = (input, text) => fieldError(input, document.getElementById(`${input.id}-error`), text);
  node.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = {
      edition: ctx.board.edition, title: title.value.trim(), category: category.value,
      approved_centavos: pesosACentavos(amount.value), reason: reason.value.trim(),
    };
    if (quantity.value) body.quantity = Number(quantity.value);
    const bad = [];
    if (!body.title) bad.push([title, 'Escriba el título de la obra.']);
    if (!body.category) bad.push([category, 'Elija la categoría.']);
    if (!body.approved_centavos) bad.push([amount, 'Escriba el monto en pesos.']);
    if (body.quantity !== undefined && !(Number.isInteger(body.quantity) && body.quantity > 0)) bad.push([quantity, 'La cantidad es un número entero, 1 o más.']);
    if (!body.reason) bad.push([reason, 'Escriba por qué se agrega.']);
    for (const input of [title, category, amount, quantity, reason]) err(input, '');
    for (const [input, text] of bad) err(input, text);
    if (bad.length) {
      show(status, 'error', 'Revise lo marcado.');
      bad[0][0].focus();
      return;
    }
    const undo = busy(submit, 'Agregando…');
    try {
      const work = await call('works', { body });
      undo();
      node.reset();
      await refreshed();
      show(status, 'ok', `Se agregó «${work.title || body.title}».`);
    } catch (e) {
      undo();
      showError(status, 'No se agregó la obra.', e);
    }
  });
  return node;
}

let built = null;

/** Fills #coordinacion for a coordinator (once: what was typed survives a board refresh). */
export function renderCoordination() {
  const box = document.getElementById('coordinacion');
  if (!box || !ctx.user || ctx.user.role !== 'coordinator') return;
  if (built) return;
  built = el('section', { class: 'card stack', 'aria-labelledby': 'coord-titulo-sec' },
    el('h2', { id: 'coord-titulo-sec', class: 'card-title' }, 'Coordinación: agregar una obra'),
    el('p', { class: 'muted' }, 'Para una obra que no salió de la votación (por ejemplo, una reparación urgente). El COSABI la sigue como las demás.'),
    el('details', { class: 'sub-details' }, el('summary', {}, 'Agregar una obra a esta unidad'), form()));
  replaceChildren(box, built);
}

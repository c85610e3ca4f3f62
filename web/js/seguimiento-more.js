// The smaller parts of a work's detail: the confirmations of the delivery, the notes, the
// equipment's data, the state moves (detener and cancelar ask why) and the timeline.
import { el, icon } from './common.js';
import { COSABI_ROLE, WORK_STATE, fmtFecha } from './words.js';
import { busy, call, canWrite, ctx, fieldError, refreshed, show, showError } from './seguimiento-ctx.js';
import { confirmWork, moveWork } from './seguimiento-next.js';

const roleName = (c) => c.role_label || COSABI_ROLE[c.role] || c.role || '';
// "por Tesorería (Ana López)": who did it, when the server knows the seat.
const byWhom = (row) => {
  const role = roleName(row);
  if (!role) return null;
  return row.name ? `por ${role} (${row.name})` : `por ${role}`;
};

export function confirmationsSection(work) {
  const list = work.confirmations || [];
  const status = el('div', { id: 'conf-estado', role: 'status', 'aria-live': 'polite' });
  let still;
  if (work.state === 'verificado') still = el('p', {}, icon('ok'), ' Verificada por dos integrantes con cargos distintos.');
  else if (!list.length) still = el('p', {}, 'Faltan 2 confirmaciones de integrantes del COSABI con cargos distintos.');
  else {
    const taken = list.map(roleName).join(', ');
    still = el('p', {}, `Falta la confirmación de un integrante con un cargo distinto de: ${taken}.`);
  }
  let action = null;
  if (canWrite() && work.state === 'entregado') {
    const mine = ctx.board.viewer.role && list.some((c) => c.role === ctx.board.viewer.role);
    const b = el('button', { type: 'button', class: 'btn btn-lg btn-block', onclick: () => confirmWork(work, status, b) },
      'Confirmar que se entregó');
    action = mine
      ? el('p', { class: 'muted' }, `Ya hay una confirmación de ${ctx.board.viewer.role_label || 'su cargo'}. Pida a alguien con otro cargo que confirme.`)
      : b;
  } else if (work.state !== 'verificado') {
    still = [still, el('p', { class: 'muted' }, 'Se confirma cuando la obra está entregada.')];
  }
  return el('section', { class: 'card stack', id: 'confirmaciones', 'aria-labelledby': 'conf-titulo' },
    el('h2', { id: 'conf-titulo', class: 'card-title', tabindex: '-1' }, 'Confirmaciones de la entrega'),
    list.length ? el('ul', { class: 'list-plain stack-sm' }, list.map((c) => el('li', {},
      icon('ok'), ` Confirmó ${roleName(c)}${c.at ? `, ${fmtFecha(c.at)}` : ''}`))) : null,
    still, action, status);
}

export function notesSection(work) {
  const notes = work.notes || [];
  const status = el('div', { id: 'notas-estado', role: 'status', 'aria-live': 'polite' });
  let form = null;
  if (canWrite()) {
    const text = el('textarea', { class: 'textarea', id: 'nota-texto', maxlength: '2000', rows: '3' });
    const error = el('p', { id: 'nota-texto-error', class: 'field-error', hidden: true });
    const submit = el('button', { type: 'submit', class: 'btn btn-secondary' }, 'Guardar la nota');
    form = el('form', { class: 'stack', novalidate: true },
      el('div', { class: 'field' }, el('label', { for: 'nota-texto' }, 'Agregar una nota'), text, error), submit);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (!text.value.trim()) { fieldError(text, error, 'Escriba la nota.'); text.focus(); return; }
      fieldError(text, error, '');
      const undo = busy(submit, 'Guardando…');
      try {
        const out = await call(`works/${work.id}/notes`, { body: { text: text.value.trim() } });
        undo();
        await refreshed();
        show(status, 'ok', 'Se guardó la nota.');
      } catch (err) {
        undo();
        showError(status, 'No se guardó la nota.', err);
      }
    });
  }
  return el('section', { class: 'card stack', id: 'notas', 'aria-labelledby': 'notas-titulo' },
    el('h2', { id: 'notas-titulo', class: 'card-title', tabindex: '-1' }, 'Notas'),
    notes.length ? el('ul', { class: 'list-plain stack-sm' }, notes.map((n) => el('li', { class: 'note' },
      el('p', {}, n.text), el('p', { class: 'muted' }, [fmtFecha(n.at), byWhom(n)].filter(Boolean).join(' · '))))) : el('p', { class: 'muted' }, 'Sin notas.'),
    form, status);
}

export function equipmentSection(work) {
  if (work.category !== 'equipamiento') return null;
  const eq = work.equipment;
  const status = el('div', { id: 'equipo-estado', role: 'status', 'aria-live': 'polite' });
  const facts = eq ? el('dl', { class: 'facts' },
    el('dt', {}, 'Marca'), el('dd', {}, eq.brand || '—'),
    el('dt', {}, 'Modelo'), el('dd', {}, eq.model || '—'),
    el('dt', {}, 'Números de serie'), el('dd', { class: 'mono hash' }, (eq.serials || []).join(', ') || '—'),
    el('dt', {}, 'Etiquetas de inventario'), el('dd', { class: 'mono hash' }, (eq.inventory_tags || []).join(', ') || '—'))
    : el('p', { class: 'muted' }, 'Todavía no se registran marca, modelo ni números de serie.');
  let form = null;
  if (canWrite() && (work.state === 'entregado' || work.state === 'verificado')) {
    const input = (id, label, value, area) => {
      const node = area
        ? el('textarea', { class: 'textarea', id, rows: '3', 'aria-describedby': `${id}-hint` })
        : el('input', { class: 'input', id, type: 'text', maxlength: '120', autocomplete: 'off' });
      node.value = value || '';
      return [node, el('div', { class: 'field' }, el('label', { for: id }, label),
        area ? el('p', { id: `${id}-hint`, class: 'hint' }, 'Uno por renglón.') : null, node)];
    };
    const [brand, brandF] = input('eq-marca', 'Marca', eq && eq.brand);
    const [model, modelF] = input('eq-modelo', 'Modelo', eq && eq.model);
    const [serials, serialsF] = input('eq-series', 'Números de serie', eq && (eq.serials || []).join('\n'), true);
    const [tags, tagsF] = input('eq-etiquetas', 'Etiquetas de inventario', eq && (eq.inventory_tags || []).join('\n'), true);
    const submit = el('button', { type: 'submit', class: 'btn btn-secondary' }, 'Guardar los datos del equipo');
    const lines = (t) => t.value.split('\n').map((s) => s.trim()).filter(Boolean);
    form = el('form', { class: 'stack', novalidate: true }, brandF, modelF, serialsF, tagsF, submit);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const undo = busy(submit, 'Guardando…');
      try {
        const updated = await call(`works/${work.id}/equipment`, {
          body: { brand: brand.value.trim(), model: model.value.trim(), serials: lines(serials), inventory_tags: lines(tags) },
        });
        undo();
        await refreshed();
        show(status, 'ok', 'Se guardaron los datos del equipo.');
      } catch (err) {
        undo();
        showError(status, 'No se guardaron los datos del equipo.', err);
      }
    });
    form = el('details', { class: 'sub-details' }, el('summary', {}, 'Escribir marca, modelo y series'), form);
  }
  return el('section', { class: 'card stack', id: 'equipo', 'aria-labelledby': 'equipo-titulo' },
    el('h2', { id: 'equipo-titulo', class: 'card-title' }, 'Datos del equipo'),
    work.quantity > 1 ? el('p', {}, `Cantidad: ${work.quantity}`) : null, facts, form, status);
}

const MOVE_WORDS = {
  detenido: 'Detener la obra', cancelado: 'Cancelar la obra', cotizando: 'Pasar a cotizando',
  contratado: 'Marcar como contratado', en_ejecucion: 'Marcar en ejecución', entregado: 'Marcar como entregado',
  verificado: 'Marcar como verificado', planeado: 'Regresar a planeado',
};

export function movesSection(work) {
  const moves = Array.isArray(work.moves) ? work.moves : [];
  if (!canWrite()) return null;
  const status = el('div', { id: 'mover-estado', role: 'status', 'aria-live': 'polite' });
  const buttons = moves.map((to) => {
    const resume = work.state === 'detenido' && to === work.resumes_to;
    const b = el('button', {
      type: 'button',
      class: ['btn', to === 'cancelado' ? 'btn-danger' : 'btn-secondary'],
      onclick: () => moveWork(work, to, status, b),
    }, resume ? `Reanudar (${WORK_STATE[to] || to})` : MOVE_WORDS[to] || `Pasar a ${WORK_STATE[to] || to}`);
    return el('li', {}, b);
  });
  return el('section', { class: 'card stack', id: 'estado', 'aria-labelledby': 'mover-titulo' },
    el('h2', { id: 'mover-titulo', class: 'card-title' }, 'Cambiar el estado'),
    // A closed work keeps the section (and its status line, which says what the last move did).
    moves.length
      ? el('p', { class: 'muted' }, 'Detener y cancelar piden la razón, que queda en el historial. El sistema no deja avanzar sin las pruebas.')
      : el('p', { class: 'muted' }, work.state === 'cancelado' ? 'La obra se canceló: ya no cambia de estado.'
        : 'La obra está verificada: ya no cambia de estado.'),
    moves.length ? el('ul', { class: 'list-plain stack-sm move-list' }, buttons) : null, status);
}

export function timelineSection(work) {
  const rows = work.timeline || [];
  return el('section', { class: 'card stack', id: 'historial', 'aria-labelledby': 'hist-titulo' },
    el('h2', { id: 'hist-titulo', class: 'card-title' }, 'Historial'),
    rows.length ? el('ol', { class: 'list-plain timeline' }, rows.map((m) => el('li', {},
      el('p', { class: 'tl-move' }, m.from ? `${m.from_label || WORK_STATE[m.from]} → ` : '', el('strong', {}, m.to_label || WORK_STATE[m.to] || m.to)),
      el('p', { class: 'muted tl-who' }, [m.at ? fmtFecha(m.at) : null, byWhom(m)].filter(Boolean).join(' · ')),
      m.reason ? el('p', {}, `Razón: ${m.reason}`) : null)))
      : el('p', { class: 'muted' }, 'Todavía no hay cambios de estado.'));
}

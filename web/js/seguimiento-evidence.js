// Photos and documents of a work: «Agregar foto» opens the camera straight away; the photo is
// shrunk on the phone, stamped with when it was taken and, only when the box is ticked, where;
// then it goes through the outbox (uploaded, then recorded), so a weak network loses nothing.
import { el, icon, replaceChildren } from './common.js';
import { EVIDENCE_KIND, fmtFecha, fmtTamano } from './words.js';
import {
  announce, busy, call, canWrite, emit, fileDataUrl, openFile, refreshed, show, showError, working,
} from './seguimiento-ctx.js';
import { enqueue, remove, waiting } from './seguimiento-outbox.js';
import { position, shrinkPhoto, takenAt } from './seguimiento-photo.js';

const PHOTO_KINDS = ['foto_antes', 'foto_durante', 'foto_despues'];

/**
 * A button that opens the file picker (or, with camera, the camera straight away):
 * a real <input type="file"> laid over the button's face, so it is focusable and 48 px.
 */
export function fileButton({ text, accept = 'image/*', camera = false, big = false, secondary = false, label = null, id = null, onfile }) {
  const input = el('input', {
    type: 'file', class: 'file-over', accept, id,
    capture: camera ? 'environment' : null,
    'aria-label': label,
  });
  input.addEventListener('change', () => {
    const file = input.files && input.files[0];
    input.value = '';
    if (file) onfile(file);
  });
  return el('label', { class: ['btn', 'file-btn', big && 'btn-lg btn-block', secondary && 'btn-secondary'] },
    camera ? el('span', { class: 'icon icon-camera', 'aria-hidden': 'true' }) : null, text, input);
}

/**
 * Shrinks (photos), stamps and queues one piece of evidence; tells `status` what happened.
 * opts: {status, locate: bool, note}
 */
// What the server takes as a photo (it tells the type from the bytes, never from the name).
const TAKEN = /^image\/(jpeg|png|webp)$/;

export async function addEvidence(work, kind, file, { status, locate = false, note = '' } = {}) {
  const photo = /^image\//.test(file.type);
  if (PHOTO_KINDS.includes(kind) && !photo) {
    show(status, 'error', 'Eso no es una foto.', el('p', {}, 'Para esta parte se necesita una foto (JPEG, PNG o WebP). Un PDF va como documento.'));
    return;
  }
  working(status, photo ? 'Preparando la foto…' : 'Preparando el archivo…');
  const blob = photo ? await shrinkPhoto(file) : file;
  if (photo && blob === file && !TAKEN.test(file.type)) {
    // The phone could not redraw it (an iPhone's HEIC on most browsers): the server would refuse
    // it after the whole upload, so say how to fix it before spending the data.
    show(status, 'error', `No se agregó «${EVIDENCE_KIND[kind] || kind}».`,
      el('p', {}, 'Esta foto está en un formato que el sistema no recibe (por ejemplo HEIC). Tómela de nuevo o compártala como JPEG.'),
      el('p', {}, 'En un iPhone: Ajustes › Cámara › Formatos › «Más compatible».'));
    return;
  }
  const body = { kind, taken_at: takenAt(file) };
  if (note) body.note = note;
  let where = null;
  if (locate && photo) {
    working(status, 'Buscando la ubicación del teléfono…');
    where = await position();
    if (!where.error) {
      body.latitude = Number(where.latitude.toFixed(6));
      body.longitude = Number(where.longitude.toFixed(6));
    }
  }
  working(status, photo ? `Enviando la foto (${fmtTamano(blob.size)})…` : `Enviando el archivo (${fmtTamano(blob.size)})…`);
  const label = EVIDENCE_KIND[kind] || kind;
  const out = await enqueue({
    type: 'evidence', work_id: work.id, work_title: work.title, label, photo,
    files: [{ key: 'file_sha256', blob }], body,
  });
  const lost = where && where.error ? el('p', {}, `Se guardó sin ubicación: ${where.error}`) : null;
  if (out.state === 'sent') {
    await refreshed();
    show(status, 'ok', `Se agregó «${label}» a «${work.title}».`, lost);
    announce(`Se agregó «${label}».`);
  } else if (out.state === 'pending') {
    show(status, 'warning', `Sin conexión: «${label}» quedó guardada en este teléfono.`, { word: 'Pendiente:' },
      el('p', {}, 'Se enviará sola al reconectar. No hace falta tomarla de nuevo.'), lost);
  } else {
    await remove(out.id); // said here, next to the button: not again in the outbox's list
    showError(status, `No se agregó «${label}».`, out.error);
  }
}

function evidenceItem(work, e, status) {
  const isImage = /^image\//.test(e.mime || '');
  const view = el('div', { class: 'ev-view' });
  const show1 = el('button', {
    type: 'button', class: 'btn btn-secondary',
    onclick: async () => {
      if (!isImage) { openFile(e.file_sha256); return; }
      const undo = busy(show1, 'Cargando…');
      try {
        const url = await fileDataUrl(e.file_sha256);
        replaceChildren(view, el('img', { class: 'ev-photo', src: url, alt: `${e.kind_label || EVIDENCE_KIND[e.kind]} de «${work.title}»` }));
        show1.hidden = true;
      } catch {
        undo();
        replaceChildren(view, el('p', { class: 'status-line' }, icon('error'), ' No se pudo cargar la foto. Intente de nuevo.'));
        return;
      }
      undo();
    },
  }, isImage ? 'Ver foto' : 'Abrir documento');
  const meta = [];
  if (e.taken_at) meta.push(isImage ? `Tomada el ${fmtFecha(e.taken_at)}` : `Archivo del ${fmtFecha(e.taken_at)}`);
  if (e.located) meta.push('con ubicación');
  if (e.size_bytes) meta.push(fmtTamano(e.size_bytes));
  return el('li', { class: ['ev-item', e.voided_at && 'is-void'] },
    el('p', { class: 'ev-kind' }, e.kind_label || EVIDENCE_KIND[e.kind] || e.kind,
      e.voided_at ? el('span', { class: 'badge' }, icon('error'), 'Anulada') : null),
    meta.length ? el('p', { class: 'muted' }, meta.join(' · ')) : null,
    e.note ? el('p', {}, e.note) : null,
    e.voided_at ? null : el('div', { class: 'cluster' }, show1,
      canWrite() ? voidButton(work, e, status) : null),
    view);
}

function voidButton(work, e, status) {
  const b = el('button', {
    type: 'button', class: 'btn btn-quiet',
    onclick: () => emit('void', { path: `evidence/${e.id}/void`, what: e.kind_label || EVIDENCE_KIND[e.kind], status, button: b }),
  }, 'Anular', el('span', { class: 'visually-hidden' }, ` ${e.kind_label || ''}`));
  return b;
}

/** The section of the detail. */
export function evidenceSection(work) {
  const status = el('div', { id: 'ev-estado', role: 'status', 'aria-live': 'polite' });
  const live = (work.evidence || []).filter((e) => !e.voided_at);
  const voided = (work.evidence || []).filter((e) => e.voided_at);
  const pend = waiting(work.id).filter((x) => x.type === 'evidence');
  const list = el('ul', { class: 'list-plain stack ev-list', 'aria-label': 'Fotos y documentos registrados' },
    pend.map((x) => el('li', { class: 'ev-item is-pending' },
      el('p', { class: 'ev-kind' }, x.label, ' ', el('span', { class: 'badge badge-warning' }, icon('warning'), 'Pendiente de enviar')))),
    [...live, ...voided].map((e) => evidenceItem(work, e, status)));
  const empty = !live.length && !pend.length ? el('p', { class: 'muted' }, 'Todavía no hay fotos ni documentos.') : null;
  return el('section', { class: 'card stack', id: 'fotos', 'aria-labelledby': 'fotos-titulo' },
    el('h2', { id: 'fotos-titulo', class: 'card-title', tabindex: '-1' }, 'Fotos y documentos'),
    el('p', { class: 'muted' }, counts(work)),
    empty, list,
    canWrite() ? evidenceForm(work, status) : null,
    status);
}

function counts(work) {
  const c = work.counts || {};
  return `Antes: ${c.photos_before || 0} · Durante: ${c.photos_during || 0} · Después: ${c.photos_after || 0} · `
    + `Acta de entrega-recepción: ${work.entrega_recepcion ? 'sí' : 'falta'}`;
}

function defaultKind(state) {
  if (state === 'en_ejecucion') return 'foto_durante';
  if (state === 'entregado' || state === 'verificado') return 'foto_despues';
  return 'foto_antes';
}

function evidenceForm(work, status) {
  const def = defaultKind(work.state);
  const radios = Object.entries(EVIDENCE_KIND).map(([value, label]) => el('label', { class: 'check choice' },
    el('input', { type: 'radio', name: 'ev-tipo', id: `ev-tipo-${value}`, value, checked: value === def }), label));
  const locate = el('input', { type: 'checkbox', id: 'ev-ubicacion', 'aria-describedby': 'ev-ubicacion-hint' });
  const hint = el('p', { id: 'ev-ubicacion-hint', class: 'hint' },
    'Solo si usted lo permite. El teléfono le pedirá permiso; puede decir que no y la foto se guarda igual.');
  locate.addEventListener('change', async () => {
    if (!locate.checked) return;
    const where = await position();
    if (where.error) {
      locate.checked = false;
      show(status, 'warning', `No se guardará la ubicación: ${where.error}`);
    }
  });
  const note = el('input', { class: 'input', id: 'ev-nota', type: 'text', maxlength: '300', autocomplete: 'off' });
  const kind = () => (document.querySelector('input[name="ev-tipo"]:checked') || {}).value || def;
  const opts = () => {
    const o = { status, locate: locate.checked, note: note.value.trim() };
    note.value = ''; // taken: the next photo starts without it
    return o;
  };
  return el('div', { class: 'stack ev-form' },
    el('h3', {}, 'Agregar una foto o un documento'),
    el('fieldset', { class: 'field' }, el('legend', { class: 'label' }, '¿Qué muestra?'),
      el('div', { class: 'choices choices-2' }, radios)),
    el('div', { class: 'field' }, el('label', { for: 'ev-nota' }, 'Nota (opcional)'), note),
    el('div', { class: 'field' }, el('label', { class: 'check' }, locate, 'Guardar dónde se tomó la foto'), hint),
    fileButton({ text: 'Agregar foto', camera: true, big: true, id: 'ev-foto',
      onfile: (file) => addEvidence(work, kind(), file, opts()) }),
    fileButton({ text: 'Subir un archivo (foto o PDF)', accept: 'image/*,application/pdf', secondary: true, id: 'ev-archivo',
      onfile: (file) => addEvidence(work, kind(), file, opts()) }));
}

// The files picked in the detail's forms, by field: the detail is drawn again after every change
// (and when the outbox sends something), and a picked file must survive that.
const picks = new Map();

/**
 * A labelled file field for a form: {node, file(), clear(), input}. The name of the chosen file
 * shows under the button; the error paragraph is `${id}-error`.
 */
export function filePick({ id, label, accept, hint = null, button = 'Elegir archivo' }) {
  const name = el('p', { id: `${id}-nombre`, class: 'muted' });
  const input = el('input', {
    type: 'file', class: 'file-over', id, accept,
    'aria-labelledby': `${id}-label`, 'aria-describedby': [hint && `${id}-hint`, `${id}-nombre`].filter(Boolean).join(' '),
  });
  const say = () => {
    const f = picks.get(id);
    name.textContent = f ? `Elegido: ${f.name} (${fmtTamano(f.size)})` : 'Ningún archivo elegido.';
  };
  input.addEventListener('change', () => {
    if (input.files && input.files[0]) picks.set(id, input.files[0]);
    else picks.delete(id);
    say();
  });
  say();
  const node = el('div', { class: 'field' },
    el('span', { class: 'label', id: `${id}-label` }, label),
    hint ? el('p', { id: `${id}-hint`, class: 'hint' }, hint) : null,
    el('label', { class: 'btn btn-secondary file-btn', for: id }, button, input),
    name,
    el('p', { id: `${id}-error`, class: 'field-error', hidden: true }));
  return {
    node, input,
    file: () => picks.get(id) || null,
    clear: () => { picks.delete(id); input.value = ''; say(); },
  };
}

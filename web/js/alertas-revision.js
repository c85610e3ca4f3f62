// The coordinator's review of one red flag on /nacional/alertas: a note and «Marcar como
// revisada» (POST /api/national/red-flags/{edition}/reviews, audited). Shown only with a
// coordinator's session; a state's coordinator may review the flags of her clinics only.
import { ApiError, api, el, notice, replaceChildren } from './common.js';

let formCount = 0;

export function reviewForm(flag, { token, edition, onDone }) {
  const id = `nota-${++formCount}`;
  const note = el('textarea', { class: 'textarea', id, name: 'note', rows: 3, maxlength: 1000, required: true },
    flag.review ? flag.review.note : '');
  const message = el('div', { role: 'status', 'aria-live': 'polite' });
  const button = el('button', { type: 'submit', class: 'btn' },
    flag.reviewed ? 'Cambiar la nota' : 'Marcar como revisada');
  const form = el('form', { class: 'stack-sm', dataset: { revision: flag.key } },
    el('div', { class: 'field' },
      el('label', { class: 'label', for: id }, 'Nota de revisión (coordinación)'),
      note),
    button,
    message);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    button.disabled = true;
    try {
      await api(`/api/national/red-flags/${encodeURIComponent(edition)}/reviews`,
        { method: 'POST', body: { key: flag.key, note: note.value }, token });
      replaceChildren(message, notice('ok', 'Revisión guardada.'));
      onDone();
    } catch (err) {
      replaceChildren(message, notice('error', 'No se guardó la revisión.',
        el('p', {}, err instanceof ApiError ? err.message : String(err))));
      button.disabled = false;
    }
  });
  return form;
}

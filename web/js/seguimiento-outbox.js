// The outbox: a photo, a quote or an invoice that cannot reach the server waits here (IndexedDB,
// the file included) and is sent when the network returns, on `online` and every 20 s.
// Sent once: each file is uploaded first (content-addressed, so uploading it again is harmless),
// then the command; an item leaves the outbox only after the command's 2xx. A command that was
// sent and whose answer got lost is not sent again blindly: the work's detail is read first and
// a live row with the same file means it already arrived.
import { ApiError, el, icon, replaceChildren } from './common.js';
import { plural } from './words.js';
import { call, ctx, emit, on, uploadFile } from './seguimiento-ctx.js';

const DB = 'asamblea-seguimiento';
const STORE = 'outbox';
const RETRY_MS = 20_000;

/** What each kind of item posts, and how a row of the work shows it already arrived. */
const KINDS = {
  evidence: {
    path: (item) => `works/${item.work_id}/evidence`,
    arrived: (work, item) => (work.evidence || []).some((e) => !e.voided_at
      && e.file_sha256 === item.body.file_sha256 && e.kind === item.body.kind),
    noun: (item) => (item.photo ? ['foto', 'fotos'] : ['documento', 'documentos']),
  },
  quote: {
    path: (item) => `works/${item.work_id}/quotes`,
    arrived: (work, item) => (work.quotes || []).some((q) => !q.voided_at && q.file_sha256 === item.body.file_sha256),
    noun: () => ['cotización', 'cotizaciones'],
  },
  expense: {
    path: (item) => `works/${item.work_id}/expenses`,
    arrived: (work, item) => (work.expenses || []).some((x) => !x.voided_at && x.xml_sha256 === item.body.xml_sha256),
    noun: () => ['factura', 'facturas'],
  },
};

// ---------- Storage: IndexedDB, or memory when the browser has none ----------

let dbPromise = null;
const memory = new Map();
let memoryId = 0;

function openDb() {
  if (!dbPromise) {
    dbPromise = new Promise((resolve) => {
      if (typeof indexedDB === 'undefined') { resolve(null); return; }
      const req = indexedDB.open(DB, 1);
      req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'id', autoIncrement: true });
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => resolve(null);
    });
  }
  return dbPromise;
}

async function tx(mode, fn) {
  const db = await openDb();
  if (!db) return fn(null);
  return new Promise((resolve, reject) => {
    const t = db.transaction(STORE, mode);
    const req = fn(t.objectStore(STORE));
    t.oncomplete = () => resolve(req ? req.result : undefined);
    t.onerror = () => reject(t.error);
    t.onabort = () => reject(t.error);
  });
}

async function save(item) {
  const db = await openDb();
  if (!db) {
    if (!item.id) item.id = ++memoryId;
    memory.set(item.id, item);
    return item.id;
  }
  const id = await tx('readwrite', (s) => s.put(item));
  item.id = id;
  return id;
}

async function drop(id) {
  const db = await openDb();
  if (!db) { memory.delete(id); return; }
  await tx('readwrite', (s) => s.delete(id));
}

async function all() {
  const db = await openDb();
  const items = db ? await tx('readonly', (s) => s.getAll()) : [...memory.values()];
  return (items || []).filter((x) => x.clues === ctx.clues).sort((a, b) => a.id - b.id);
}

// ---------- Sending ----------

let items = []; // the last read, for the views
let running = null;
let again = false;
let offline = false; // the last attempt met no network
let timer = null;
const waiters = new Map(); // id -> resolve, for the form that queued the item

const retryable = (err) => !(err instanceof ApiError) || err.status === 0 || err.status === 429 || err.status >= 500;

/** Sends one item as far as it goes. Returns {state: 'sent'|'pending'|'failed', answer, error}. */
async function send(item) {
  // 1. The files, each once (a file already uploaded keeps its sha256 in the item).
  for (const f of item.files) {
    if (f.sha256) continue;
    const up = await uploadFile(f.blob);
    f.sha256 = up.sha256;
    item.body[f.key] = up.sha256;
    await save(item);
  }
  // 2. A command sent before whose answer never came: did it arrive?
  if (item.tried) {
    const work = await call(`works/${item.work_id}`);
    if (KINDS[item.type].arrived(work, item)) return { state: 'sent', answer: { work }, late: true };
  }
  // 3. The command, marked as tried before it leaves.
  item.tried = true;
  await save(item);
  const answer = await call(KINDS[item.type].path(item), { body: item.body });
  return { state: 'sent', answer };
}

async function runOnce() {
  items = await all();
  offline = false;
  for (const item of items) {
    if (item.failed) continue;
    let outcome;
    try {
      outcome = await send(item);
    } catch (err) {
      if (retryable(err)) {
        offline = err.status === 0 || err.code === 'network' || !navigator.onLine;
        item.error = err.message;
        outcome = { state: 'pending', error: err, id: item.id };
        // The network is down: the rest would fail the same way.
        for (const rest of items.slice(items.indexOf(item))) {
          waiters.get(rest.id)?.({ ...outcome, id: rest.id });
          waiters.delete(rest.id);
        }
        break;
      }
      item.failed = true;
      item.error = err.message;
      await save(item);
      outcome = { state: 'failed', error: err };
    }
    if (outcome.state === 'sent') {
      await drop(item.id);
      // Sent in the background (no form waits for it): the page reads the board and work again.
      if (!waiters.has(item.id)) emit('sent', { item, answer: outcome.answer });
    }
    waiters.get(item.id)?.({ ...outcome, id: item.id });
    waiters.delete(item.id);
  }
  items = await all();
  emit('outbox', items);
  schedule();
}

/** Sends what is waiting; one run at a time (a call during a run asks for one more). */
export function flush() {
  if (running) {
    again = true;
    return running;
  }
  running = (async () => {
    try {
      do {
        again = false;
        await runOnce();
      } while (again);
    } catch (err) {
      console.error(err);
    } finally {
      running = null;
    }
  })();
  return running;
}

function schedule() {
  clearTimeout(timer);
  timer = null;
  if (items.some((x) => !x.failed)) timer = setTimeout(flush, RETRY_MS);
}

/**
 * Queues an upload and its command, then tries to send it now. Resolves with what happened to
 * this item in that first try: {state: 'sent', answer} | {state: 'pending'} | {state: 'failed', error}.
 * item: {type: 'evidence'|'quote'|'expense', work_id, work_title, label, photo, files: [{key, blob}], body}
 */
export async function enqueue(item) {
  const full = {
    ...item,
    clues: ctx.clues,
    files: item.files.map((f) => ({ key: f.key, blob: f.blob, sha256: null })),
    tried: false,
    failed: false,
    error: null,
    created_at: new Date().toISOString(),
  };
  await save(full);
  const result = new Promise((resolve) => waiters.set(full.id, resolve));
  items = await all();
  emit('outbox', items);
  flush();
  return result;
}

/** Items waiting (not failed) for a work, or for all. */
export function waiting(workId) {
  return items.filter((x) => !x.failed && (workId === undefined || x.work_id === workId));
}

export async function remove(id) {
  await drop(id);
  items = await all();
  emit('outbox', items);
}

// ---------- The honest line at the top of the page ----------

function phrase(list) {
  const counts = new Map();
  for (const item of list) {
    const [one, many] = KINDS[item.type].noun(item);
    const c = counts.get(one) || { n: 0, one, many };
    c.n += 1;
    counts.set(one, c);
  }
  const parts = [...counts.values()].map((c) => plural(c.n, c.one, c.many));
  const joined = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} y ${parts.at(-1)}` : parts[0];
  return `${joined} ${list.length === 1 ? 'pendiente' : 'pendientes'}`;
}

function render() {
  const box = document.getElementById('pendientes');
  if (!box) return;
  const pending = items.filter((x) => !x.failed);
  const failed = items.filter((x) => x.failed);
  const blocks = [];
  if (pending.length) {
    const down = offline || !navigator.onLine;
    blocks.push(el('div', { class: `notice ${down ? 'notice-warning' : 'notice-info'} outbox` },
      icon(down ? 'warning' : 'loading'),
      el('div', { class: 'notice-body' },
        el('p', { class: 'notice-title', id: 'pendientes-texto' }, down
          ? `Sin conexión: ${phrase(pending)}, se enviará${pending.length === 1 ? '' : 'n'} al reconectar.`
          : `Enviando: ${phrase(pending)}…`),
        el('p', {}, 'Puede seguir usando la página. Si la cierra, se enviará cuando la vuelva a abrir con conexión.'),
        el('ul', { class: 'list-plain stack-sm' }, pending.map((x) => el('li', {}, `${x.label} · ${x.work_title}`))),
        down ? el('button', { type: 'button', class: 'btn btn-secondary', onclick: () => flush() }, 'Intentar ahora') : null)));
  }
  for (const x of failed) {
    blocks.push(el('div', { class: 'notice notice-error' }, icon('error'),
      el('div', { class: 'notice-body' },
        el('p', { class: 'notice-title' }, `Error: no se registró «${x.label}» de «${x.work_title}».`),
        el('p', {}, x.error || ''),
        el('button', { type: 'button', class: 'btn btn-secondary', onclick: () => remove(x.id) },
          'Quitar este aviso'))));
  }
  replaceChildren(box, blocks);
}

/** Reads what waits from a previous visit, shows it, and sends it when the network returns. */
export async function startOutbox() {
  on('outbox', render);
  window.addEventListener('online', () => { offline = false; render(); flush(); });
  window.addEventListener('offline', () => { offline = true; render(); });
  items = await all();
  render();
  if (items.length) flush();
}

export { render as renderOutbox };

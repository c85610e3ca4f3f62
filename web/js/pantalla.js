// Projector, /c/{clues}/pantalla: public live view (no credential) for a 16:9 screen read from
// the back of the room: join instructions and QR, attendance and quorum, the countdown,
// participation, and the result bars once the moderator shows them. Long lists (the options of
// an open round, the result lines, the committee) never scroll: they page by themselves.
import { linkOrigin } from './link-origin.js';
import { Live, applyProgress, wsUrl } from './live.js';
import { bar, countdown, el, icon, participation, results } from './live-view.js';
import { COSABI_ROLE, KIND, STATE, fmtPesos } from './words.js';

const $ = (id) => document.getElementById(id);
const clues = (/^\/c\/([^/]+)/.exec(location.pathname) || [0, ''])[1].toUpperCase();

let snap = null;
let shownRound = '';
let shownRes = '';
let shownCosabi = '';

// ---------- Pages: a list split into pages that fit its box, turning by themselves ----------
// Every PAGE_SECONDS the next page shows, with «Página 2 de 3» beside the list's heading; a
// presenter remote (PageDown / PageUp, or the arrow keys) turns them too. With
// prefers-reduced-motion a page replaces the other at once; otherwise it fades in.
const PAGE_SECONDS = 8;
const lessMotion = matchMedia('(prefers-reduced-motion: reduce)');
const pagers = new Map(); // name -> pager

/** Pages for `list` (a .p-paged <ol>, its box sized by CSS) with `label` showing «Página N de M». */
function paged(name, list, label) {
  let p = pagers.get(name);
  if (!p) {
    p = { page: 0, pages: 1, timer: 0, list: null, label, observer: new ResizeObserver(() => layoutPages(p)) };
    pagers.set(name, p);
  }
  p.label = label;
  if (p.list !== list) {
    if (p.list) p.observer.unobserve(p.list);
    p.list = list;
    if (list) p.observer.observe(list);
  }
  layoutPages(p);
}

// Splits the items into pages: each page starts with the first item that would overflow the last.
function layoutPages(p) {
  const items = p.list && p.list.isConnected ? [...p.list.children] : [];
  for (const li of items) li.hidden = false;
  const room = p.list ? p.list.clientHeight : 0;
  let n = 0;
  let top = items.length ? items[0].offsetTop : 0;
  for (const li of items) {
    if (li.offsetTop > top && li.offsetTop + li.offsetHeight - top > room) {
      n += 1;
      top = li.offsetTop;
    }
    li.dataset.pagina = String(n);
  }
  p.pages = room > 0 ? n + 1 : 1;
  p.page = Math.min(p.page, p.pages - 1);
  showPage(p, false);
  if (p.pages > 1 && !p.timer) p.timer = setInterval(() => turnPage(p, 1), PAGE_SECONDS * 1000);
  if (p.pages < 2 && p.timer) {
    clearInterval(p.timer);
    p.timer = 0;
  }
}

function showPage(p, animate) {
  if (p.list) for (const li of p.list.children) li.hidden = p.pages > 1 && li.dataset.pagina !== String(p.page);
  p.label.hidden = p.pages < 2;
  p.label.textContent = p.pages < 2 ? '' : `Página ${p.page + 1} de ${p.pages}`;
  if (animate && p.list && !lessMotion.matches) {
    p.list.classList.remove('p-pagina-nueva');
    void p.list.offsetWidth; // restart the animation
    p.list.classList.add('p-pagina-nueva');
  }
}

function turnPage(p, step) {
  if (p.pages < 2 || !p.list || !p.list.isConnected) return;
  p.page = (p.page + step + p.pages) % p.pages;
  showPage(p, true);
}

document.addEventListener('keydown', (e) => {
  const step = { PageDown: 1, ArrowRight: 1, ArrowDown: 1, PageUp: -1, ArrowLeft: -1, ArrowUp: -1 }[e.key];
  if (!step) return;
  e.preventDefault();
  for (const p of pagers.values()) {
    if (p.pages < 2 || !p.list || !p.list.checkVisibility()) continue;
    turnPage(p, step);
    // A page turned by hand stays its full time.
    clearInterval(p.timer);
    p.timer = setInterval(() => turnPage(p, 1), PAGE_SECONDS * 1000);
  }
});

const live = new Live(wsUrl(clues), { hello: () => ({}), onmessage, onstatus });

// The join QR is optional: hide its slot when the server does not have it (404) or it fails.
const qr = $('p-qr');
qr.addEventListener('load', () => { qr.hidden = false; });
qr.addEventListener('error', () => { qr.hidden = true; });
qr.src = `/api/c/${encodeURIComponent(clues)}/join-qr.svg`;
// The address, with a line-break opportunity after the host
// (the LAN address when the projector's browser opened localhost: phones cannot open that).
$('p-url').replaceChildren(location.host, el('wbr'), `/c/${clues}/votar`);
$('p-publica-url').replaceChildren(location.host, el('wbr'), `/c/${clues}`);
linkOrigin().then(({ host }) => {
  $('p-url').replaceChildren(host, el('wbr'), `/c/${clues}/votar`);
  $('p-publica-url').replaceChildren(host, el('wbr'), `/c/${clues}`);
});

fetch(`/api/c/${encodeURIComponent(clues)}`).then((r) => {
  // The HTTP Date header sets the clock until a snapshot brings server_time (to the second; +0.5 s).
  const d = Date.parse(r.headers.get('Date') || '');
  if (d && !live.offset) live.offset = d + 500 - Date.now();
  return r.ok ? r.json() : null;
}).then((c) => {
  if (!c) return;
  $('p-unidad').textContent = c.nombre;
  document.title = `Pantalla: ${c.nombre}`;
}).catch(() => {});

function onstatus(s) {
  const box = $('p-conexion');
  box.dataset.s = s;
  if (s === 'sin_conexion') box.replaceChildren(icon('warning'), 'Sin conexión: estos datos pueden no estar al día. Reintentando…');
  else if (s === 'conectando' && !snap) box.replaceChildren(icon('loading'), 'Conectando…');
  else if (s === 'conectado') box.replaceChildren();
}

function onmessage(m) {
  if (m.type === 'snapshot') snap = m;
  // Only the round's count (and live results) moved: the rest of the snapshot still holds.
  else if (m.type !== 'progress' || !applyProgress(snap, m)) return;
  render();
}

function render() {
  const a = snap.assembly || {};
  // Once the assembly is closed the screen says so and points to the public record.
  const closed = a.state === 'cerrada';
  const r = !closed && snap.round && snap.round.status !== 'preparada' ? snap.round : null;
  $('p-estado').textContent = STATE[a.state] || a.state || '';
  $('p-asistentes').textContent = a.attendance ?? '—';
  $('p-unidades').textContent = a.attendance === 1 ? 'registrado' : 'registrados';
  const q = $('p-quorum');
  q.className = `p-quorum badge ${a.quorum_met ? 'badge-ok' : 'badge-warning'}`;
  q.replaceChildren(icon(a.quorum_met ? 'ok' : 'warning'),
    `${a.quorum_met ? 'Hay quórum' : 'Aún no hay quórum'} (mínimo ${a.quorum_min ?? '—'})`);

  const key = JSON.stringify([closed, r && [r.id, r.status, r.title, r.kind, r.options, !!r.results]]);
  if (key !== shownRound) {
    shownRound = key;
    $('p-ronda').textContent = r ? r.title : closed ? 'La asamblea terminó' : 'La votación aún no empieza';
    // The join instructions give way to the public page once closed, and to the committee list.
    $('p-unirse').hidden = closed || !$('p-cosabi').hidden;
    $('p-publica').hidden = !closed;
    $('p-tipo').hidden = !r;
    if (r) {
      $('p-tipo').replaceChildren(el('span', { class: 'badge' }, kindWord(r)), ' ',
        ...(r.runoff_of ? [el('span', { class: 'badge badge-warning' }, icon('warning'), 'Segunda vuelta'), ' '] : []),
        el('span', { class: `badge ${r.status === 'abierta' ? 'badge-ok' : 'badge-info'}` },
          icon(r.status === 'abierta' ? 'ok' : 'info'), r.status === 'abierta' ? 'Votación abierta' : 'Votación cerrada'),
        ' ', el('span', { id: 'p-tipo-part', class: 'p-tipo-part' }));
    }
    const opts = r && !r.results && r.status === 'abierta' ? r.options || [] : [];
    $('p-opciones').hidden = !opts.length;
    $('p-opciones-box').hidden = !opts.length;
    $('p-opciones-t').textContent = r && r.kind === 'election' ? `Candidaturas (${opts.length})`
      : r && r.kind === 'budget' ? `Propuestas en la boleta (${opts.length})` : 'En la boleta';
    $('p-opciones').replaceChildren(...opts.map((o) => el('li', {},
      el('span', { class: 'p-op' }, o.label),
        o.cost_centavos ? el('span', { class: 'money' }, fmtPesos(o.cost_centavos)) : null)));
    $('p-aviso').textContent = closed ? 'Gracias por participar. Los resultados, el COSABI electo y el acta quedan en la página pública de la clínica.'
      : !r ? 'Escanee el código o abra la dirección de la derecha para estar listo.'
      : r.status !== 'abierta' && !r.results ? 'Los resultados se mostrarán en un momento.'
        : r.status === 'abierta' && r.kind === 'election' ? electionNote(r) : '';
  }

  // With results on screen, participation shrinks to one line beside the badges.
  const hasRes = !!(r && r.results);
  $('contenido').classList.toggle('p-con-res', hasRes);
  // Waiting for the first round: the join instructions get the room the round would take.
  $('contenido').classList.toggle('p-espera', !r && !closed);
  $('p-part').hidden = !r || hasRes;
  $('p-cifras').hidden = $('p-part').hidden && $('p-cuenta').hidden;
  if ($('p-tipo-part')) $('p-tipo-part').textContent = hasRes ? participation(r, a.attendance) : '';
  if (r) {
    const old = $('p-part').querySelector('.bar');
    const b = bar((r.ballots || 0) / Math.max(1, r.attendance || a.attendance || 0));
    if (old) old.replaceWith(b);
    else $('p-part').append(b);
    $('p-part-num').textContent = participation(r, a.attendance);
  }

  const res = r && r.results ? JSON.stringify(r.results) : '';
  if (res !== shownRes) {
    shownRes = res;
    $('p-res').replaceChildren(...(res ? [
      el('div', { class: 'p-lista-head' },
        el('h3', { class: 'p-lista-t' }, r.revealed ? 'Resultados' : 'Resultados en vivo'),
        el('p', { id: 'p-res-pagina', class: 'p-pagina', hidden: true })),
      ...[tie(r), ...results(r, { brief: true })].filter(Boolean)] : []));
    const list = $('p-res').querySelector('.res-list');
    if (list) {
      // The outcome in one sentence first, then the lines page by page under it.
      const summary = $('p-res').querySelector('.res-summary');
      if (summary) list.before(summary);
      list.classList.add('p-paged');
      paged('res', list, $('p-res-pagina'));
    }
  }
  renderCosabi(r);
  renderFloor();
  tick();
  // After the layout around it changed: the options' pages.
  paged('opciones', $('p-opciones'), $('p-opciones-pagina'));
}

// COSABI: which role is being elected, ties that go to a runoff, parity, the committee so far.
function kindWord(r) {
  if (r.role) return `COSABI: ${COSABI_ROLE[r.role] || r.role}`;
  return r.ratify_committee ? 'COSABI: ratificación' : KIND[r.kind] || r.kind;
}

function electionNote(r) {
  const seats = r.seats || 1;
  if (seats === 1) return 'Se elige a una persona: la que tenga más votos.';
  return `Se eligen ${seats} lugares; cada persona vota hasta por ${r.max_choices || seats}.${r.parity
    ? ` Con paridad: ningún sexo ocupa más de ${Math.ceil(seats / 2)} de los ${seats} lugares.` : ''}`;
}

function tie(r) {
  if (!r.results.runoff) return null;
  const names = (r.results.tied || []).map((id) => (r.options.find((o) => String(o.id) === String(id)) || {}).label || id);
  return el('p', { class: 'p-empate' }, icon('warning'),
    ` Empate entre ${names.slice(0, -1).join(', ')} y ${names[names.length - 1]}: habrá segunda vuelta.`);
}

// The committee elected so far, beside the result of a COSABI round once it is public.
function renderCosabi(r) {
  const closed = snap.assembly && snap.assembly.state === 'cerrada';
  const key = closed ? 'cerrada' : r && (r.role || r.ratify_committee) && r.revealed ? String(r.id) : '';
  if (key === shownCosabi) return;
  shownCosabi = key;
  const box = $('p-cosabi');
  // While the committee is listed, it takes the place of the join instructions.
  const show = (on) => {
    box.hidden = !on;
    $('p-unirse').hidden = on || closed;
    // Closed: the committee takes the main column, which has nothing else to show.
    if (closed && box.parentElement !== $('p-main')) $('p-main').append(box);
    if (!closed && box.parentElement === $('p-main')) $('p-side').insertBefore(box, $('p-asist'));
  };
  if (!key) {
    show(false);
    return;
  }
  fetch(`/api/c/${encodeURIComponent(clues)}/committee`).then((res) => res.json()).then((c) => {
    if (shownCosabi !== key) return;
    const members = c.members || [];
    show(members.length > 0);
    $('p-cosabi-t').textContent = `COSABI ${c.term || ''}`.trim();
    $('p-cosabi-lista').replaceChildren(...members.map((m) => el('li', {},
      el('span', { class: 'p-cosabi-cargo' }, m.role === 'vocalia' ? `Vocalía ${m.seat}` : COSABI_ROLE[m.role] || m.role_label),
      el('span', { class: 'p-cosabi-nombre' }, m.nombre))));
    paged('cosabi', $('p-cosabi-lista'), $('p-cosabi-pagina'));
  }).catch(() => show(false));
}

function renderFloor() {
  const f = snap && snap.floor;
  // The floor shows whenever someone speaks or waits, results on screen or not (the lists page around it).
  $('p-palabra').hidden = !f || (!f.current && !f.waiting.length);
  if (!f) return;
  const n = f.waiting.length;
  const left = f.current ? countdown(new Date(Date.parse(f.current.started_at) + (f.speaker_seconds || 120) * 1000).toISOString(), live.serverNow()) : null;
  // The next three by name, so they can get ready.
  const next = f.waiting.slice(0, 3).map((w) => w.nombre);
  const names = next.length > 1 ? `${next.slice(0, -1).join(', ')} y ${next[next.length - 1]}` : next[0];
  $('p-palabra-txt').replaceChildren(...(f.current ? [el('strong', {}, f.current.nombre), ` tiene la palabra (quedan ${left}).`, el('br')] : []),
    n ? `${n} ${n === 1 ? 'persona espera' : 'personas esperan'} turno.` : 'Nadie más espera turno.',
    ...(n ? [el('br'), `${n === 1 ? 'Sigue' : 'Siguen'}: ${names}${n > 3 ? ` y ${n - 3} más` : ''}.`] : []));
}

function tick() {
  const r = snap && snap.round;
  const c = $('p-cuenta');
  const left = r && r.status === 'abierta' ? countdown(r.closes_at, live.serverNow()) : null;
  c.hidden = !left;
  // "Cierra en" small, the minutes huge.
  if (left) c.replaceChildren(...(left === '0:00' ? ['Tiempo terminado'] : [el('span', { class: 'p-cuenta-t' }, 'Cierra en '), left]));
  $('p-cifras').hidden = $('p-part').hidden && c.hidden;
  if (snap && snap.floor && snap.floor.current) renderFloor();
}
setInterval(tick, 1000);

live.start();

// Projector, /c/{clues}/pantalla: public live view (no credential) for a 16:9 screen read from
// the back of the room: join instructions and QR, attendance and quorum, the countdown,
// participation, and the result bars once the moderator shows them.
import { Live, wsUrl } from './live.js';
import { KIND, STATE, bar, countdown, el, fmtPesos, icon, participation, results } from './live-view.js';

const $ = (id) => document.getElementById(id);
const clues = (/^\/c\/([^/]+)/.exec(location.pathname) || [0, ''])[1].toUpperCase();
const CAT = { obra: 'Obra', mejoramiento: 'Mejoramiento', equipamiento: 'Equipamiento', mobiliario: 'Mobiliario' };

let snap = null;
let shownRound = '';
let shownRes = '';

const live = new Live(wsUrl(clues), { hello: () => ({}), onmessage, onstatus });

// The join QR is optional: hide its slot when the server does not have it (404) or it fails.
const qr = $('p-qr');
qr.addEventListener('load', () => { qr.hidden = false; });
qr.addEventListener('error', () => { qr.hidden = true; });
qr.src = `/api/c/${encodeURIComponent(clues)}/join-qr.svg`;
// The address, with a line-break opportunity after the host
$('p-url').replaceChildren(location.host, el('wbr'), `/c/${clues}/votar`);

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
  if (m.type !== 'snapshot') return;
  snap = m;
  render();
}

function render() {
  const a = snap.assembly || {};
  const r = snap.round && snap.round.status !== 'preparada' ? snap.round : null;
  $('p-estado').textContent = STATE[a.state] || a.state || '';
  $('p-asistentes').textContent = a.attendance ?? '—';
  const q = $('p-quorum');
  q.className = `p-quorum badge ${a.quorum_met ? 'badge-ok' : 'badge-warning'}`;
  q.replaceChildren(icon(a.quorum_met ? 'ok' : 'warning'),
    `${a.quorum_met ? 'Hay quórum' : 'Aún no hay quórum'} (mínimo ${a.quorum_min ?? '—'})`);

  const key = JSON.stringify(r && [r.id, r.status, r.title, r.kind, r.options, !!r.results]);
  if (key !== shownRound) {
    shownRound = key;
    $('p-ronda').textContent = r ? r.title : 'La votación aún no empieza';
    $('p-tipo').hidden = !r;
    if (r) {
      $('p-tipo').replaceChildren(el('span', { class: 'badge' }, KIND[r.kind] || r.kind), ' ',
        el('span', { class: `badge ${r.status === 'abierta' ? 'badge-ok' : 'badge-info'}` },
          icon(r.status === 'abierta' ? 'ok' : 'info'), r.status === 'abierta' ? 'Votación abierta' : 'Votación cerrada'),
        ' ', el('span', { id: 'p-tipo-part', class: 'p-tipo-part' }));
    }
    const opts = r && !r.results && r.status === 'abierta' ? r.options || [] : [];
    $('p-opciones').hidden = !opts.length;
    $('p-opciones').replaceChildren(...opts.map((o) => el('li', {},
      el('span', { class: 'p-op' }, o.label),
      o.category ? el('span', { class: 'p-op-cat' }, CAT[o.category] || o.category) : null,
      o.cost_centavos ? el('span', { class: 'money' }, fmtPesos(o.cost_centavos)) : null)));
    $('p-aviso').textContent = !r ? 'Escanee el código o abra la dirección de la derecha para estar listo.'
      : r.status !== 'abierta' && !r.results ? 'Los resultados se mostrarán en un momento.' : '';
  }

  // With results on screen, participation shrinks to one line beside the badges.
  const hasRes = !!(r && r.results);
  $('contenido').classList.toggle('p-con-res', hasRes);
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
    const lines = res ? r.results.lines.length : 0;
    $('p-res').className = `p-res${lines > 6 ? ' p-res-muchas' : ''}`;
    $('p-res').replaceChildren(...(res ? [
      el('h3', { class: 'p-res-t' }, r.revealed ? 'Resultados' : 'Resultados en vivo'),
      ...results(r).filter(Boolean)] : []));
  }
  renderFloor();
  tick();
}

function renderFloor() {
  const f = snap && snap.floor;
  $('p-palabra').hidden = !f || (!f.current && !f.waiting.length) || !!(snap.round && snap.round.results);
  if (!f) return;
  const n = f.waiting.length;
  const left = f.current ? countdown(new Date(Date.parse(f.current.started_at) + (f.speaker_seconds || 120) * 1000).toISOString(), live.serverNow()) : null;
  $('p-palabra-txt').replaceChildren(...(f.current ? [el('strong', {}, f.current.nombre), ` tiene la palabra (quedan ${left}).`, el('br')] : []),
    n ? `${n} ${n === 1 ? 'persona espera' : 'personas esperan'} turno.` : 'Nadie más espera turno.');
}

function tick() {
  const r = snap && snap.round;
  const c = $('p-cuenta');
  const left = r && r.status === 'abierta' ? countdown(r.closes_at, live.serverNow()) : null;
  c.hidden = !left;
  if (left) c.textContent = left === '0:00' ? 'Tiempo terminado' : `Cierra en ${left}`;
  $('p-cifras').hidden = $('p-part').hidden && c.hidden;
  if (snap && snap.floor && snap.floor.current) renderFloor();
}
setInterval(tick, 1000);

live.start();

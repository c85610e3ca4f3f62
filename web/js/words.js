// Every page's words for the server's codes, and es-MX formats (UI.md). The phone loads it too:
// no DOM, short comments, Intl formatters made on first use.

export const TIME_ZONE = 'America/Mexico_City';

/** An assembly's state (docs/api.md "assembly object"). */
export const STATE = {
  convocada: 'Convocada', registro: 'Registro abierto', en_sesion: 'En sesión',
  suspendida: 'Suspendida', cerrada: 'Cerrada',
};

/** A round's status. */
export const ROUND_STATUS = {
  preparada: 'Preparada', abierta: 'Abierta', cerrada: 'Cerrada', cancelada: 'Cancelada',
};

/** A round's kind. */
export const KIND = { budget: 'Presupuesto', motion: 'Moción', election: 'Elección' };

/** A proposal's category. */
export const CATEGORY = {
  obra: 'Obra', mejoramiento: 'Mejoramiento', equipamiento: 'Equipamiento', mobiliario: 'Mobiliario',
};

/** A COSABI role, as the committee's list names it. */
export const COSABI_ROLE = {
  presidencia: 'Presidencia', secretaria_tecnica: 'Secretaría técnica', tesoreria: 'Tesorería',
  vocalia: 'Vocalías', aval_ciudadano: 'Aval ciudadano',
};

/** A counting rule, by what it does (the technical names stay in docs/api.md and the acta's annex). */
export const RULE = {
  greedy: 'Los más votados hasta agotar el presupuesto',
  mes: 'Reparto proporcional: cada grupo decide su parte',
  'mes-add1': 'Reparto proporcional, usando todo el presupuesto',
  'mes-add1-greedy': 'Reparto proporcional y lo que sobre, a los más votados',
  av: 'Los más votados ocupan los lugares',
  seqphragmen: 'Reparto proporcional de los lugares',
  plurality: 'Gana quien tiene más votos',
};

/** One line under each rule: what it does. */
export const RULE_HINT = {
  greedy: 'Entran primero las propuestas con más votos; se salta la que ya no cabe en el dinero que queda.',
  mes: 'El presupuesto se divide en partes iguales entre quienes votan; cada propuesta se paga con las partes de quienes la apoyaron.',
  'mes-add1': 'Como el reparto proporcional, pero si sobra dinero se agranda la parte de cada persona hasta usarlo.',
  'mes-add1-greedy': 'Primero el reparto proporcional; el dinero que aún sobre va a las propuestas más votadas que quepan.',
  av: 'Cada lugar es para la candidatura con más votos, en orden.',
  seqphragmen: 'Cada grupo de votantes obtiene lugares según su tamaño: una mayoría no se queda con todos.',
  plurality: 'Gana la candidatura con más votos.',
};

const memo = (make) => {
  let f;
  return () => f || (f = make());
};
const numberFmt = memo(() => new Intl.NumberFormat('es-MX', { maximumFractionDigits: 2 }));
const dateFmt = memo(() => new Intl.DateTimeFormat('es-MX', {
  timeZone: TIME_ZONE, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric',
  hour: 'numeric', minute: '2-digit', hourCycle: 'h23',
}));
const hourFmt = memo(() => new Intl.DateTimeFormat('es-MX', {
  timeZone: TIME_ZONE, hour: 'numeric', minute: '2-digit', hourCycle: 'h23',
}));

const parts = (fmt, date) => Object.fromEntries(fmt.formatToParts(date).map((x) => [x.type, x.value]));

/** 1234567 -> "1,234,567" */
export function fmtNumero(n) {
  return numberFmt().format(n);
}

/** "1 persona" / "1,234 personas" */
export function plural(n, one, many) {
  return `${fmtNumero(n)} ${n === 1 ? one : many}`;
}

/** 123456789 centavos -> "$1,234,567.89", in exact integers. */
export function fmtPesos(centavos) {
  let n = typeof centavos === 'bigint' ? centavos : BigInt(Math.trunc(Number(centavos) || 0));
  const negative = n < 0n;
  if (negative) n = -n;
  const pesos = (n / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}$${pesos}.${(n % 100n).toString().padStart(2, '0')}`;
}

/** "2026-02-21T17:00:00Z" -> "sábado 21 de febrero de 2026, 11:00 h" (America/Mexico_City). */
export function fmtFecha(isoUtc) {
  const date = isoUtc instanceof Date ? isoUtc : new Date(isoUtc);
  if (Number.isNaN(date.getTime())) return String(isoUtc ?? '');
  const p = parts(dateFmt(), date);
  // ICU versions differ on a leading zero ("09:30"), so the hour is normalised.
  return `${p.weekday} ${Number(p.day)} de ${p.month} de ${p.year}, ${Number(p.hour) % 24}:${p.minute} h`;
}

/** "2026-02-21T17:05:00Z", a Date or ms -> "11:05" (Mexico City). */
export function fmtHora(time) {
  const date = new Date(time);
  if (Number.isNaN(date.getTime())) return '';
  const p = parts(hourFmt(), date);
  return `${Number(p.hour) % 24}:${p.minute}`;
}

/** Whole seconds -> "4:05", "1:02:03". */
export function fmtClock(seconds) {
  const s = Math.max(0, seconds);
  const two = (x) => String(x).padStart(2, '0');
  const h = Math.floor(s / 3600);
  return `${h ? `${h}:${two(Math.floor(s / 60) % 60)}` : Math.floor(s / 60)}:${two(s % 60)}`;
}

/** "30 segundos" / "2 minutos": for Retry-After values. */
export function fmtEspera(seconds) {
  const s = Math.max(1, Math.ceil(Number(seconds) || 0));
  if (s < 60) return `${s} ${s === 1 ? 'segundo' : 'segundos'}`;
  const m = Math.ceil(s / 60);
  return `${m} ${m === 1 ? 'minuto' : 'minutos'}`;
}

// ---------- Follow-up (seguimiento) ----------

/** A work item's state (docs/api.md "Follow-up"). */
export const WORK_STATE = {
  planeado: 'Planeado', cotizando: 'Cotizando', contratado: 'Contratado', en_ejecucion: 'En ejecución',
  entregado: 'Entregado', verificado: 'Verificado', detenido: 'Detenido', cancelado: 'Cancelado',
};

/** The six steps of the forward path, in order. */
export const WORK_STEPS = ['planeado', 'cotizando', 'contratado', 'en_ejecucion', 'entregado', 'verificado'];

/** What a piece of evidence shows. */
export const EVIDENCE_KIND = {
  foto_antes: 'Foto de antes', foto_durante: 'Foto durante', foto_despues: 'Foto de después',
  entrega_recepcion: 'Acta de entrega-recepción', contrato: 'Contrato', documento: 'Documento',
};

const dayFmt = memo(() => new Intl.DateTimeFormat('es-MX', {
  timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric',
}));

/** A calendar date "2025-12-24" -> "24 de diciembre de 2025" (no time, no zone shift). */
export function fmtDia(ymd) {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(ymd ?? ''));
  if (!m) return String(ymd ?? '');
  const p = parts(dayFmt(), new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])));
  return `${Number(p.day)} de ${p.month} de ${p.year}`;
}

/** Today in Mexico City as "YYYY-MM-DD" (for date inputs). */
export function hoyMx(now = new Date()) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' })
    .format(now);
}

/**
 * "45,000" / "$45,000.50" / "45000.5" -> centavos (integer), exactly, without floating point.
 * null when it is not an amount in pesos with at most two decimals.
 */
export function pesosACentavos(text) {
  const clean = String(text ?? '').trim().replace(/^\$\s*/, '').replace(/\s/g, '');
  const m = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/.exec(clean);
  if (!m) return null;
  const n = Number(m[1].replace(/,/g, '')) * 100 + Number((m[2] || '').padEnd(2, '0'));
  return Number.isSafeInteger(n) ? n : null;
}

/** 1536 -> "1.5 MB", 800 -> "1 KB": for file sizes. */
export function fmtTamano(bytes) {
  const n = Number(bytes) || 0;
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(n / 1024))} KB`;
}

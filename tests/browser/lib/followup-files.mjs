// Files for the follow-up tests, made in the test itself: a small solid-colour PNG, a tiny valid
// PDF, and a CFDI 4.0 invoice (the SAT's namespaces, Emisor/Receptor, Total and a timbre fiscal
// digital with a fresh UUID), plus RFCs with a right or a wrong check digit.
import { randomUUID } from 'node:crypto';
import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/** A w×h PNG of one colour [r, g, b], with a diagonal line so no two sizes look alike. */
export function png(w, h, [r, g, b]) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // truecolour
  const raw = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) {
    raw[y * (w * 3 + 1)] = 0;
    for (let x = 0; x < w; x++) {
      const o = y * (w * 3 + 1) + 1 + x * 3;
      const line = x === y;
      raw[o] = line ? 255 - r : r;
      raw[o + 1] = line ? 255 - g : g;
      raw[o + 2] = line ? 255 - b : b;
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A one-page PDF that says `text`, with a correct cross-reference table. */
export function pdf(text) {
  const safe = String(text).replace(/[()\\]/g, ' ');
  const stream = `BT /F1 18 Tf 72 720 Td (${safe}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

const RFC_VALUES = '0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ Ñ';

/** The SAT check digit of the first 11 (moral) or 12 (física) characters of an RFC. */
export function rfcDigit(body) {
  const padded = body.length === 11 ? ` ${body}` : body;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += RFC_VALUES.indexOf(padded[i]) * (13 - i);
  const d = 11 - (sum % 11);
  return d === 11 ? '0' : d === 10 ? 'A' : String(d);
}

/** A valid RFC from its first 11 or 12 characters; wrong: true gives a wrong check digit. */
export function rfc(body, { wrong = false } = {}) {
  const right = rfcDigit(body);
  if (!wrong) return body + right;
  return body + (right === '1' ? '2' : '1');
}

/** A CFDI 4.0 invoice for `total` pesos (a number with two decimals) with a fresh UUID. */
export function cfdi({ emisorRfc, emisorNombre, total, uuid = randomUUID().toUpperCase(), fecha = '2025-06-10T12:00:00' }) {
  const subtotal = (total / 1.16).toFixed(2);
  const iva = (total - Number(subtotal)).toFixed(2);
  const xml = `<?xml version="1.0" encoding="utf-8"?>
<cfdi:Comprobante xmlns:cfdi="http://www.sat.gob.mx/cfd/4" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" Version="4.0" Serie="A" Folio="17" Fecha="${fecha}" FormaPago="03" Moneda="MXN" TipoDeComprobante="I" MetodoPago="PUE" LugarExpedicion="29000" Exportacion="01" SubTotal="${subtotal}" Total="${total.toFixed(2)}" NoCertificado="30001000000400002434" Sello="AAAA">
  <cfdi:Emisor Nombre="${emisorNombre}" Rfc="${emisorRfc}" RegimenFiscal="601"/>
  <cfdi:Receptor Rfc="AABF800614HI0" UsoCFDI="G03" Nombre="FELIX MANUEL ANDRADE BALLADO" DomicilioFiscalReceptor="86400" RegimenFiscalReceptor="612"/>
  <cfdi:Conceptos>
    <cfdi:Concepto ClaveProdServ="72101500" Cantidad="1" ClaveUnidad="E48" Descripcion="Obra" ValorUnitario="${subtotal}" Importe="${subtotal}" ObjetoImp="02"/>
  </cfdi:Conceptos>
  <cfdi:Impuestos TotalImpuestosTrasladados="${iva}"/>
  <cfdi:Complemento>
    <tfd:TimbreFiscalDigital xmlns:tfd="http://www.sat.gob.mx/TimbreFiscalDigital" Version="1.1" UUID="${uuid}" FechaTimbrado="${fecha}" RfcProvCertif="CVD110412TF6" SelloCFD="AAAABBBB" NoCertificadoSAT="30001000000400002495" SelloSAT="CCCC"/>
  </cfdi:Complemento>
</cfdi:Comprobante>
`;
  return { xml: Buffer.from(xml, 'utf8'), uuid };
}

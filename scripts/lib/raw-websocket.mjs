// A small WebSocket client over node:net for the measuring scripts: Node 18 has no WebSocket
// client and the project adds no npm package for one. It speaks just what the server needs
// (the upgrade, masked text frames out, text/ping/close frames in) and lets the caller stop
// reading (a never-reading client) or see exactly how a refused upgrade was answered.
import { randomBytes } from 'node:crypto';
import net from 'node:net';

// The status line and headers of an HTTP answer at the start of `buffer`, or null while they
// have not all arrived.
export function parseHead(buffer) {
  const end = buffer.indexOf('\r\n\r\n');
  if (end < 0) return null;
  const lines = buffer.subarray(0, end).toString('latin1').split('\r\n');
  const status = Number(lines[0].split(' ')[1]);
  const headers = {};
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0)
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status, headers, rest: buffer.subarray(end + 4) };
}

// A masked client frame (opcode 1 text, 9 ping, 10 pong, 8 close).
export function clientFrame(payload, opcode = 1) {
  const body = Buffer.from(payload);
  const mask = randomBytes(4);
  let head;
  if (body.length < 126) head = Buffer.from([0x80 | opcode, 0x80 | body.length]);
  else if (body.length < 65536) {
    head = Buffer.alloc(4);
    head[0] = 0x80 | opcode;
    head[1] = 0x80 | 126;
    head.writeUInt16BE(body.length, 2);
  } else throw new Error('frame too large for this client');
  for (let i = 0; i < body.length; ++i) body[i] ^= mask[i % 4];
  return Buffer.concat([head, mask, body]);
}

// Opens `path` as a WebSocket from `localAddress`. Calls on.open() after the 101, on.message(obj)
// for each text frame (JSON), on.refused({status, headers, body}) when the upgrade was answered
// with something else, on.close(reason) once when the socket ends for any reason (reason is
// 'error:CODE' for a socket error). Returns {socket, send(obj), ping(), close()}.
export function openWebSocket({ port, path, localAddress, on = {} }) {
  const socket = net.connect({ host: '127.0.0.1', port, localAddress });
  let buffer = Buffer.alloc(0);
  let upgraded = false;
  let refused = false;
  let closed = false;
  const finish = (reason) => {
    if (closed) return;
    closed = true;
    on.close?.(reason);
  };
  socket.on('connect', () => {
    socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n` +
      'Connection: Upgrade\r\n' +
      `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\n` +
      'Sec-WebSocket-Version: 13\r\n\r\n');
  });
  const readFrames = () => {
    while (buffer.length >= 2) {
      const opcode = buffer[0] & 0x0f;
      let length = buffer[1] & 0x7f;
      let at = 2;
      if (length === 126) {
        if (buffer.length < 4) return;
        length = buffer.readUInt16BE(2);
        at = 4;
      } else if (length === 127) {
        if (buffer.length < 10) return;
        length = Number(buffer.readBigUInt64BE(2));
        at = 10;
      }
      if (buffer.length < at + length) return;
      const payload = buffer.subarray(at, at + length);
      buffer = buffer.subarray(at + length);
      if (opcode === 1) on.message?.(JSON.parse(payload.toString()));
      else if (opcode === 9) socket.write(clientFrame(payload, 10));
      else if (opcode === 8) {
        const code = payload.length >= 2 ? payload.readUInt16BE(0) : 1005;
        socket.end();
        finish(`close:${code}`);
      }
    }
  };
  socket.on('data', (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    if (!upgraded) {
      const head = parseHead(buffer);
      if (!head) return;
      if (head.status !== 101) {
        // Refused: reported once, as soon as the head is here (a reset after the answer must
        // not hide it); the body is what has arrived with it (the busy answer is one write).
        if (!refused) on.refused?.({ status: head.status, headers: head.headers,
          body: head.rest.toString() });
        refused = true;
        return;
      }
      upgraded = true;
      buffer = head.rest;
      on.open?.();
    }
    readFrames();
  });
  socket.on('error', (e) => finish(`error:${e.code ?? e.message}`));
  socket.on('close', () => finish('end'));
  return {
    socket,
    send: (obj) => socket.write(clientFrame(JSON.stringify(obj))),
    ping: () => socket.write(clientFrame('', 9)),
    close: () => socket.destroy(),
  };
}

// The clients of scripts/measure-overload that press on the server's limits: connections whose
// every fate is classified (held, refused with the busy answer, or no answer at all), slow
// readers and never-reading WebSockets. Each takes the port (and clues) it needs.
import net from 'node:net';
import { randomLoopback } from './measure-server.mjs';
import { openWebSocket, parseHead } from './raw-websocket.mjs';

// One connection's fate: 'held' (101 then welcome, or 200 on keep-alive), 'busy' (503 with the
// busy error and Retry-After), 'other:STATUS', 'reset' (an error before any answer), 'closed'
// (closed before any answer), 'hung' (nothing within the limit), 'client:CODE' (this side could
// not open it).
export function openClassified({ port, clues, kind, registry }) {
  return new Promise((resolve) => {
    let settled = false;
    const conn = { kind, fate: null, open: true, socket: null, body: '' };
    registry.push(conn);
    const settle = (fate) => {
      if (settled) return;
      settled = true;
      conn.fate = fate;
      clearTimeout(timer);
      resolve(conn);
    };
    const timer = setTimeout(() => settle('hung'), 15000);
    const classifyError = (reason) => {
      const code = reason.replace(/^error:/, '');
      if (['EADDRNOTAVAIL', 'EMFILE', 'ENFILE', 'ENOBUFS'].includes(code)) return `client:${code}`;
      return code === 'end' || reason.startsWith('close') ? 'closed' : 'reset';
    };
    const busyFate = (status, headers, body) => {
      if (status === 503 && headers['retry-after'] && /"error":"(server_busy|too_many_connections)"/
        .test(body)) return 'busy';
      return `other:${status}`;
    };
    if (kind === 'ws') {
      const ws = openWebSocket({ port, path: `/ws/c/${clues}`, localAddress: randomLoopback(), on: {
        open: () => ws.send({ type: 'hello' }),
        message: (m) => { if (m.type === 'welcome') settle('held'); },
        refused: ({ status, headers, body }) => settle(busyFate(status, headers, body)),
        close: (reason) => {
          conn.open = false;
          settle(classifyError(reason));
        },
      } });
      conn.socket = ws.socket;
      return;
    }
    const socket = net.connect({ host: '127.0.0.1', port, localAddress: randomLoopback() });
    conn.socket = socket;
    let buffer = Buffer.alloc(0);
    socket.on('connect', () => socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n'));
    socket.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      const head = parseHead(buffer);
      if (head) settle(head.status === 200 ? 'held' :
        busyFate(head.status, head.headers, head.rest.toString()));
    });
    socket.on('error', (e) => settle(classifyError(`error:${e.code}`)));
    socket.on('close', () => {
      conn.open = false;
      settle('closed');
    });
  });
}

// Slow and never-reading clients share a state: {port, clues, apiPath, stop, sockets: Set,
// slowOpened, slowBytes, neverOpened, neverDropped}.
// A 28 KB script: a few hundred of them outgrow the kernel's socket buffers.
const slowAsset = '/js/moderar-votaciones.js';

// Pipelines 300 requests, then reads one byte a second. The server cuts it at its response
// time-out (30 s), which this side does not see while it is not reading: after 32 s it is
// replaced by a new one, so the slow readers stay for the whole phase.
export function slowReader(state) {
  if (state.stop) return;
  const socket = net.connect({ host: '127.0.0.1', port: state.port,
    localAddress: randomLoopback() });
  ++state.slowOpened;
  const renew = setTimeout(() => {
    socket.destroy();
    slowReader(state);
  }, 32000);
  socket.on('connect', () => {
    let pipeline = '';
    // About 8 MiB of answers: more than the kernel's buffers on both sides take, so the server's
    // own write waits on this reader.
    for (let i = 0; i < 300; ++i)
      pipeline += `GET ${i % 10 ? slowAsset : state.apiPath} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`;
    socket.write(pipeline);
  });
  const timer = setInterval(() => {
    if (socket.read(1)) ++state.slowBytes;
  }, 1000);
  socket.on('error', () => {});
  socket.on('close', () => {
    clearInterval(timer);
    clearTimeout(renew);
  });
  state.sockets.add(socket);
  socket.on('close', () => state.sockets.delete(socket));
}

// Upgrades, says hello as a projector would, then never reads a byte; a ping every 200 ms keeps
// it from the idle time-out and gives the server pongs to queue. Reopens when dropped.
export function neverReader(state) {
  if (state.stop) return;
  ++state.neverOpened;
  const ws = openWebSocket({ port: state.port, path: `/ws/c/${state.clues}`,
    localAddress: randomLoopback(), on: {
    open: () => {
      ws.send({ type: 'hello' });
      ws.socket.pause();
      ws.socket.removeAllListeners('data');
      const pinger = setInterval(() => ws.send({ type: 'ping' }), 200);
      ws.socket.on('close', () => clearInterval(pinger));
    },
    close: () => {
      state.sockets.delete(ws.socket);
      if (!state.stop) {
        ++state.neverDropped;
        setTimeout(() => neverReader(state), 500);
      }
    },
  } });
  ws.socket.on('error', () => {});
  state.sockets.add(ws.socket);
}

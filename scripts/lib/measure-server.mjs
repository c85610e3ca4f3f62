// What the measuring scripts (scripts/measure-logins, scripts/measure-overload) share: a fresh
// server in a temporary data folder on loopback, one HTTP request timed, percentiles, the
// server's memory, and source addresses spread over 127.0.0.0/8. Measures; asserts nothing.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const default_bin = 'build/release/src/cli/asamblea';

// Imports one clinic, adds the staff accounts ({username, role, password, clinics?}) and starts
// `asamblea serve` on 127.0.0.1 with a free port. Resolves to {port, pid, process, data, stop}.
export async function startServer({ bin = default_bin, clues = 'CSIMB000001', users = [],
  serveArgs = [], prefix = 'asamblea-measure.' } = {}) {
  const data = mkdtempSync(join(tmpdir(), prefix));
  const db = join(data, 'db');
  const csv = join(data, 'clinicas.csv');
  writeFileSync(csv, 'clues,nombre,entidad,municipio,institucion,consultorios,tipo\n' +
    `${clues},Centro de Salud de prueba,Chiapas,Ocosingo,IMSS-BIENESTAR,1,Rural\n`);
  execFileSync(bin, ['import-clinics', '--data', db, csv], { stdio: 'ignore' });
  for (const u of users) {
    const clinics = (u.clinics ?? []).flatMap((c) => ['--clinic', c]);
    execFileSync(bin, ['user', 'add', u.username, '--data', db, '--role', u.role, ...clinics],
      { stdio: 'ignore', env: { ...process.env, ASAMBLEA_PASSWORD: u.password } });
  }
  const server = spawn(bin, ['serve', '--data', db, '--port', '0', '--address', '127.0.0.1',
    ...serveArgs], { stdio: ['ignore', 'pipe', 'pipe'] });
  let banner = '';
  // What the server logs is counted (a log that floods under load is a queue of its own) and its
  // tail kept for a failed start.
  const stderrTail = [];
  const stderrCount = { bytes: 0, lines: 0 };
  server.stderr.on('data', (chunk) => {
    stderrCount.bytes += chunk.length;
    for (const byte of chunk) if (byte === 10) ++stderrCount.lines;
    stderrTail.push(String(chunk));
    if (stderrTail.length > 50) stderrTail.shift();
  });
  const port = await new Promise((resolve, reject) => {
    server.stdout.on('data', (chunk) => {
      banner += chunk;
      const m = banner.match(/listening on http:\/\/[^:]+:(\d+)/);
      if (m) resolve(Number(m[1]));
    });
    server.on('exit', () => reject(new Error(`the server did not start:\n${stderrTail.join('')}`)));
  });
  server.stdout.resume();
  let exited = null;
  server.on('exit', (code, signal) => { exited = { code, signal }; });
  return {
    port, pid: server.pid, process: server, data, banner, stderrTail, stderrCount,
    exited: () => exited,
    stop() {
      server.kill('SIGTERM');
      rmSync(data, { recursive: true, force: true });
    },
  };
}

// One HTTP request on a connection of its own (or of `agent`); {status, ms, headers, body}, or
// status 0 with the error's code when no answer came.
export function request(port, method, path, { body, localAddress, agent = false, token,
  timeoutMs = 60000 } = {}) {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const headers = {};
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (token) headers.Authorization = `Bearer ${token}`;
    const req = http.request({ host: '127.0.0.1', port, method, path, localAddress, agent,
      headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers,
        body: Buffer.concat(chunks).toString(),
        ms: Number(process.hrtime.bigint() - started) / 1e6 }));
      res.on('error', (e) => resolve({ status: 0, error: e.code ?? e.message, ms: 0 }));
    });
    req.setTimeout(timeoutMs, () => req.destroy(Object.assign(new Error('timeout'),
      { code: 'TIMEOUT' })));
    req.on('error', (e) => resolve({ status: 0, error: e.code ?? e.message, ms: 0 }));
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

export const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(p * s.length))] : NaN;
};

// The process's resident memory now and its peak, in KiB (/proc/PID/status).
export function memoryKiB(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name) => Number(status.match(new RegExp(`${name}:\\s+(\\d+)`))[1]);
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

export const randomLoopback = () =>
  `127.${1 + Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.` +
  `${1 + Math.floor(Math.random() * 250)}`;

// The value of an unlabelled (or exactly labelled) metric in a Prometheus text body.
export function metricValue(text, name) {
  const m = text.match(new RegExp(`^${name.replace(/[{}"=|]/g, '\\$&')} (\\S+)$`, 'm'));
  return m ? Number(m[1]) : NaN;
}

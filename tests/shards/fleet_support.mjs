// What the fleet tests share (issue 18): ports, processes, HTTP requests, a coordinator's API on
// one shard, and a voter's phone through the proxy that keeps every ack it got.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import net from 'node:net';
import { openWebSocket } from '../../scripts/lib/raw-websocket.mjs';

export const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

// What every fleet test starts with: Debian's haproxy (it fails, never skips, without it: the
// test package list installs it), a work folder, and `check`, which prints and counts. `run(main)`
// runs the test, stops every child, prints the generated files when anything failed, removes
// the folder and exits 0 only when every check passed.
export function fleetTest(label, folderPrefix) {
  const haproxy = ['/usr/sbin/haproxy', '/usr/bin/haproxy'].find((p) => existsSync(p));
  if (!haproxy) {
    console.error('haproxy is not installed (Debian package haproxy, scripts/lib/packages-test.txt)');
    process.exit(1);
  }
  const work = mkdtempSync(path.join(os.tmpdir(), folderPrefix));
  let failures = 0;
  const check = (ok, what) => {
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
    if (!ok) failures += 1;
  };
  const run = async (main) => {
    let status = 0;
    try {
      await main();
    } catch (e) {
      console.error(e);
      status = 1;
    }
    stopAll();
    const passed = failures === 0 && status === 0;
    if (!passed) {
      for (const f of ['haproxy.cfg', 'asamblea-shards.map', 'shards.conf'])
        if (existsSync(path.join(work, f))) console.log(`--- ${f}\n${readFileSync(path.join(work, f), 'utf8')}`);
    }
    rmSync(work, { recursive: true, force: true });
    console.log(passed ? `${label}: all checks passed` : `${label}: ${failures} check(s) failed`);
    process.exit(passed ? 0 : 1);
  };
  return { haproxy, work, check, run };
}

// A port free now (the shard map must name the shards' ports before they start).
export const freePort = () => new Promise((resolve) => {
  const s = net.createServer().listen(0, '127.0.0.1', () => {
    const { port } = s.address();
    s.close(() => resolve(port));
  });
});

// Children started here, stopped by stopAll() whatever happens.
const children = [];

export function runSync(bin, args, input) {
  return execFileSync(bin, args, { input, encoding: 'utf8' });
}

// Starts a child and waits until its output matches `ready` (an exit before fails); without
// `ready`, returns at once. The child's `exited` promise resolves when it ends.
export function start(name, cmd, args, ready) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    child.exited = new Promise((done) => child.on('exit', done));
    let out = '';
    child.on('exit', (code, signal) =>
      reject(new Error(`${name} exited with ${code ?? signal}:\n${out}`)));
    const timer = ready ? setTimeout(() => reject(new Error(`${name} not ready:\n${out}`)), 30_000)
      : null;
    const look = (chunk) => {
      if (out.length < 20_000) out += chunk;
      if (ready && ready.test(out)) {
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout.on('data', look);
    child.stderr.on('data', look);
    if (!ready) resolve(child);
  });
}

export function stopAll() {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
}

// One request on a connection of its own (from `localAddress` when given: another client
// address on loopback); {status, headers, body, json}.
export function request(port, method, target, { body, headers = {}, localAddress } = {}) {
  return new Promise((resolve, reject) => {
    const all = { ...headers };
    if (body !== undefined) all['Content-Type'] = 'application/json';
    const req = http.request({ host: '127.0.0.1', port, method, path: target, localAddress,
      agent: false, headers: all }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        let json = null;
        try { json = JSON.parse(text); } catch { /* a page */ }
        resolve({ status: res.statusCode, headers: res.headers, body: text, json });
      });
    });
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

// Polls (nothing is timed) until every target answers `status` through `port`.
export async function until(port, targets, status, what) {
  for (let i = 0; i < 600; ++i) {
    const answers = await Promise.all(targets.map((t) => request(port, 'GET', t).catch(() => null)));
    if (answers.every((a) => a && a.status === status)) return answers;
    await sleep(100);
  }
  throw new Error(`never: ${what}`);
}

// A coordinator's calls straight to one shard: api(method, target, body, expectedStatus).
export async function coordinatorApi(port, username, password) {
  const login = await request(port, 'POST', '/api/auth/login', { body: { username, password } });
  if (login.status !== 200) throw new Error(`login on :${port} → ${login.status} ${login.body}`);
  const token = login.json.token;
  return async (method, target, body, expect) => {
    const r = await request(port, method, target, { body,
      headers: { Authorization: `Bearer ${token}` } });
    if (expect !== undefined && !(Array.isArray(expect) ? expect : [expect]).includes(r.status))
      throw new Error(`${method} ${target} → ${r.status} ${r.body}`);
    return r;
  };
}

// A voter's phone on /ws/c/{clues} through the proxy. It keeps one ballot in flight at most:
// resent after every reconnect (the hello declares it) until its ack, as web/js/votar.js does;
// reconnects with a short backoff (0.25 s doubling to 2 s: a test, not a crowd) and records how
// every refused upgrade was answered.
export class Phone {
  constructor(proxyPort, clues, code, label) {
    Object.assign(this, { proxyPort, clues, code, label });
    this.acks = []; // {ballot_id, receipt, round_id, at}
    this.errors = [];
    this.refusals = []; // {status, headers, body}
    this.welcomes = []; // the welcome messages, newest last (my_ballots: what the shard holds)
    this.pending = null; // {round_id, ballot_id, choices, resolve}
    this.ready = false;
    this.stopped = false;
    this.tries = 0;
    this.seq = 0;
    this.onWelcome = null;
  }

  connect() {
    const hello = { type: 'hello', credential: this.code };
    if (this.pending) {
      hello.pending_round_id = this.pending.round_id;
      hello.pending_ballot_id = this.pending.ballot_id;
    }
    const ws = openWebSocket({ port: this.proxyPort, path: `/ws/c/${this.clues}`, on: {
      open: () => ws.send(hello),
      message: (m) => this.onMessage(ws, m),
      refused: (r) => { this.refusals.push(r); ws.close(); },
      close: () => {
        this.ready = false;
        if (this.stopped) return;
        const wait = Math.min(2000, 250 * 2 ** this.tries);
        this.tries = Math.min(this.tries + 1, 8);
        setTimeout(() => this.connect(), wait);
      },
    } });
    this.ws = ws;
  }

  // Resolves at the next welcome.
  welcomed() {
    if (this.ready) return Promise.resolve();
    return new Promise((resolve) => { this.onWelcome = resolve; });
  }

  onMessage(ws, m) {
    if (m.type === 'welcome') {
      this.ready = true;
      this.tries = 0;
      this.welcomes.push(m);
      if (this.pending) ws.send(this.ballotMessage());
      const w = this.onWelcome;
      this.onWelcome = null;
      w?.();
    } else if (m.type === 'ack' && this.pending && m.ballot_id === this.pending.ballot_id) {
      this.acks.push({ ballot_id: m.ballot_id, receipt: m.receipt, round_id: m.round_id,
        at: Date.now() });
      this.settle('ack');
    } else if (m.type === 'error') {
      this.errors.push(m);
      if (this.pending && m.ballot_id === this.pending.ballot_id) this.settle(m.error);
    }
  }

  settle(outcome) {
    const p = this.pending;
    this.pending = null;
    p.resolve(outcome);
  }

  ballotMessage() {
    const p = this.pending;
    return { type: 'ballot', round_id: p.round_id, ballot_id: p.ballot_id, choices: p.choices };
  }

  // Votes once (a re-vote after the first) and resolves with 'ack' or the error's code.
  vote(roundId, choices) {
    if (this.pending) throw new Error(`${this.label} already has a ballot in flight`);
    const ballotId = `${this.label}-${++this.seq}-${Math.random().toString(36).slice(2, 8)}`;
    return new Promise((resolve) => {
      this.pending = { round_id: roundId, ballot_id: ballotId, choices, resolve };
      if (this.ready) this.ws.send(this.ballotMessage());
    });
  }

  // The receipt of the last ballot the server acknowledged in `roundId`, if any.
  lastReceipt(roundId) {
    const mine = this.acks.filter((a) => a.round_id === roundId);
    return mine.length ? mine[mine.length - 1].receipt : null;
  }

  stop() {
    this.stopped = true;
    this.ws?.close();
  }
}

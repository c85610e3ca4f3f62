// A voter's phone for the measuring scripts: a WebSocket with a real credential that votes in
// the open round and keeps what the server acknowledged, so the count can be checked afterwards.
// ctx: {port, clues, roundId, proposals, stopVoting, stopped, ackMs: [], unanswered: 0}.
import { randomBytes } from 'node:crypto';
import { randomLoopback } from './measure-server.mjs';
import { openWebSocket } from './raw-websocket.mjs';

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

// A phone: connects, says hello with its credential, votes up to 9 times (the cap is 10) at
// random moments, waiting for each answer; reconnects and resends a ballot left without one.
export class Voter {
  constructor(code, ctx) {
    this.code = code;
    this.ctx = ctx;
    this.acks = []; // {ballot_id, receipt, choices}
    this.errors = {};
    this.pending = null; // {ballot_id, choices, sentAt, resolve}
    this.reconnects = 0;
    this.refusals = 0;
    this.ws = null;
    this.open = false;
  }
  connect() {
    return new Promise((ready) => {
      const hello = { type: 'hello', credential: this.code };
      if (this.pending) {
        hello.pending_round_id = this.ctx.roundId;
        hello.pending_ballot_id = this.pending.ballot_id;
      }
      this.ws = openWebSocket({ port: this.ctx.port, path: `/ws/c/${this.ctx.clues}`,
        localAddress: randomLoopback(), on: {
        open: () => this.ws.send(hello),
        message: (m) => this.onMessage(m, ready),
        refused: () => { ++this.refusals; },
        close: () => {
          this.open = false;
          ready(false);
          if (!this.ctx.stopped) {
            ++this.reconnects;
            setTimeout(() => this.connect(), this.refusals ? 5000 : 1000);
          }
        },
      } });
    });
  }
  onMessage(m, ready) {
    if (m.type === 'welcome') {
      this.open = true;
      ready(true);
      if (this.pending) this.ws.send(this.ballotMessage(this.pending));
    } else if (m.type === 'ack' && this.pending && m.ballot_id === this.pending.ballot_id) {
      this.acks.push({ ballot_id: m.ballot_id, receipt: m.receipt, choices: this.pending.choices });
      this.settle('ack');
    } else if (m.type === 'error' && this.pending && m.ballot_id === this.pending.ballot_id) {
      this.errors[m.error] = (this.errors[m.error] ?? 0) + 1;
      this.settle(m.error);
    } else if (m.type === 'error') {
      this.errors[m.error] = (this.errors[m.error] ?? 0) + 1;
    }
  }
  settle(outcome) {
    const p = this.pending;
    this.pending = null;
    if (outcome === 'ack') this.ctx.ackMs.push(Date.now() - p.sentAt);
    p.resolve(outcome);
  }
  ballotMessage(p) {
    return { type: 'ballot', round_id: this.ctx.roundId, ballot_id: p.ballot_id,
      choices: p.choices };
  }
  async vote() {
    const shuffled = [...this.ctx.proposals].sort(() => Math.random() - 0.5);
    const choices = shuffled.slice(0, 1 + Math.floor(Math.random() * 3));
    const ballotId = `m${randomBytes(9).toString('hex')}`;
    // A phone keeps resending; here a ballot without any answer in a minute (connected or
    // reconnecting all along) is counted as unanswered, which is wrong in kind.
    const limit = setTimeout(() => {
      if (this.pending?.ballot_id !== ballotId) return;
      ++this.ctx.unanswered;
      this.settle('no_answer');
    }, 60000);
    const outcome = await new Promise((resolve) => {
      this.pending = { ballot_id: ballotId, choices, sentAt: Date.now(), resolve };
      if (this.open) this.ws.send(this.ballotMessage(this.pending));
    });
    clearTimeout(limit);
    return outcome;
  }
  async run() {
    let sent = 0;
    while (!this.ctx.stopVoting && sent < 9) {
      await sleep(4000 + Math.random() * 6000);
      if (this.ctx.stopVoting) break;
      ++sent;
      await this.vote();
    }
  }
}

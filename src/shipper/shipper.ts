// Ships the till's outbox to its back office (issue 14): pending posts in seq order, one batch
// in flight, with the till token. At least once: a batch the back office stored but whose
// answer was lost is sent again and answered `duplicate`. stored/duplicate → acked;
// conflict/rejected → parked (kept, shown in status). Network trouble, 5xx and 429 back off
// with full jitter (Retry-After obeyed); 401/403 stop (the till was unregistered there);
// 413 halves the batch.
import type { Store } from '../store/store.js';
import type { Logger } from '../lib/log.js';
import { backoffDelay, retryAfterMs } from './backoff.js';
import { reachProblem } from './backoffice-fetch.js';
import { leaveBackoffice } from './enrol-client.js';

export interface ShipperOptions {
  store: Pick<Store, 'outbox' | 'backoffice' | 'credentials'>;
  log?: Logger;
  version?: string;
  batch?: number;
  baseMs?: number;
  capMs?: number;
  /** how often to look for new posts when idle */
  idleMs?: number;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  timeoutMs?: number;
}

export type ShipOutcome =
  | { kind: 'idle' }
  | { kind: 'shipped'; acked: number; parked: number }
  | { kind: 'retry'; why: string; delayMs: number }
  | { kind: 'stopped'; why: string };

export interface ShipperState {
  state: 'idle' | 'shipping' | 'backing-off' | 'stopped' | 'not-enrolled';
  lastError?: string;
  lastShippedAt?: string;
}

export class Shipper {
  private attempt = 0;
  private size: number;
  private running = false;
  private wake?: () => void;
  private loop?: Promise<void>;
  readonly status: ShipperState = { state: 'idle' };

  constructor(private readonly o: ShipperOptions) {
    this.size = o.batch ?? 200;
  }

  /** Sends one batch; what happened and how long to wait before the next. */
  async shipOnce(): Promise<ShipOutcome> {
    const link = this.o.store.backoffice.get();
    if (!link) {
      this.status.state = 'not-enrolled';
      return { kind: 'idle' };
    }
    const rows = this.o.store.outbox.pending(this.size);
    if (rows.length === 0 && !this.o.store.credentials.get()) {
      // unregistered here (admin screen, CLI, or forgotten after Glase's 29) and everything
      // shipped: tell the back office, so its till token stops working, and drop the link
      const told = await leaveBackoffice(link.url, link.tillToken, this.o.fetch);
      this.o.log?.info('left the back office: this till is no longer registered', { told });
      if (told.ok) this.o.store.backoffice.clear();
      this.status.state = told.ok ? 'not-enrolled' : 'backing-off';
      return told.ok ? { kind: 'idle' } : this.retry([], told.message);
    }
    if (rows.length === 0) {
      this.status.state = 'idle';
      return { kind: 'idle' };
    }
    this.status.state = 'shipping';
    const backlog = this.o.store.outbox.backlog().pending;
    const seqs = rows.map((r) => r.seq);
    let res: Response;
    try {
      res = await (this.o.fetch ?? fetch)(new URL('/api/till/posts', link.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${link.tillToken}` },
        body: JSON.stringify({ backlog, version: this.o.version, posts: rows.map((r) => ({ seq: r.seq, key: r.key, kind: r.kind, body: r.body })) }),
        signal: AbortSignal.timeout(this.o.timeoutMs ?? 30_000),
      });
    } catch (e) {
      return this.retry(seqs, `back office unreachable: ${reachProblem(e)}`);
    }
    if (res.status === 401 || res.status === 403) {
      await res.body?.cancel();
      this.status.state = 'stopped';
      this.status.lastError = `the back office refused the till token (HTTP ${res.status}): enrol this till again`;
      this.o.log?.error('shipping stopped: the back office refused the till token', { status: res.status });
      return { kind: 'stopped', why: this.status.lastError };
    }
    if (res.status === 413 && this.size > 1) {
      await res.body?.cancel();
      this.size = Math.max(1, Math.floor(this.size / 2));
      return { kind: 'retry', why: 'batch too large', delayMs: 0 };
    }
    if (res.status !== 200) {
      await res.body?.cancel();
      return this.retry(seqs, `back office answered HTTP ${res.status}`, retryAfterMs(res.headers.get('retry-after')));
    }
    let results: Array<{ seq: number; status: string; reason?: string }>;
    try {
      results = ((await res.json()) as { results: typeof results }).results;
      if (!Array.isArray(results)) throw new Error('no results');
    } catch (e) {
      return this.retry(seqs, `back office answer unreadable: ${(e as Error).message}`);
    }
    const mine = new Set(seqs);
    const acked: number[] = [];
    const parked: Array<{ seq: number; why: string }> = [];
    for (const r of results) {
      if (!mine.has(r.seq)) continue;
      if (r.status === 'stored' || r.status === 'duplicate') acked.push(r.seq);
      else parked.push({ seq: r.seq, why: `${r.status}: ${r.reason ?? ''}`.slice(0, 300) });
    }
    this.o.store.outbox.settle(acked, parked);
    if (parked.length) this.o.log?.warn('back office parked posts', { parked: parked.length, first: parked[0].why });
    this.attempt = 0;
    this.status.lastError = undefined;
    this.status.lastShippedAt = new Date().toISOString();
    return { kind: 'shipped', acked: acked.length, parked: parked.length };
  }

  private retry(seqs: number[], why: string, after?: number): ShipOutcome {
    this.o.store.outbox.failed(seqs, why);
    const delayMs = backoffDelay(this.attempt++, { baseMs: this.o.baseMs ?? 1_000, capMs: this.o.capMs ?? 300_000, random: this.o.random }, after);
    this.status.state = 'backing-off';
    this.status.lastError = why;
    this.o.log?.warn('shipping to the back office failed; will retry', { why, delayMs });
    return { kind: 'retry', why, delayMs };
  }

  /** Runs until stop(): ships while there is something, waits when idle or backing off. */
  start(): void {
    if (this.running) return;
    this.running = true;
    const sleep = (ms: number) =>
      new Promise<void>((resolve) => {
        const t = setTimeout(resolve, ms);
        this.wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
    this.loop = (async () => {
      while (this.running) {
        let out: ShipOutcome;
        try {
          out = await this.shipOnce();
        } catch (e) {
          this.o.log?.error('shipper failed', { error: e });
          out = { kind: 'retry', why: (e as Error).message, delayMs: 5_000 };
        }
        if (!this.running) break;
        if (out.kind === 'shipped') continue;
        await (this.o.sleep ?? sleep)(out.kind === 'retry' ? out.delayMs : this.o.idleMs ?? 2_000);
      }
    })();
  }

  /** A new post was recorded: ship now instead of at the next idle look. */
  poke(): void {
    if (this.status.state !== 'backing-off') this.wake?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }
}

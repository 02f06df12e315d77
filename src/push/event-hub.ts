/**
 * Live event streams to terminals. Each stream has its own cursor (the merchant sequence number
 * it has seen), so a replay after Last-Event-ID and live delivery are one path: the hub reads
 * each merchant's outbox after the lowest cursor of that merchant's streams and hands every
 * stream the events past its cursor. This node's own commits hand their events over directly
 * (no read back); another node's commit arrives through LISTEN/NOTIFY and wakes a read of the
 * merchants it names; a slow poll covers a lost notification.
 */
import { AppError } from '../app/errors.ts';
import type { Store, StoredEvent, Terminal } from '../app/ports.ts';
import { eventView } from '../app/views.ts';
import {
  eventPageMax,
  streamBufferedBytesMax,
  streamHeartbeatMs,
  streamPollMs,
  streamPumpPagesMax,
  streamsMax,
  streamsPerTerminalMax,
} from '../lib/limits.ts';

/** Where a stream's text goes (an HTTP response in production). */
export interface StreamSink {
  write(chunk: string): void;
  /** Bytes written but not yet taken by the client. */
  bufferedBytes(): number;
  end(): void;
}

interface Subscriber {
  readonly merchantId: string;
  readonly terminalId: string;
  readonly sink: StreamSink;
  lastSeq: number;
  closed: boolean;
}

export interface HubOptions {
  pollMs: number;
  heartbeatMs: number;
  perTerminalMax: number;
  log: { error(obj: object, msg: string): void };
}

export const defaultHubOptions: Omit<HubOptions, 'log'> = {
  pollMs: streamPollMs,
  heartbeatMs: streamHeartbeatMs,
  perTerminalMax: streamsPerTerminalMax,
};

/** One SSE message: `id` is the merchant sequence number, so Last-Event-ID resumes exactly. */
export function formatEvent(event: StoredEvent): string {
  return `id: ${event.seq}\nevent: ${event.type}\ndata: ${JSON.stringify(eventView(event))}\n\n`;
}

export class EventHub {
  private readonly byMerchant = new Map<string, Set<Subscriber>>();
  /** Each terminal's streams, oldest first. */
  private readonly byTerminal = new Map<string, Subscriber[]>();
  private count = 0;
  private pumping = false;
  private again = false;
  private stopped = false;
  private timers: NodeJS.Timeout[] = [];
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly store: Store,
    private readonly options: HubOptions,
  ) {}

  start() {
    this.unsubscribe = this.store.onCommit((change) => {
      if (change.events) this.deliver(change.events);
      else this.wake(change.merchantIds);
    });
    this.timers.push(setInterval(() => this.wake(), this.options.pollMs));
    this.timers.push(setInterval(() => this.heartbeat(), this.options.heartbeatMs));
    for (const timer of this.timers) timer.unref();
  }

  get streamCount() {
    return this.count;
  }

  /** Refuses a stream beyond the node-wide bound (checked before the response starts). */
  admit() {
    if (this.stopped || this.count >= streamsMax) {
      throw new AppError('event_stream_limit_reached', 'this node serves no more streams; retry');
    }
  }

  /**
   * Starts a stream after `lastSeq` (null: from now on). A terminal's oldest stream is closed
   * when it opens one more than allowed: the old one is most likely a dead connection.
   */
  async open(terminal: Terminal, lastSeq: number | null, sink: StreamSink): Promise<() => void> {
    const newest = await this.store.read.webhooks.lastEventSeq(terminal.merchantId);
    const sub: Subscriber = {
      merchantId: terminal.merchantId,
      terminalId: terminal.id,
      sink,
      lastSeq: lastSeq === null ? newest : Math.min(lastSeq, newest),
      closed: false,
    };
    const mine = this.byTerminal.get(terminal.id) ?? [];
    const excess = mine.length + 1 - this.options.perTerminalMax;
    for (const oldest of mine.slice(0, Math.max(0, excess))) this.close(oldest);
    this.add(sub);
    this.wake();
    return () => this.close(sub);
  }

  private add(sub: Subscriber) {
    const merchant = this.byMerchant.get(sub.merchantId) ?? new Set();
    merchant.add(sub);
    this.byMerchant.set(sub.merchantId, merchant);
    const mine = this.byTerminal.get(sub.terminalId) ?? [];
    mine.push(sub);
    this.byTerminal.set(sub.terminalId, mine);
    this.count += 1;
  }

  private close(sub: Subscriber) {
    if (sub.closed) return;
    sub.closed = true;
    this.count -= 1;
    const merchant = this.byMerchant.get(sub.merchantId);
    merchant?.delete(sub);
    if (merchant?.size === 0) this.byMerchant.delete(sub.merchantId);
    const mine = (this.byTerminal.get(sub.terminalId) ?? []).filter((s) => s !== sub);
    if (mine.length === 0) this.byTerminal.delete(sub.terminalId);
    else this.byTerminal.set(sub.terminalId, mine);
    sub.sink.end();
  }

  /** Merchants whose outbox may have grown since the last read ('all' after a poll). */
  private pending: Set<string> | 'all' = new Set();

  /**
   * Reads the outbox of the named merchants (all by default) now, or right after the read in
   * progress: a commit wakes only the merchants it wrote events for.
   */
  wake(merchantIds: readonly string[] | 'all' = 'all') {
    if (this.stopped) return;
    if (merchantIds === 'all') this.pending = 'all';
    else if (this.pending !== 'all') for (const id of merchantIds) this.pending.add(id);
    if (this.pumping) {
      this.again = true;
      return;
    }
    const targets = this.pending === 'all' ? [...this.byMerchant.keys()] : [...this.pending];
    this.pending = new Set();
    this.pumping = true;
    this.pumpAll(targets)
      .catch((error: unknown) => this.options.log.error({ err: error }, 'event stream read failed'))
      .finally(() => {
        this.pumping = false;
        const more = this.pending === 'all' || this.pending.size > 0;
        if (this.again || more) {
          this.again = false;
          setImmediate(() => this.wake([]));
        }
      });
  }

  /**
   * This node's own commit hands its events over: each goes straight to the streams that have
   * seen everything before it. A stream behind (another node's event in between, or a read still
   * under way) gets it from the outbox read instead, so no stream ever skips or reorders one.
   */
  private deliver(events: readonly StoredEvent[]) {
    if (this.stopped) return;
    const behind: string[] = [];
    for (const event of events) {
      const subs = this.byMerchant.get(event.merchantId);
      if (!subs) continue;
      const all = [...subs];
      if (all.some((s) => !s.closed && s.lastSeq < event.seq - 1)) {
        behind.push(event.merchantId);
        continue;
      }
      this.fanOut(all, event);
    }
    if (behind.length > 0) this.wake(behind);
  }

  private async pumpAll(merchantIds: readonly string[]) {
    for (const merchantId of merchantIds) {
      if (this.byMerchant.has(merchantId)) await this.pumpMerchant(merchantId);
    }
  }

  private async pumpMerchant(merchantId: string) {
    for (let page = 0; page < streamPumpPagesMax; page++) {
      const subs = [...(this.byMerchant.get(merchantId) ?? [])];
      if (subs.length === 0) return;
      const from = Math.min(...subs.map((s) => s.lastSeq));
      const events = await this.store.read.listEvents(merchantId, from, eventPageMax);
      for (const event of events) this.fanOut(subs, event);
      if (events.length < eventPageMax) return;
    }
    // a long replay continues on the next turn, after other merchants
    if (this.pending !== 'all') this.pending.add(merchantId);
  }

  private fanOut(subs: Subscriber[], event: StoredEvent) {
    let text: string | null = null;
    for (const sub of subs) {
      if (sub.closed || event.seq <= sub.lastSeq) continue;
      sub.lastSeq = event.seq;
      if (event.terminalId !== sub.terminalId) continue;
      text ??= formatEvent(event);
      sub.sink.write(text);
      if (sub.sink.bufferedBytes() > streamBufferedBytesMax) this.close(sub);
    }
  }

  private heartbeat() {
    for (const subs of this.byMerchant.values()) {
      for (const sub of [...subs]) sub.sink.write(': heartbeat\n\n');
    }
  }

  /** Ends every stream (clients reconnect to another node, or to this one after a restart). */
  stop() {
    this.stopped = true;
    for (const timer of this.timers) clearInterval(timer);
    this.unsubscribe?.();
    for (const subs of [...this.byMerchant.values()]) for (const sub of [...subs]) this.close(sub);
  }
}

/**
 * A load-generator process. It drives the real HTTP API: each simulated payment is
 * create order → wallet scan → pay → the terminal's event stream delivers `paid`.
 * Closed loop (each virtual cashier starts the next payment when one ends) or open loop (payments
 * start at a fixed rate, whatever the latency). Bounded by duration and count.
 */
import { createJsonClient, followTerminalEvents } from './http-client.ts';

export interface WorkerConfig {
  kind: 'payments' | 'baseline';
  baseUrl: string;
  durationMs: number;
  concurrency: number;
  /** Payments (or requests) per second for the open loop; 0 = closed loop. */
  rate: number;
  terminals: { key: string }[];
  wallets: { token: string; password: string }[];
  workerIndex: number;
}

export interface WorkerResult {
  completed: number;
  failed: number;
  errors: Record<string, number>;
  elapsedMs: number;
  steps: { create: number[]; scan: number[]; pay: number[]; streamPaid: number[]; total: number[] };
  streamed: boolean;
}

async function runPayments(config: WorkerConfig): Promise<WorkerResult> {
  const client = createJsonClient(config.baseUrl, config.concurrency * 2 + 8);
  const streams = config.terminals.map((t) => followTerminalEvents(config.baseUrl, t.key));
  const streamed = (await Promise.all(streams.map((s) => s.ready))).every(Boolean);
  const result: WorkerResult = {
    completed: 0, failed: 0, errors: {}, elapsedMs: 0, streamed,
    steps: { create: [], scan: [], pay: [], streamPaid: [], total: [] },
  };
  const fail = (what: string) => {
    result.failed += 1;
    result.errors[what] = (result.errors[what] ?? 0) + 1;
  };
  let sequence = 0;
  const onePayment = async (slot: number) => {
    const terminalIndex = slot % config.terminals.length;
    const terminal = config.terminals[terminalIndex]!;
    sequence += 1;
    // consumers take turns, as at a real till: no wallet pays faster than a person would
    const wallet = config.wallets[sequence % config.wallets.length]!;
    const t0 = performance.now();
    const order = await client.request('POST', '/v1/orders', terminal.key, {
      amount: 100 + (sequence % 900), currency: 'CNY', outTradeNo: `B${config.workerIndex}-${sequence}-${Date.now()}`,
    });
    const t1 = performance.now();
    if (order.status !== 201) return fail(`create ${order.status} ${order.body?.error?.code ?? ''}`);
    const scan = await client.request('POST', '/v1/wallet/scans', wallet.token, { payload: order.body.qrCode.payload });
    const t2 = performance.now();
    if (scan.status !== 200) return fail(`scan ${scan.status} ${scan.body?.error?.code ?? ''}`);
    const paidOnStream = streamed ? streams[terminalIndex]!.waitFor(order.body.id, 'order.paid') : null;
    const pay = await client.request('POST', '/v1/wallet/payments', wallet.token, { orderId: order.body.id, password: wallet.password });
    const t3 = performance.now();
    if (pay.status !== 200) return fail(`pay ${pay.status} ${pay.body?.error?.code ?? ''}`);
    let t4 = t3;
    if (paidOnStream) {
      const timeout = new Promise<number>((resolve) => setTimeout(() => resolve(-1), 10_000).unref());
      t4 = await Promise.race([paidOnStream, timeout]);
      if (t4 < 0) return fail('stream paid event not received in 10 s');
      result.steps.streamPaid.push(t4 - t2);
    }
    result.steps.create.push(t1 - t0);
    result.steps.scan.push(t2 - t1);
    result.steps.pay.push(t3 - t2);
    result.steps.total.push(Math.max(t3, t4) - t0);
    result.completed += 1;
  };
  const started = performance.now();
  const deadline = started + config.durationMs;
  if (config.rate > 0) await openLoop(config, deadline, onePayment);
  else {
    await Promise.all(Array.from({ length: config.concurrency }, async (_, slot) => {
      while (performance.now() < deadline) await onePayment(slot).catch((e: Error) => fail(`exception ${e.message}`));
    }));
  }
  result.elapsedMs = performance.now() - started;
  for (const s of streams) s.close();
  client.close();
  return result;
}

/** Starts work at a fixed rate; in-flight work is bounded so an overloaded server is visible. */
async function openLoop(config: WorkerConfig, deadline: number, work: (slot: number) => Promise<void>) {
  const intervalMs = 1000 / config.rate;
  const inFlight = new Set<Promise<void>>();
  let next = performance.now();
  let slot = 0;
  const inFlightMax = config.concurrency * 4;
  while (performance.now() < deadline) {
    const wait = next - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    next += intervalMs;
    if (inFlight.size >= inFlightMax) continue; // shed: counted as not started
    const p = work(slot++).finally(() => inFlight.delete(p));
    inFlight.add(p);
  }
  await Promise.all(inFlight);
}

/** The same number of JSON POSTs against a minimal server: the HTTP ceiling of this machine. */
async function runBaseline(config: WorkerConfig): Promise<WorkerResult> {
  const client = createJsonClient(config.baseUrl, config.concurrency + 8);
  const result: WorkerResult = {
    completed: 0, failed: 0, errors: {}, elapsedMs: 0, streamed: false,
    steps: { create: [], scan: [], pay: [], streamPaid: [], total: [] },
  };
  const started = performance.now();
  const deadline = started + config.durationMs;
  await Promise.all(Array.from({ length: config.concurrency }, async () => {
    while (performance.now() < deadline) {
      const t0 = performance.now();
      const res = await client.request('POST', '/v1/echo', null, { amount: 3850, currency: 'CNY', outTradeNo: 'x' });
      if (res.status === 201) {
        result.completed += 1;
        result.steps.total.push(performance.now() - t0);
      } else result.failed += 1;
    }
  }));
  result.elapsedMs = performance.now() - started;
  client.close();
  return result;
}

process.on('message', (config: WorkerConfig) => {
  const run = config.kind === 'baseline' ? runBaseline : runPayments;
  run(config).then(
    (result) => process.send?.(result, () => process.exit(0)),
    (error: Error) => {
      process.send?.({ error: error.message }, () => process.exit(1));
    },
  );
});

/**
 * The POS's live channel (src/client/events.ts) against a real platform: the SSE parser with
 * chunks cut anywhere; events arrive as they are committed; a new subscription with the last id
 * gets exactly what it missed; while the stream is refused, watched orders are polled instead.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  ApiError, createClient, type EventView, type OrderView, type QrpayClient,
} from '../../src/client/index.ts';
import {
  createSseParser, subscribeTerminalEvents, type SseMessage,
} from '../../src/client/events.ts';
import { testAdminKey, type TestPlatform } from '../support/platform.ts';
import { startE2EPlatform } from './browser.ts';

let platform: TestPlatform;
let terminalKey: string;
let terminal: QrpayClient;
let payer: QrpayClient;
let n = 0;

const until = async (what: string, check: () => boolean, timeoutMs = 8_000) => {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
};
/** Pays, answering the risk engine's challenge (a burst of payments) as the wallet app does. */
const pay = async (orderId: string) => {
  try {
    await payer.pay(orderId, '369258');
  } catch (error) {
    if (!(error instanceof ApiError) || error.code !== 'risk_challenge_required') throw error;
    const challengeId = String(error.details['challengeId']);
    const body = { orderId, password: '369258', challengeId };
    await payer.request('POST', '/v1/wallet/payments', body);
  }
};
const newPaidOrder = async () => {
  n += 1;
  const outTradeNo = `EV-${n}`;
  const order = await terminal.createOrder({ amount: 100 + n, currency: 'CNY', outTradeNo });
  await pay(order.id);
  return order;
};

before(async () => {
  platform = await startE2EPlatform();
  const admin = createClient({ baseUrl: platform.url, key: testAdminKey });
  const merchant = await admin.createMerchant({
    legalName: 'Events Ltd', displayName: 'Events', city: 'Hangzhou', country: 'CN', mcc: '5814',
    currency: 'CNY',
  });
  terminalKey = (await admin.createTerminal(merchant.id, 'T')).apiKey;
  terminal = createClient({ baseUrl: platform.url, key: terminalKey });
  const wallet = await createClient({ baseUrl: platform.url }).createWallet('369258');
  await admin.topUp(wallet.id, 100_000, 'CNY');
  payer = createClient({ baseUrl: platform.url, key: wallet.token });
});
after(async () => platform?.destroy());

test('the SSE parser reads messages cut at any byte, with CRLF, comments, multi-line data', () => {
  const stream = 'retry: 2000\r\n: hello\r\n\r\n'
    + 'id: 7\r\nevent: order.paid\r\ndata: {"a":\r\ndata: 1}\r\n\r\n'
    + 'id: 8\nevent: order.closed\ndata: x\n\n';
  for (let cut = 0; cut <= stream.length; cut++) {
    const seen: SseMessage[] = [];
    const parser = createSseParser((m) => seen.push(m));
    parser.push(stream.slice(0, cut));
    parser.push(stream.slice(cut));
    assert.deepEqual(seen, [
      { id: '7', event: 'order.paid', data: '{"a":\n1}' },
      { id: '8', event: 'order.closed', data: 'x' },
    ], `cut at ${cut}`);
    assert.equal(parser.lastId(), '8');
  }
});

test('events arrive live; resubscribing with the last id gets exactly what it missed', async () => {
  const first: EventView[] = [];
  const sub = subscribeTerminalEvents({
    baseUrl: platform.url, key: terminalKey, onEvent: (e) => first.push(e),
  });
  let resumeFrom: string | null;
  let a: OrderView;
  try {
    await until('the stream to open', () => sub.state() === 'open');
    a = await newPaidOrder();
    await until('order.paid of the first order', () =>
      first.some((e) => e.type === 'order.paid' && e.data.order.id === a.id));
    resumeFrom = sub.lastEventId();
  } finally {
    sub.close();
  }
  assert.ok(resumeFrom);

  const missed = [await newPaidOrder(), await newPaidOrder()];
  const second: EventView[] = [];
  const again = subscribeTerminalEvents({
    baseUrl: platform.url,
    key: terminalKey,
    lastEventId: resumeFrom,
    onEvent: (e) => second.push(e),
  });
  try {
    await until('the missed payments', () =>
      second.filter((e) => e.type === 'order.paid').length >= 2);
  } finally {
    again.close();
  }
  const paidIds = second.filter((e) => e.type === 'order.paid').map((e) => e.data.order.id);
  assert.deepEqual(paidIds, missed.map((o) => o.id));
  assert.ok(!second.some((e) => e.data.order.id === a.id && e.type === 'order.paid'),
    'nothing before the last id is sent again');
});

test('while the stream is refused, the watched order is polled and its payment shows', async () => {
  const refusing: typeof fetch = async (input, init) => {
    if (String(input).includes('/events')) throw new TypeError('network down');
    return fetch(input, init);
  };
  const order = await terminal.createOrder({ amount: 990, currency: 'CNY', outTradeNo: 'POLL-1' });
  const seen: OrderView[] = [];
  const states: string[] = [];
  const sub = subscribeTerminalEvents({
    baseUrl: platform.url, key: terminalKey, fetch: refusing, pollIntervalMs: 200,
    onEvent: () => assert.fail('no stream, no events'),
    onState: (s) => states.push(s),
    watchedOrders: () => [order.id],
    onOrder: (o) => seen.push(o),
  });
  try {
    await until('the stream to be down', () => sub.state() === 'down');
    await pay(order.id);
    await until('the poll to see the payment', () => seen.some((o) => o.status === 'paid'));
  } finally {
    sub.close();
  }
  assert.equal(states[0], 'down');
});

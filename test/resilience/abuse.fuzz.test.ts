/**
 * Abuse: random malformed requests against every kind of endpoint find no 5xx and change nothing;
 * a brute-force run against a payment password stops at the lock. Seeded; QRPAY_FUZZ_RUNS sets
 * the number of requests.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createPrng, fuzzSettings, type Prng } from '../../src/lib/prng.ts';
import { apiClient, seedBasics, type Api } from '../support/api.ts';
import { startTestPlatform, testAdminKey, type TestPlatform } from '../support/platform.ts';
import { defaultProtection } from '../../src/http/protection.ts';

const weird = [
  '', ' ', '0', '-1', '1e309', '9007199254740993', '1.5', 'NaN', 'null', 'true', '[]', '{}',
  '"\\u0000"', '"\u202e"', '"é"', '"𝟘𝟙"', '"１２３４５６"', '"<script>"', '"\'; DROP TABLE orders; --"',
  '"' + 'x'.repeat(5000) + '"', '123456', '"123456"', '"000201"', '-0', '0x10', '"CNY"', '"XXX"',
];

function randomValue(prng: Prng): unknown {
  const text = prng.pick(weird);
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function randomBody(prng: Prng, fields: string[]): string {
  const kind = prng.int(0, 9);
  if (kind === 0) return prng.pick(['{', '{"amount":', 'nul', '"', '{"a":1}}', '\u0000', '[1,2']);
  if (kind === 1) return JSON.stringify(randomValue(prng));
  const body: Record<string, unknown> = {};
  for (const f of fields) if (prng.bool(0.7)) body[f] = randomValue(prng);
  if (prng.bool(0.2)) body[prng.pick(['__proto__', 'constructor', 'extra', 'amount '])] = 1;
  return JSON.stringify(body);
}

describe('HTTP abuse', () => {
  let platform: TestPlatform;
  let api: Api;
  let s: Awaited<ReturnType<typeof seedBasics>>;
  let otherOrderId: string;
  before(async () => {
    const unlimited = { perSecond: 0, burst: 0 };
    platform = await startTestPlatform('sqlite', {
      protection: { ...defaultProtection, limits: { terminal: unlimited, wallet: unlimited, merchant: unlimited, applicant: unlimited, ip: unlimited } },
    });
    api = apiClient(platform.app);
    s = await seedBasics(api);
    const other = await api.post('/v1/merchants', { legalName: 'O', displayName: 'O', city: 'X', country: 'CN', mcc: '5411', currency: 'CNY' }, testAdminKey);
    const t = await api.post(`/v1/merchants/${other.body.id}/terminals`, { name: 'o' }, testAdminKey);
    otherOrderId = (await api.post('/v1/orders', { amount: 100, currency: 'CNY', outTradeNo: 'OTHER' }, t.body.apiKey)).body.id;
  });
  after(async () => platform.destroy());

  async function snapshot() {
    const store = platform.deps.store.read;
    const accounts = await store.listAccounts();
    const transfers = await store.listTransfers(null, 1_000_000);
    const orders = await store.listOrders({ limit: 1_000_000 });
    return JSON.stringify({ accounts, transfers: transfers.length, orders: orders.map((o) => [o.id, o.status, o.refundedMinor]) });
  }

  test('random malformed requests get 4xx with a code, never a 5xx, and change nothing', async () => {
    const { seed, runs } = fuzzSettings(400);
    const prng = createPrng(seed);
    const keys = [undefined, 'garbage', 'Bearer', s.terminalKey, s.walletToken, testAdminKey, 'qrp_term_' + 'A'.repeat(32), 'qrp_wal_x'];
    const targets: [string, string, string[]][] = [
      ['POST', '/v1/orders', ['amount', 'currency', 'outTradeNo', 'description', 'expiresInSeconds']],
      ['POST', '/v1/wallet/payments', ['orderId', 'password', 'amount']],
      ['POST', '/v1/wallet/scans', ['payload']],
      ['POST', `/v1/orders/${otherOrderId}/refunds`, ['amount', 'outRefundNo']],
      ['POST', `/v1/orders/${otherOrderId}/close`, []],
      ['POST', '/v1/merchants', ['legalName', 'displayName', 'city', 'country', 'mcc', 'currency']],
      ['POST', `/v1/wallets/${s.walletId}/top-ups`, ['amount', 'currency']],
      ['GET', `/v1/orders/${otherOrderId}`, []],
      ['GET', '/v1/orders?limit=abc&cursor=%00&status=paid%27', []],
      ['GET', '/v1/orders/..%2F..%2Fetc%2Fpasswd', []],
    ];
    let state = await snapshot();
    for (let i = 0; i < runs; i++) {
      const [method, url, fields] = prng.pick(targets);
      const key = prng.pick(keys);
      const headers: Record<string, string> = {};
      if (key !== undefined) headers['authorization'] = key.startsWith('qrp_') ? `Bearer ${key}` : key;
      if (prng.bool(0.1)) headers['content-type'] = prng.pick(['text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin1']);
      if (prng.bool(0.1)) headers['idempotency-key'] = prng.pick(['', 'k'.repeat(300), 'ok-key', '\u00e9']);
      const res = await api.raw(method as 'GET' | 'POST', url, {
        headers,
        ...(method === 'POST' ? { rawBody: randomBody(prng, fields) } : {}),
      });
      assert.ok(res.status < 500, `seed ${seed}, request ${i}: ${method} ${url} → ${res.status} ${JSON.stringify(res.body)}`);
      const after = await snapshot();
      if (res.status >= 400) {
        assert.equal(typeof res.body?.error?.code, 'string', `seed ${seed}, request ${i}: an error code`);
        assert.equal(after, state, `seed ${seed}, request ${i}: a rejected request changed nothing`);
      }
      state = after; // an accepted request (an operator top-up, say) may change state
    }
  });

  test('a brute-force run against a payment password stops at the lock', async () => {
    const wallet = await api.post('/v1/wallets', { password: '482913' });
    await api.post(`/v1/wallets/${wallet.body.id}/top-ups`, { amount: 50_000, currency: 'CNY' }, testAdminKey);
    const order = (await api.post('/v1/orders', { amount: 100, currency: 'CNY', outTradeNo: 'BRUTE' }, s.terminalKey)).body;
    const guesses = Array.from({ length: 200 }, (_, i) => String(482_813 + i).padStart(6, '0')); // includes 482913
    const results = await Promise.all(
      guesses.map((password) => api.post('/v1/wallet/payments', { orderId: order.id, password }, wallet.body.token)),
    );
    const codes = new Map<string, number>();
    for (const r of results) codes.set(r.body?.error?.code ?? String(r.status), (codes.get(r.body?.error?.code ?? String(r.status)) ?? 0) + 1);
    assert.equal(results.filter((r) => r.status === 200).length, 0, `no guess paid: ${JSON.stringify([...codes])}`);
    assert.ok((codes.get('wallet_password_invalid') ?? 0) <= 4, 'at most four wrong tries before the lock');
    assert.ok((codes.get('wallet_locked') ?? 0) >= 195);
    const me = await api.get('/v1/wallets/me', wallet.body.token);
    assert.equal(me.body.lock.status, 'locked');
    assert.equal(me.body.balance, 50_000);
    assert.equal((await api.get(`/v1/orders/${order.id}`, s.terminalKey)).body.status, 'pending');
  });
});

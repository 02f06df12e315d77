/**
 * Offered load far above capacity gets fast 503s with Retry-After, never timeouts; the platform
 * recovers by itself when the load drops; one caller's flood is rate limited without touching
 * another caller.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createJsonClient } from '../../bench/http-client.ts';
import { defaultProtection } from '../../src/http/protection.ts';
import { apiClient, seedBasics } from '../support/api.ts';
import { startTestPlatform, type TestPlatform } from '../support/platform.ts';

describe('overload and rate limits', () => {
  let platform: TestPlatform;
  let s: Awaited<ReturnType<typeof seedBasics>>;
  before(async () => {
    platform = await startTestPlatform('sqlite', {
      protection: { ...defaultProtection, inFlightMax: 4, limits: { ...defaultProtection.limits, terminal: { perSecond: 10_000, burst: 10_000 }, wallet: { perSecond: 5, burst: 10 } } },
    });
    s = await seedBasics(apiClient(platform.app));
  });
  after(async () => platform.destroy());

  test('a flood far above capacity is answered at once: 503 with Retry-After, no timeouts', async () => {
    const client = createJsonClient(platform.url, 64);
    // warm 64 keep-alive connections, then 64 cashiers each send 10 orders back to back
    await Promise.all(Array.from({ length: 64 }, () => client.request('GET', '/healthz', null)));
    const started = performance.now();
    const responses = (await Promise.all(
      Array.from({ length: 64 }, async (_, cashier) => {
        const mine = [];
        for (let i = 0; i < 10; i++) {
          mine.push(await client.request('POST', '/v1/orders', s.terminalKey, {
            amount: 100, currency: 'CNY', outTradeNo: `F-${cashier}-${i}`,
          }));
        }
        return mine;
      }),
    )).flat();
    const elapsedMs = performance.now() - started;
    const statuses = new Map<number, number>();
    for (const r of responses) statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
    assert.ok((statuses.get(503) ?? 0) > 0, `some requests were shed: ${JSON.stringify([...statuses])}`);
    assert.ok((statuses.get(201) ?? 0) > 0, 'some requests were served');
    for (const r of responses) {
      assert.ok([201, 503].includes(r.status), `status ${r.status}`);
      if (r.status === 503) assert.equal(r.body.error.code, 'service_overloaded');
    }
    assert.ok(elapsedMs < 30_000, `every request was answered (${Math.round(elapsedMs)} ms)`);
    client.close();
  });

  test('after the flood the platform serves normally again', async () => {
    const client = createJsonClient(platform.url, 4);
    await new Promise((r) => setTimeout(r, 300));
    const res = await client.request('GET', '/v1/terminals/me', s.terminalKey);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    client.close();
  });

  test('one wallet flooding is rate limited with Retry-After; another wallet is not affected', async () => {
    const client = createJsonClient(platform.url, 4);
    const codes: number[] = [];
    let retryAfter: unknown;
    for (let i = 0; i < 15; i++) {
      const r = await client.request('GET', '/v1/wallets/me', s.walletToken);
      codes.push(r.status);
      if (r.status === 429) retryAfter = r.body.error.retryAfterSeconds;
    }
    assert.ok(codes.includes(429), `limited after the burst: ${codes.join(',')}`);
    assert.ok(typeof retryAfter === 'number' && retryAfter >= 1);
    const other = await apiClient(platform.app).post('/v1/wallets', { password: '112233' });
    assert.equal(other.status, 201, JSON.stringify(other.body));
    const fresh = await client.request('GET', '/v1/wallets/me', other.body.token);
    assert.equal(fresh.status, 200, JSON.stringify(fresh.body));
    client.close();
  });
});

/**
 * Webhook endpoints in the browser: an endpoint created in the console shows its signing secret
 * once (never listed again); after a payment its delivery log lists the attempt to a local
 * receiver (status, latency, excerpt), and redeliver sends the event again; disable and enable
 * toggle it.
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { webhooksApi, type WebhooksApi } from '../../src/client/admin.ts';
import { createClient, type QrpayClient } from '../../src/client/index.ts';
import { testAdminKey, type TestPlatform } from '../support/platform.ts';
import {
  assertAccessible, ensureWebBuild, launchChromium, screenshotBoth, startE2EPlatform,
} from './browser.ts';

interface Received { headers: Record<string, string | string[] | undefined>; body: string }

let platform: TestPlatform;
let browser: Browser;
let page: Page;
let hooks: WebhooksApi;
let terminal: QrpayClient;
let payer: QrpayClient;
let merchantId: string;
let receiver: Server;
let hookUrl: string;
const received: Received[] = [];
/** The signing secret the console showed once. */
let shownSecret = '';

before(async () => {
  ensureWebBuild();
  receiver = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => { body += chunk.toString('utf8'); });
    request.on('end', () => {
      received.push({ headers: request.headers, body });
      response.writeHead(200, { 'content-type': 'text/plain' }).end('ok from e2e receiver');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/qrpay-hook`;
  platform = await startE2EPlatform({ allowPrivateWebhooks: true, webhooks: { pollMs: 100 } });
  const admin = createClient({ baseUrl: platform.url, key: testAdminKey });
  hooks = webhooksApi(admin);
  const merchant = await admin.createMerchant({
    legalName: '广州样例书店有限公司', displayName: 'Book Shop', city: 'Guangzhou', country: 'CN',
    mcc: '5942', currency: 'CNY',
  });
  merchantId = merchant.id;
  terminal = createClient({
    baseUrl: platform.url,
    key: (await admin.createTerminal(merchant.id, 'Till 1')).apiKey,
  });
  const created = await createClient({ baseUrl: platform.url }).createWallet('112233');
  await admin.topUp(created.id, 100_000, 'CNY');
  payer = createClient({ baseUrl: platform.url, key: created.token });
  browser = await launchChromium();
  const context = await browser.newContext({
    locale: 'en-US', viewport: { width: 1024, height: 768 },
  });
  context.setDefaultTimeout(10_000);
  page = await context.newPage();
  page.on('dialog', (dialog) => void dialog.accept());
  await page.goto(`${platform.url}/admin/`);
  await page.getByLabel('Operator key').fill(testAdminKey);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Webhooks' }).click();
});

after(async () => {
  await browser?.close();
  await platform?.destroy();
  await new Promise((resolve) => receiver?.close(resolve));
});

test('an endpoint created in the console shows its secret once', async () => {
  await page.getByLabel('Merchant').selectOption(merchantId);
  await page.getByText('This merchant has no endpoints.').waitFor();
  await page.getByLabel('URL').fill(hookUrl);
  await page.getByRole('button', { name: 'Create endpoint' }).click();
  const secret = (await page.locator('#new-endpoint-secret').innerText()).trim();
  assert.match(secret, /^whsec_/);
  await page.locator('#endpoints-table tr[data-status="enabled"]').waitFor();
  await assertAccessible(page, 'admin webhooks');
  await screenshotBoth(page, 'admin-webhooks-endpoints');
  await page.getByRole('button', { name: 'I have saved it' }).click();
  assert.equal(await page.locator('#new-endpoint-secret').count(), 0);
  const listed = await hooks.endpoints(merchantId);
  assert.equal(listed.data.length, 1);
  assert.ok(!JSON.stringify(listed).includes(secret), 'the secret is never listed again');
  // Back on the page later: the secret is gone for good.
  await page.getByRole('button', { name: 'Dashboard' }).click();
  await page.getByRole('button', { name: 'Webhooks' }).click();
  await page.locator('#endpoints-table tbody tr').first().waitFor();
  assert.equal(await page.getByText(secret).count(), 0);
  shownSecret = secret;
});

test('after a payment the delivery log lists the attempt; redeliver sends it again', async () => {
  const order = await terminal.createOrder({ amount: 1800, currency: 'CNY', outTradeNo: 'W-1' });
  await payer.pay(order.id, '112233');
  const deadline = Date.now() + 10_000;
  while (!received.some((r) => r.headers['qrpay-event-type'] === 'order.paid')) {
    assert.ok(Date.now() < deadline, 'the receiver got order.paid');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  // The delivery is signed with the secret the console showed.
  const paid = received.find((r) => r.headers['qrpay-event-type'] === 'order.paid')!;
  const signature = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(paid.headers['qrpay-signature']));
  assert.ok(signature, 'a Qrpay-Signature header');
  const [, t, v1] = signature;
  const expected = createHmac('sha256', shownSecret).update(`${t}.${paid.body}`).digest('hex');
  assert.equal(v1, expected);

  await page.getByRole('button', { name: `Deliveries: ${hookUrl}` }).click();
  const paidRow = page.locator('#deliveries-table tr[data-state="succeeded"]',
    { hasText: 'order.paid' });
  await paidRow.waitFor();
  const text = await paidRow.innerText();
  assert.match(text, /200/);
  assert.match(text, /\d+ ms/);
  assert.match(text, /ok from e2e receiver/);
  const before = await page.locator('#deliveries-table tbody tr').count();
  const eventId = await paidRow.locator('td').nth(1).locator('div').innerText();
  const deliveredBefore = received.length;
  await page.getByRole('button', { name: `Redeliver: ${eventId}` }).click();
  await page.getByText(`Queued ${eventId} again.`).waitFor();
  await page.waitForFunction((n) =>
    document.querySelectorAll('#deliveries-table tbody tr').length > n, before);
  const again = Date.now() + 10_000;
  while (received.length === deliveredBefore) {
    assert.ok(Date.now() < again, 'the redelivery reached the receiver');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.equal(received[received.length - 1]?.headers['qrpay-event-id'], eventId);
  await page.getByRole('button', { name: 'Refresh' }).click();
  await page.waitForFunction(() =>
    document.querySelectorAll('#deliveries-table tr[data-state="pending"]').length === 0);
  await assertAccessible(page, 'admin webhook deliveries');
  await page.locator('#deliveries-title').scrollIntoViewIfNeeded();
  await screenshotBoth(page, 'admin-webhooks-deliveries');
});

test('an endpoint is disabled, enabled again and deleted', async () => {
  await page.getByRole('button', { name: `Disable: ${hookUrl}` }).click();
  await page.locator('#endpoints-table tr[data-status="disabled"]').waitFor();
  assert.equal((await hooks.endpoints(merchantId)).data[0]?.status, 'disabled');
  await page.getByRole('button', { name: `Enable: ${hookUrl}` }).click();
  await page.locator('#endpoints-table tr[data-status="enabled"]').waitFor();
  await page.getByRole('button', { name: `Delete: ${hookUrl}` }).click();
  await page.getByText('This merchant has no endpoints.').waitFor();
  assert.equal((await hooks.endpoints(merchantId)).data.length, 0);
});

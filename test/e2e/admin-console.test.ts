/**
 * The operator console in the browser: a wrong key is refused, the right one signs in; the
 * dashboard counts today's payments; a merchant and a terminal are created (the key shown once)
 * and the terminal revoked, after which its key no longer works; orders filter by status; a
 * wallet is found and topped up.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { ApiError, createClient, type QrpayClient } from '../../src/client/index.ts';
import { testAdminKey, type TestPlatform } from '../support/platform.ts';
import {
  assertAccessible, ensureWebBuild, launchChromium, screenshotBoth, startE2EPlatform,
} from './browser.ts';

let platform: TestPlatform;
let browser: Browser;
let page: Page;
let admin: QrpayClient;
let walletId: string;

before(async () => {
  ensureWebBuild();
  platform = await startE2EPlatform();
  admin = createClient({ baseUrl: platform.url, key: testAdminKey });
  const merchant = await admin.createMerchant({
    legalName: '上海样例便利店有限公司', displayName: 'Corner Shop', city: 'Shanghai', country: 'CN',
    mcc: '5411', currency: 'CNY',
  });
  const terminal = createClient({
    baseUrl: platform.url,
    key: (await admin.createTerminal(merchant.id, 'Till 1')).apiKey,
  });
  const created = await createClient({ baseUrl: platform.url }).createWallet('112233');
  walletId = created.id;
  await admin.topUp(walletId, 100_000, 'CNY');
  const payer = createClient({ baseUrl: platform.url, key: created.token });
  for (const [i, amount] of [1200, 2500, 990].entries()) {
    const order = await terminal.createOrder({ amount, currency: 'CNY', outTradeNo: `D-${i}` });
    await payer.pay(order.id, '112233');
    if (i === 1) await terminal.refund(order.id, 500, 'RF-admin-1');
  }
  await terminal.createOrder({ amount: 777, currency: 'CNY', outTradeNo: 'D-open' });
  browser = await launchChromium();
  const viewport = { width: 1024, height: 768 };
  const context = await browser.newContext({ locale: 'en-US', viewport });
  context.setDefaultTimeout(10_000);
  page = await context.newPage();
  page.on('dialog', (dialog) => void dialog.accept());
});

after(async () => {
  await browser?.close();
  await platform?.destroy();
});

test('sign-in refuses a wrong key, takes the operator key; the dashboard counts', async () => {
  await page.goto(`${platform.url}/admin/`);
  await assertAccessible(page, 'admin sign-in');
  await screenshotBoth(page, 'admin-sign-in');
  await page.getByLabel('Operator key').fill('qrp_admin_wrong');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('alert').waitFor();
  await page.getByLabel('Operator key').fill(testAdminKey);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('#payments-today', { hasText: '3' }).waitFor();
  await assertAccessible(page, 'admin dashboard');
  await screenshotBoth(page, 'admin-dashboard');
});

test('a merchant and a terminal are created; the revoked terminal key stops working', async () => {
  await page.getByRole('button', { name: 'Merchants' }).click();
  await page.getByLabel('Legal name').fill('北京样例餐饮有限公司');
  await page.getByLabel('Display name').fill('Noodle Bar');
  await page.getByLabel('City').fill('Beijing');
  await page.getByRole('button', { name: 'Create' }).click();
  await page.getByRole('cell', { name: 'Noodle Bar', exact: true }).waitFor();
  await assertAccessible(page, 'admin merchants');
  await screenshotBoth(page, 'admin-merchants');

  await page.getByRole('button', { name: 'Terminals: Noodle Bar' }).click();
  await page.getByLabel('Terminal name').fill('Window');
  await page.getByRole('button', { name: 'New terminal' }).click();
  const key = (await page.locator('#new-terminal-key').innerText()).trim();
  const pos = createClient({ baseUrl: platform.url, key });
  assert.equal((await pos.me()).name, 'Window');
  await assertAccessible(page, 'admin terminals');
  await screenshotBoth(page, 'admin-terminals');
  await page.getByRole('button', { name: 'Revoke: Window' }).click();
  await page.locator('.badge', { hasText: 'revoked' }).waitFor();
  await assert.rejects(pos.me(), (e: unknown) => e instanceof ApiError && e.status === 401);
});

test('orders filter by status, and a wallet is found and topped up', async () => {
  await page.getByRole('button', { name: 'Orders' }).click();
  await page.locator('#orders-table tbody tr').first().waitFor();
  assert.equal(await page.locator('#orders-table tbody tr').count(), 4);
  await page.getByLabel('Status').selectOption('paid');
  await page.getByRole('button', { name: 'Filter' }).click();
  await page.waitForFunction(() =>
    document.querySelectorAll('#orders-table tbody tr').length === 2);
  const statuses = await page.locator('#orders-table tbody tr').evaluateAll((rows) =>
    rows.map((r) => r.getAttribute('data-status')));
  assert.deepEqual(statuses, ['paid', 'paid']);
  await page.getByLabel('Status').selectOption('partially_refunded');
  await page.getByRole('button', { name: 'Filter' }).click();
  await page.getByRole('button', { name: 'Refunds: D-1' }).click();
  await page.locator('#order-refunds', { hasText: 'RF-admin-1' }).waitFor();
  assert.match(await page.locator('#order-refunds').innerText(), /CN¥5\.00/);
  await assertAccessible(page, 'admin orders');
  await screenshotBoth(page, 'admin-orders');

  await page.getByRole('button', { name: 'Wallets' }).click();
  await page.getByLabel('Wallet id').fill(walletId);
  await page.getByRole('button', { name: 'Find' }).click();
  await page.getByLabel('Amount (CNY)').fill('20.5');
  await page.getByRole('button', { name: 'Top up (demo)' }).click();
  await page.getByText(/Topped up\. New balance/).waitFor();
  const after = await admin.request<{ balance: number }>('GET', `/v1/wallets/${walletId}`);
  assert.equal(after.balance, 100_000 - 1200 - 2500 - 990 + 500 + 2050);
  await assertAccessible(page, 'admin wallets');
});

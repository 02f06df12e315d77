/**
 * The risk-control centre in the browser: a rule saved with a syntax error shows the error at its
 * position, the corrected rule saves as a new version and appears in the change history; a
 * payment the new live hold rule catches appears in the held queue, with its rule hit, and
 * releasing it moves it out; the rule switches to shadow; a backtest shows counts per outcome;
 * decisions filter by outcome; a list entry is added and removed.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { riskApi, type RiskApi } from '../../src/client/admin.ts';
import { ApiError, createClient, type QrpayClient } from '../../src/client/index.ts';
import { testAdminKey, type TestPlatform } from '../support/platform.ts';
import {
  assertAccessible, ensureWebBuild, launchChromium, screenshotBoth, startE2EPlatform,
} from './browser.ts';

let platform: TestPlatform;
let browser: Browser;
let page: Page;
let risk: RiskApi;
let terminal: QrpayClient;
let payer: QrpayClient;
let walletId: string;

async function pay(amount: number, ref: string, by: QrpayClient = payer) {
  const order = await terminal.createOrder({ amount, currency: 'CNY', outTradeNo: ref });
  try {
    await by.pay(order.id, '112233');
  } catch (e) {
    const reasons = e instanceof ApiError ? JSON.stringify(e.details) : '';
    throw new Error(`payment ${ref} refused: ${String(e)} ${reasons}`);
  }
  return order.id;
}

before(async () => {
  ensureWebBuild();
  platform = await startE2EPlatform();
  const admin = createClient({ baseUrl: platform.url, key: testAdminKey });
  risk = riskApi(admin);
  const merchant = await admin.createMerchant({
    legalName: '杭州样例茶饮有限公司', displayName: 'Tea House', city: 'Hangzhou', country: 'CN',
    mcc: '5814', currency: 'CNY',
  });
  terminal = createClient({
    baseUrl: platform.url,
    key: (await admin.createTerminal(merchant.id, 'Till 1')).apiKey,
  });
  const created = await createClient({ baseUrl: platform.url }).createWallet('112233');
  walletId = created.id;
  await admin.topUp(walletId, 100_000, 'CNY');
  payer = createClient({ baseUrl: platform.url, key: created.token });
  await pay(1200, 'R-1');
  await pay(2500, 'R-2');
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
  await page.getByRole('button', { name: 'Risk', exact: true }).click();
  await page.locator('#rules-table tbody tr').first().waitFor();
});

after(async () => {
  await browser?.close();
  await platform?.destroy();
});

test('a syntax error shows at its position; the fixed rule saves and is in history', async () => {
  await page.getByRole('button', { name: 'New rule' }).click();
  await page.getByLabel('Rule id').fill('e2e_big_payment');
  await page.getByLabel('Name', { exact: true }).fill('Big payment (e2e)');
  const broken = 'amount > 4000 and and wallet.age_days < 1';
  await page.getByLabel('Expression').fill(broken);
  await page.getByLabel('Outcome').selectOption('hold');
  await page.getByLabel('Reason code').fill('e2e_big');
  await page.getByLabel('Mode').selectOption('live');
  await page.getByRole('button', { name: 'Save new version' }).click();
  const error = page.locator('#rule-error');
  await error.waitFor();
  // The position the page marks is the one the API reports for the same expression.
  const refused = await risk.saveRule({ id: 'e2e_probe', name: 'p', expression: broken,
    outcome: 'hold', reasonCode: 'p' }).then(() => null, (e: unknown) => e);
  assert.ok(refused instanceof ApiError && refused.status === 422);
  assert.match(refused.code, /^rule_/);
  const position = refused.details['position'];
  assert.equal(typeof position, 'number');
  assert.equal(await error.locator('pre.expr').getAttribute('data-position'), String(position));
  assert.match(await error.innerText(), new RegExp(`${refused.code}.*position ${position}`));
  assert.equal(await page.getByLabel('Expression').getAttribute('aria-invalid'), 'true');
  await assertAccessible(page, 'risk rule editor with an error');

  await page.getByLabel('Expression').fill('amount > 4000');
  await page.getByRole('button', { name: 'Save new version' }).click();
  await page.getByText('Saved e2e_big_payment version 1.').waitFor();
  await page.locator('#rules-table tr[data-rule="e2e_big_payment"][data-mode="live"]').waitFor();
  await page.locator('#history-table tr[data-subject="e2e_big_payment"]').first().waitFor();
  await assertAccessible(page, 'risk rules');
  await screenshotBoth(page, 'admin-risk-rules');
});

test('a held payment appears in the queue with its rule hit; release moves it out', async () => {
  const held = await pay(5000, 'R-held');
  await page.getByRole('button', { name: 'Held payments' }).click();
  const row = page.locator(`#holds-table tr[data-order="${held}"]`);
  await row.waitFor();
  assert.match(await row.innerText(), /e2e_big_payment/);
  await assertAccessible(page, 'risk held payments');
  await screenshotBoth(page, 'admin-risk-holds');
  await page.getByRole('button', { name: `Release: ${held}` }).click();
  await page.getByText(`Released ${held}.`).waitFor();
  await row.waitFor({ state: 'detached' });
  const released = await risk.holds({ status: 'released' });
  assert.deepEqual(released.data.map((h) => h.orderId), [held]);

  await page.getByRole('button', { name: 'Decisions' }).click();
  await page.getByLabel('Outcome').selectOption('hold');
  await page.getByRole('button', { name: 'Filter' }).click();
  await page.waitForFunction(() =>
    document.querySelectorAll('#decisions-table tbody tr').length === 1);
  assert.equal(await page.locator('#decisions-table tbody tr').getAttribute('data-order'), held);
  await assertAccessible(page, 'risk decisions');
  await screenshotBoth(page, 'admin-risk-decisions');
});

test('the rule switches to shadow; history records who did it', async () => {
  await page.getByRole('button', { name: 'Rules' }).click();
  await page.getByRole('button', { name: 'To shadow: e2e_big_payment v1' }).click();
  await page.locator('#rules-table tr[data-rule="e2e_big_payment"][data-mode="shadow"]').waitFor();
  const versions = await risk.ruleVersions('e2e_big_payment');
  assert.equal(versions.data[0]?.mode, 'shadow');
  const changes = await risk.changes({ subject: 'e2e_big_payment' });
  assert.ok(changes.data.length >= 2);
  assert.equal(changes.data[0]?.actor, 'operator');
  // A payment over the amount is no longer held (a second wallet: the first one's burst of
  // payments would meet the preset velocity challenge).
  const second = await createClient({ baseUrl: platform.url }).createWallet('112233');
  const admin = createClient({ baseUrl: platform.url, key: testAdminKey });
  await admin.topUp(second.id, 100_000, 'CNY');
  await pay(4500, 'R-shadow', createClient({ baseUrl: platform.url, key: second.token }));
  assert.equal((await risk.holds()).data.length, 0);
});

test('a backtest shows counts for the live and the candidate set', async () => {
  await page.getByRole('button', { name: 'Backtest' }).click();
  const candidate = [{ id: 'e2e_block_over_20', name: 'Over 20', expression: 'amount > 2000',
    outcome: 'block', reasonCode: 'e2e_over_20' }];
  await page.getByLabel('Rules JSON').fill(JSON.stringify(candidate));
  await page.getByRole('button', { name: 'Run backtest' }).click();
  await page.locator('#backtest-report').waitFor();
  const cell = (outcome: string, col: string) => page
    .locator(`#backtest-counts tr[data-outcome="${outcome}"] td[data-col="${col}"]`).innerText();
  // 4 payments: 12.00, 25.00, 50.00, 45.00; the candidate blocks the three over 20.00.
  assert.equal(await cell('block', 'candidate'), '3');
  assert.equal(await cell('block', 'live'), '0');
  assert.equal(await page.locator('#backtest-differences tbody tr').count(), 3);
  await assertAccessible(page, 'risk backtest');
  await screenshotBoth(page, 'admin-risk-backtest');
});

test('a wallet is added to the block list and removed again', async () => {
  await page.getByRole('button', { name: 'Lists' }).click();
  await page.getByRole('button', { name: 'Open: wallets_blocked' }).click();
  await page.getByLabel('Value').fill(walletId);
  await page.getByLabel('Note').fill('e2e');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await page.locator(`#entries-table tr[data-value="${walletId}"]`).waitFor();
  await assertAccessible(page, 'risk lists');
  await screenshotBoth(page, 'admin-risk-lists');
  await page.getByRole('button', { name: `Remove: ${walletId}` }).click();
  await page.locator(`#entries-table tr[data-value="${walletId}"]`).waitFor({ state: 'detached' });
  assert.equal((await risk.entries('wallets_blocked')).data.length, 0);
});

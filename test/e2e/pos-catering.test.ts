/**
 * Catering on the POS, in a real browser against a real platform: the operator adds two items
 * through the API; the cashier builds a cart on the Menu tab (quantities, table, note) and shows
 * the code for the cart total; a wallet pays it through the API; the POS turns to paid without a
 * reload. Then the wallet app tops itself up from its home screen (the demo setup).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { addCatalogItem } from '../../src/client/catalog.ts';
import { createClient, type QrpayClient } from '../../src/client/index.ts';
import { testAdminKey, type TestPlatform } from '../support/platform.ts';
import {
  assertAccessible, ensureWebBuild, launchChromium, screenshotBoth, startE2EPlatform,
} from './browser.ts';

let platform: TestPlatform;
let admin: QrpayClient;
let terminal: QrpayClient;
let terminalKey: string;
let browser: Browser;
let pos: Page;

before(async () => {
  ensureWebBuild();
  platform = await startE2EPlatform({ demoTopUps: true });
  admin = createClient({ baseUrl: platform.url, key: testAdminKey });
  const merchant = await admin.createMerchant({
    legalName: '成都锦里茶馆有限公司', displayName: 'Jinli Teahouse', city: 'Chengdu', country: 'CN',
    mcc: '5812', currency: 'CNY',
  });
  terminalKey = (await admin.createTerminal(merchant.id, 'Table service')).apiKey;
  terminal = createClient({ baseUrl: platform.url, key: terminalKey });
  await addCatalogItem(admin, merchant.id, { name: 'Latte', price: 2800 });
  await addCatalogItem(admin, merchant.id, { name: 'Bagel', price: 1650 });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await platform?.destroy();
});

test('the POS builds a cart on the Menu tab, charges its total, and shows paid', async () => {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1024, height: 768 } });
  context.setDefaultTimeout(10_000);
  pos = await context.newPage();
  await pos.goto(`${platform.url}/pos/`);
  await pos.getByLabel('Terminal key').fill(terminalKey);
  await pos.getByRole('button', { name: 'Pair' }).click();

  // A merchant with a catalog opens on the Menu tab.
  const menuTab = pos.getByRole('button', { name: 'Menu', exact: true });
  await menuTab.waitFor();
  assert.equal(await menuTab.getAttribute('aria-current'), 'page');
  const addLatte = pos.getByRole('button', { name: /^Latte CN¥28\.00/ });
  await addLatte.click();
  await addLatte.click();
  await pos.getByRole('button', { name: /^Bagel CN¥16\.50/ }).click();
  await pos.getByRole('button', { name: 'One more Bagel' }).click();
  await pos.getByRole('button', { name: 'One less Bagel' }).click();
  await pos.locator('#cart-total', { hasText: 'CN¥72.50' }).waitFor();
  await pos.getByLabel('Table number').fill('12');
  await pos.getByLabel('Note for the kitchen (optional)').fill('no sugar');

  // Touch targets: every grid item and cart control is at least 48 px each way.
  const controls = pos.locator('.menu-item, .cart-line button');
  assert.equal(await controls.count(), 6); // 2 items, − and + on 2 lines
  for (const box of await Promise.all((await controls.all()).map((c) => c.boundingBox()))) {
    assert.ok(box && box.width >= 48 && box.height >= 48, `touch target ${JSON.stringify(box)}`);
  }
  await assertAccessible(pos, 'POS menu and cart');
  await screenshotBoth(pos, 'pos-menu');

  await pos.getByRole('button', { name: 'QR payment' }).click();
  await pos.locator('#order-qr').waitFor();
  assert.equal(await pos.locator('[data-state]').getAttribute('data-state'), 'waiting');
  await pos.getByText('CN¥72.50').first().waitFor();

  // The order carries the cart: total as amount, summary, table and note as description.
  const order = (await terminal.listOrders({ limit: 1 })).data[0];
  assert.ok(order);
  assert.equal(order.amount, 7250);
  assert.equal(order.description, 'T12 · 2×Latte, 1×Bagel · no sugar');

  // A consumer pays it from a wallet (through the API); the POS follows the event stream.
  const created = await createClient({ baseUrl: platform.url }).createWallet('246810');
  const wallet = createClient({ baseUrl: platform.url, key: created.token });
  await wallet.request('POST', '/v1/wallets/me/top-ups', { amount: 10_000, currency: 'CNY' });
  const paid = await wallet.pay(order.id, '246810');
  assert.equal(paid.status, 'paid');
  await pos.locator('[data-state="paid"]').waitFor();
  await pos.getByRole('status').filter({ hasText: 'Payment received' }).waitFor();

  // New sale returns to the menu with an empty cart.
  await pos.getByRole('button', { name: 'New sale' }).click();
  await pos.getByText('Tap an item to add it.').waitFor();
  await pos.locator('#cart-total', { hasText: 'CN¥0.00' }).waitFor();
  await context.close();
});

test('the wallet tops itself up from its home screen in the demo setup', async () => {
  const context = await browser.newContext({
    locale: 'en-US', viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true,
  });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const created = await createClient({ baseUrl: platform.url }).createWallet('135790');
  await page.addInitScript((token) => localStorage.setItem('qrpay.wallet.token', token), created.token);
  await page.goto(`${platform.url}/wallet/`);
  await page.locator('#balance', { hasText: 'CN¥0.00' }).waitFor();
  await page.getByRole('button', { name: 'Top up (demo)' }).click();
  await page.getByRole('button', { name: 'CN¥500.00' }).click();
  await assertAccessible(page, 'wallet top-up');
  await page.getByRole('button', { name: 'Top up now' }).click();
  await page.getByText('Topped up CN¥500.00.').waitFor();
  await page.locator('#balance', { hasText: 'CN¥500.00' }).waitFor();
  await context.close();
});

/**
 * The whole payment as people do it, in two browsers against a real platform: the cashier types
 * 38.50 on the POS and shows the code; the consumer's wallet, in a second Chromium whose fake
 * camera films the POS's own screenshot of that code, scans it, sees the verified merchant,
 * mistypes the password once (tries left shown), pays; the POS turns to paid without a reload;
 * a partial refund from the POS (manager PIN) shows in the wallet's bill list.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createClient, type QrpayClient } from '../../src/client/index.ts';
import { testAdminKey, type TestPlatform } from '../support/platform.ts';
import {
  assertAccessible, ensureWebBuild, fakeCameraArgs, launchChromium, pngToY4m, screenshotBoth,
  startE2EPlatform,
} from './browser.ts';

const legalName = '杭州西湖咖啡有限公司';
let platform: TestPlatform;
let admin: QrpayClient;
let terminalKey: string;
let posBrowser: Browser;
let walletBrowser: Browser | null = null;
let pos: Page;
let wallet: Page;
let work: string;

const tap = async (page: Page, keys: string) => {
  for (const key of keys) {
    await page.locator('.keypad').getByRole('button', { name: key, exact: true }).click();
  }
};

before(async () => {
  ensureWebBuild();
  work = mkdtempSync(join(tmpdir(), 'qrpay-e2e-'));
  platform = await startE2EPlatform();
  admin = createClient({ baseUrl: platform.url, key: testAdminKey });
  const merchant = await admin.createMerchant({
    legalName, displayName: 'West Lake Coffee', city: 'Hangzhou', country: 'CN', mcc: '5814',
    currency: 'CNY',
  });
  terminalKey = (await admin.createTerminal(merchant.id, 'Counter 1')).apiKey;
  posBrowser = await launchChromium();
});

after(async () => {
  await walletBrowser?.close();
  await posBrowser?.close();
  await platform?.destroy();
  if (work) rmSync(work, { recursive: true, force: true });
});

async function newContext(browser: Browser, phone: boolean): Promise<BrowserContext> {
  const context = await browser.newContext({
    locale: 'en-US',
    viewport: phone ? { width: 390, height: 844 } : { width: 1024, height: 768 },
    ...(phone ? { hasTouch: true, isMobile: true, permissions: ['camera'] } : {}),
  });
  context.setDefaultTimeout(10_000);
  return context;
}

test('the POS pairs, takes 38.50 and shows a signed code with a live status', async () => {
  const context = await newContext(posBrowser, false);
  // Spy on the voice broadcast (headless Chromium has no voices, so nothing is heard).
  await context.addInitScript(() => {
    const spoken: string[] = [];
    (window as unknown as { spoken: string[] }).spoken = spoken;
    speechSynthesis.speak = (u: SpeechSynthesisUtterance) => { spoken.push(u.text); };
  });
  pos = await context.newPage();
  await pos.goto(`${platform.url}/pos/`);
  await screenshotBoth(pos, 'pos-pair');
  await pos.getByLabel('Terminal key').fill(terminalKey);
  await pos.getByRole('button', { name: 'Pair' }).click();

  await pos.getByRole('button', { name: 'Settings' }).click();
  await pos.getByLabel('Shop name shown above the code').fill('West Lake Coffee');
  await pos.getByLabel('Manager PIN for refunds (4–8 digits)').fill('2468');
  await pos.getByRole('button', { name: 'Save' }).click();
  await pos.getByText('Saved').waitFor();
  await pos.getByRole('button', { name: 'Sale' }).click();

  await tap(pos, '38.50');
  await pos.locator('#amount-display', { hasText: 'CN¥38.50' }).waitFor();
  await assertAccessible(pos, 'POS keypad');
  await screenshotBoth(pos, 'pos-keypad');
  await pos.getByRole('button', { name: 'QR payment' }).click();
  const qr = pos.locator('#order-qr');
  await qr.waitFor();
  await qr.evaluate((img: HTMLImageElement) => img.decode());
  assert.equal(await pos.locator('[data-state]').getAttribute('data-state'), 'waiting');
  await assertAccessible(pos, 'POS code screen');
  await screenshotBoth(pos, 'pos-qr');

  // The wallet's camera will film exactly what the POS shows.
  const y4m = join(work, 'pos-code.y4m');
  writeFileSync(y4m, pngToY4m(await qr.screenshot()));
  walletBrowser = await launchChromium(fakeCameraArgs(y4m));
});

test('the wallet is created with a 6-digit password entered twice', async () => {
  assert.ok(walletBrowser);
  const context = await newContext(walletBrowser, true);
  wallet = await context.newPage();
  await wallet.goto(`${platform.url}/wallet/`);
  await assertAccessible(wallet, 'wallet welcome');
  await screenshotBoth(wallet, 'wallet-welcome');
  await wallet.getByRole('button', { name: 'Create a wallet' }).click();
  await wallet.getByText('Set a 6-digit payment password').waitFor();
  await tap(wallet, '135790');
  await wallet.getByText('Enter the same password again').waitFor();
  await tap(wallet, '135790');
  await wallet.locator('#balance').waitFor();
  // Installable: the service worker controls /wallet/.
  const scope = await wallet.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  assert.equal(scope, `${platform.url}/wallet/`);
  // The demo operator tops the new wallet up (what the admin console's Wallets page does).
  const token = await wallet.evaluate(() => localStorage.getItem('qrpay.wallet.token'));
  assert.ok(token, 'the wallet keeps its token on the device');
  const me = await createClient({ baseUrl: platform.url, key: token }).wallet();
  await admin.topUp(me.id, 50_000, 'CNY');
  await wallet.getByRole('button', { name: 'Home' }).click();
  await wallet.locator('#balance', { hasText: 'CN¥500.00' }).waitFor();
  await assertAccessible(wallet, 'wallet home');
  await screenshotBoth(wallet, 'wallet-home');
});

test('the wallet films the POS screen with its camera, shows the verified merchant', async () => {
  await wallet.getByRole('button', { name: 'Scan to pay' }).click();
  const sheet = wallet.getByTestId('verified-sheet');
  await sheet.waitFor({ timeout: 15_000 });
  assert.match(await wallet.locator('#verified-badge').innerText(), /Verified by qrpay/);
  assert.equal(await wallet.locator('#legal-name').innerText(), legalName);
  assert.equal(await wallet.locator('#pay-amount').innerText(), 'CN¥38.50');
  // The scan is announced to the terminal: the POS moves to "scanned" by itself.
  await pos.locator('[data-state="scanned"]').waitFor({ timeout: 10_000 });
  await assertAccessible(wallet, 'wallet confirmation sheet');
  await screenshotBoth(wallet, 'wallet-verified');
});

test('a wrong password tells the tries left; the right one pays; the POS turns paid', async () => {
  await wallet.getByRole('button', { name: 'Pay', exact: true }).click();
  await tap(wallet, '000000');
  await wallet.locator('#pay-message', { hasText: 'Wrong password. 4 tries left.' }).waitFor();
  await screenshotBoth(wallet, 'wallet-password');
  await tap(wallet, '135790');
  // A wrong password just before makes the preset risk rules ask for a second confirmation.
  const again = 'enter your payment password again';
  const challenge = wallet.locator('#pay-message', { hasText: again });
  const result = wallet.getByTestId('pay-result');
  await challenge.or(result).waitFor();
  if (await challenge.isVisible()) await tap(wallet, '135790');
  await result.waitFor();
  assert.match(await wallet.getByTestId('pay-result').innerText(), /Payment successful/);
  await assertAccessible(wallet, 'wallet result');
  await screenshotBoth(wallet, 'wallet-result');

  await pos.locator('[data-state="paid"]').waitFor({ timeout: 10_000 });
  assert.match(await pos.locator('#paid-title').innerText(), /Payment received/);
  const spoken = await pos.evaluate(() => (window as unknown as { spoken: string[] }).spoken);
  assert.deepEqual(spoken, ['Payment received, 38.50 Chinese yuan']);
  await assertAccessible(pos, 'POS paid screen');
  await screenshotBoth(pos, 'pos-paid');
});

test('a partial refund from the POS, behind the manager PIN, shows in wallet bills', async () => {
  await pos.getByRole('button', { name: 'New sale' }).click();
  await pos.getByRole('button', { name: 'Today' }).click();
  await pos.locator('#day-summary', { hasText: 'CN¥38.50' }).waitFor();
  await screenshotBoth(pos, 'pos-today');
  await pos.getByRole('button', { name: /^Receipt POS-/ }).first().click();
  await pos.getByLabel('Refund amount').fill('10.00');
  await pos.getByLabel('Manager PIN').fill('1111');
  await pos.getByRole('button', { name: 'Refund now' }).click();
  await pos.getByText('The manager PIN is wrong.').waitFor();
  await pos.getByLabel('Manager PIN').fill('2468');
  await pos.getByRole('button', { name: 'Refund now' }).click();
  await pos.getByText('Refunded CN¥10.00.').waitFor();
  await pos.locator('#receipt', { hasText: '-CN¥10.00' }).waitFor();
  await assertAccessible(pos, 'POS receipt and refund');
  await screenshotBoth(pos, 'pos-receipt');

  await wallet.getByRole('button', { name: 'Done' }).click();
  await wallet.getByRole('button', { name: 'Bills' }).click();
  const bill = wallet.locator('#bill-list li').first();
  await bill.waitFor();
  assert.match(await bill.innerText(), /West Lake Coffee/);
  const status = await bill.locator('[data-status]').getAttribute('data-status');
  assert.equal(status, 'partially_refunded');
  assert.match(await bill.innerText(), /Refunded CN¥10\.00/);
  await assertAccessible(wallet, 'wallet bills');
  await screenshotBoth(wallet, 'wallet-bills');
  const me = await admin.request<{ balance: number }>('GET', '/v1/wallets/' +
    (await createClient({
      baseUrl: platform.url,
      key: (await wallet.evaluate(() => localStorage.getItem('qrpay.wallet.token'))) ?? '',
    }).wallet()).id);
  assert.equal(me.balance, 50_000 - 3_850 + 1_000);
});

test('offline, the POS says so and makes no code; back online, it recovers', async () => {
  await pos.getByRole('button', { name: 'Sale' }).click();
  await pos.context().setOffline(true);
  const banner = pos.getByText(/^Offline: new QR payments need the network/);
  await banner.waitFor();
  await tap(pos, '5');
  assert.equal(await pos.getByRole('button', { name: 'QR payment' }).isDisabled(), true);
  await assertAccessible(pos, 'POS offline');
  await screenshotBoth(pos, 'pos-offline');
  await pos.context().setOffline(false);
  await banner.waitFor({ state: 'hidden' });
  assert.equal(await pos.getByRole('button', { name: 'QR payment' }).isDisabled(), false);
});

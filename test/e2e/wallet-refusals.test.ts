/**
 * What the wallet must refuse, seen in the browser: a forged code (amount changed, CRC fixed so
 * only the signature can tell), a foreign scheme's code, text that is no payment code, an order
 * that expired (shown as expired on the POS and in the wallet), and a camera the browser refused.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import QRCode from 'qrcode';
import type { Browser, Page } from 'playwright-core';
import { createClient, type QrpayClient } from '../../src/client/index.ts';
import { testAdminKey, type TestPlatform } from '../support/platform.ts';
import {
  assertAccessible, ensureWebBuild, launchChromium, screenshotBoth, startE2EPlatform,
} from './browser.ts';

let platform: TestPlatform;
let browser: Browser;
let terminal: QrpayClient;
let terminalKey: string;
let walletToken: string;
let wallet: Page;
let work: string;
let skewMs = 0;

/** CRC-16/CCITT-FALSE, as EMV MPM tag 63 uses. */
function crc16(text: string): string {
  let crc = 0xffff;
  for (const byte of Buffer.from(text, 'utf8')) {
    crc ^= byte << 8;
    for (let i = 0; i < 8; i++) {
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    }
  }
  return crc.toString(16).toUpperCase().padStart(4, '0');
}
const tlv = (id: string, value: string) => `${id}${String(value.length).padStart(2, '0')}${value}`;
const withCrc = (body: string) => `${body}6304${crc16(`${body}6304`)}`;

async function codeImage(name: string, payload: string): Promise<string> {
  const path = join(work, `${name}.png`);
  const png = await QRCode.toBuffer(payload, { errorCorrectionLevel: 'M', margin: 4, scale: 6 });
  writeFileSync(path, png);
  return path;
}

async function scanImage(path: string) {
  await wallet.getByRole('button', { name: 'Home' }).click();
  await wallet.getByRole('button', { name: 'Scan to pay' }).click();
  await wallet.locator('#code-image').setInputFiles(path);
}

before(async () => {
  ensureWebBuild();
  work = mkdtempSync(join(tmpdir(), 'qrpay-e2e-'));
  platform = await startE2EPlatform({ nowMs: () => Date.now() + skewMs });
  const admin = createClient({ baseUrl: platform.url, key: testAdminKey });
  const merchant = await admin.createMerchant({
    legalName: '杭州示例茶饮有限公司', displayName: 'Tea House', city: 'Hangzhou', country: 'CN',
    mcc: '5814', currency: 'CNY',
  });
  terminalKey = (await admin.createTerminal(merchant.id, 'Till')).apiKey;
  terminal = createClient({ baseUrl: platform.url, key: terminalKey });
  const created = await createClient({ baseUrl: platform.url }).createWallet('246810');
  walletToken = created.token;
  await admin.topUp(created.id, 10_000, 'CNY');
  browser = await launchChromium();
  const phone = { width: 390, height: 844 };
  const context = await browser.newContext({ locale: 'en-US', viewport: phone });
  context.setDefaultTimeout(10_000);
  await context.addInitScript(
    (token) => localStorage.setItem('qrpay.wallet.token', token), walletToken);
  wallet = await context.newPage();
  await wallet.goto(`${platform.url}/wallet/`);
  await wallet.locator('#balance', { hasText: '100.00' }).waitFor();
});

after(async () => {
  await browser?.close();
  await platform?.destroy();
  if (work) rmSync(work, { recursive: true, force: true });
});

test('a forged code (amount changed, CRC fixed) shows a red warning, no pay button', async () => {
  const order = await terminal.createOrder({ amount: 3850, currency: 'CNY', outTradeNo: 'F-1' });
  const genuine = order.qrCode.payload;
  assert.ok(genuine.includes('540538.50'));
  const forged = withCrc(genuine.slice(0, -8).replace('540538.50', '540508.50'));
  await scanImage(await codeImage('forged', forged));
  const refused = wallet.getByTestId('scan-refused');
  await refused.waitFor();
  assert.match(await refused.innerText(), /not genuine/);
  assert.equal(await wallet.getByRole('button', { name: 'Pay', exact: true }).count(), 0);
  await assertAccessible(wallet, 'forged code warning');
  await screenshotBoth(wallet, 'wallet-forged');
  const after = await terminal.getOrder(order.id);
  assert.equal(after.scannedAt, null, 'a forged scan reaches no order');
});

test("another scheme's code says so, and text that is no payment code is refused", async () => {
  const pix = withCrc(
    tlv('00', '01') + tlv('01', '12') +
      tlv('26', tlv('00', 'br.gov.bcb.pix') + tlv('01', 'someone@example.com')) +
      tlv('52', '0000') + tlv('53', '986') + tlv('54', '10.00') + tlv('58', 'BR') +
      tlv('59', 'FULANO') + tlv('60', 'BRASILIA') + tlv('62', tlv('05', '***')),
  );
  await scanImage(await codeImage('pix', pix));
  await wallet.getByTestId('scan-refused').waitFor();
  assert.match(await wallet.getByTestId('scan-refused').innerText(), /another payment scheme/);

  await scanImage(await codeImage('url', 'https://example.com/not-a-payment'));
  await wallet.getByTestId('scan-refused').waitFor();
  assert.match(await wallet.getByTestId('scan-refused').innerText(), /not a payment code/);
});

test('an expired order shows expired on the POS and in the wallet', async () => {
  const viewport = { width: 1024, height: 768 };
  const context = await browser.newContext({ locale: 'en-US', viewport });
  context.setDefaultTimeout(10_000);
  await context.addInitScript((key) => localStorage.setItem('qrpay.pos.key', key), terminalKey);
  const pos = await context.newPage();
  await pos.goto(`${platform.url}/pos/`);
  for (const key of '12') {
    await pos.locator('.keypad').getByRole('button', { name: key, exact: true }).click();
  }
  await pos.getByRole('button', { name: 'QR payment' }).click();
  const qr = pos.locator('#order-qr');
  await qr.waitFor();
  await qr.evaluate((img: HTMLImageElement) => img.decode());
  const image = join(work, 'expiring.png');
  writeFileSync(image, await qr.screenshot());

  skewMs = 10 * 60_000; // the platform's clock jumps past the 5-minute code
  await pos.locator('[data-state="expired"]').waitFor({ timeout: 15_000 });
  assert.match(await pos.getByRole('status').first().innerText(), /expired/);
  await assertAccessible(pos, 'POS expired screen');
  await screenshotBoth(pos, 'pos-expired');

  await scanImage(image);
  const refused = wallet.getByTestId('scan-refused');
  await refused.waitFor();
  assert.match(await refused.innerText(), /expired/);
  await screenshotBoth(wallet, 'wallet-expired');
  skewMs = 0;
  await context.close();
});

test('a camera the browser refuses gets guidance, and the image picker stays usable', async () => {
  await wallet.getByRole('button', { name: 'Home' }).click();
  await wallet.getByRole('button', { name: 'Scan to pay' }).click();
  const problem = wallet.locator('#camera-problem');
  await problem.waitFor();
  assert.match(await problem.innerText(), /camera/i);
  assert.equal(await wallet.locator('#code-image').count(), 1);
  await assertAccessible(wallet, 'camera problem');
});

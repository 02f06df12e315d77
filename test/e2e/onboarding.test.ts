/**
 * Merchant onboarding in the browser, against a real platform: an applicant signs up, fills in a
 * business application (a wrong USCC check character is refused as it is typed), uploads
 * documents and submits; a reviewer claims and approves it; the applicant creates a terminal,
 * whose key takes a first payment through the API. Then a micro application is sent back for a
 * named field, rejected, corrected and resubmitted each time, and approved. Both pages pass axe
 * and are photographed in both languages for docs/screenshots/onboarding-*.png.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { PNG } from 'pngjs';
import type { Browser, Page } from 'playwright-core';
import { createClient } from '../../src/client/index.ts';
import { testAdminKey, type TestPlatform } from '../support/platform.ts';
import {
  assertAccessible, launchChromium, root, screenshotBoth, startE2EPlatform,
} from './browser.ts';

const uscc = '91350100M000100Y43';
const idNumber = '11010519491231002X';
const card = '6222600260001072444';

function newest(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let out = stat.mtimeMs;
  for (const name of readdirSync(path)) out = Math.max(out, newest(join(path, name)));
  return out;
}

/** Builds web/dist-onboarding when it is missing or older than what it is built from. */
function ensureOnboardingBuild() {
  let built = 0;
  try {
    built = statSync(join(root, 'web/dist-onboarding/apply.html')).mtimeMs;
  } catch {
    built = 0;
  }
  const sources = Math.max(...['web/merchant', 'web/review', 'web/shared', 'src/client',
    'vite.onboarding.config.ts'].map((p) => newest(join(root, p))));
  if (built > sources) return;
  const vite = join(root, 'node_modules/vite/bin/vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '-c', 'vite.onboarding.config.ts'],
    { cwd: root, encoding: 'utf8' });
  assert.equal(result.status, 0, `onboarding build failed:\n${result.stdout}\n${result.stderr}`);
}

/** A small valid PNG: a coloured block with a stripe, so each document looks different. */
function pngBytes(r: number, g: number, b: number): Buffer {
  const png = new PNG({ width: 96, height: 64 });
  for (let y = 0; y < 64; y++) {
    for (let x = 0; x < 96; x++) {
      const i = (y * 96 + x) * 4;
      const stripe = y > 24 && y < 40;
      png.data[i] = stripe ? 255 : r;
      png.data[i + 1] = stripe ? 255 : g;
      png.data[i + 2] = stripe ? 255 : b;
      png.data[i + 3] = 255;
    }
  }
  return PNG.sync.write(png);
}

let platform: TestPlatform;
let browser: Browser;
let applicant: Page;
let reviewer: Page;
let jpeg: Buffer;

before(async () => {
  ensureOnboardingBuild();
  platform = await startE2EPlatform();
  browser = await launchChromium();
  const viewport = { width: 1024, height: 768 };
  const open = async () => {
    const context = await browser.newContext({ locale: 'en-US', viewport });
    context.setDefaultTimeout(10_000);
    return context.newPage();
  };
  applicant = await open();
  reviewer = await open();
  await applicant.setContent('<body style="background:#c84;margin:0"><h1>Shop</h1></body>');
  jpeg = await applicant.screenshot({ type: 'jpeg', quality: 50,
    clip: { x: 0, y: 0, width: 120, height: 80 } });
});

after(async () => {
  await browser?.close();
  await platform?.destroy();
});

async function signUp(page: Page, email: string) {
  await page.goto(`${platform.url}/apply`);
  await page.getByRole('button', { name: 'I am new here' }).click();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill('correct horse battery');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('heading', { name: 'Start an application' }).waitFor();
}

async function fill(page: Page, values: Record<string, string>) {
  for (const [name, value] of Object.entries(values)) {
    await page.locator(`#input-${name}`).fill(value);
    await page.locator(`#input-${name}`).blur();
  }
}

async function upload(page: Page, kinds: string[]) {
  for (const [i, kind] of kinds.entries()) {
    const file = kind === 'storefront'
      ? { name: 'shop.jpg', mimeType: 'image/jpeg', buffer: jpeg }
      : { name: `${kind}.png`, mimeType: 'image/png', buffer: pngBytes(40 * i, 90, 160) };
    await page.setInputFiles(`#doc-${kind}`, file);
    await page.locator(`#doc-status-${kind}`, { hasText: 'Uploaded' }).waitFor();
  }
}

async function state(page: Page, selector: string, text: string) {
  await page.locator(selector, { hasText: text }).waitFor();
}

async function openCase(name: string) {
  await reviewer.getByRole('button', { name: `Open ${name}` }).click();
  await reviewer.locator('#case-title').waitFor();
}

test('apply → submit → claim and approve → terminal → first payment', async () => {
  await signUp(applicant, 'shop@example.com');
  await applicant.getByRole('button', { name: 'Start application' }).click();
  // Live validation: the platform's own code for a wrong check character, on the field.
  await fill(applicant, { uscc: '91350100M000100Y44' });
  await state(applicant, '#error-uscc', 'The last character does not match');
  assert.equal(await applicant.locator('#input-uscc').getAttribute('aria-invalid'), 'true');
  await fill(applicant, {
    legalName: '福州样例商贸有限公司', uscc, licenceValidFrom: '2020-01-01',
    registeredAddress: '福建省福州市鼓楼区五四路 1 号', legalRepName: '张三',
    legalRepIdNumber: idNumber, contactPhone: '138 0013 8000', contactEmail: 'boss@example.com',
    settlementAccountHolder: '福州样例商贸有限公司', settlementCardNumber: card,
    storeName: 'Fuzhou Corner', storeCity: 'Fuzhou', storeAddress: '五四路 1 号',
  });
  await applicant.getByLabel('Long-term (长期)').check();
  await applicant.locator('#input-mcc').selectOption('5411');
  await applicant.locator('#error-uscc').waitFor({ state: 'detached' });
  // Normalized by the platform: the phone's spaces are gone.
  await applicant.waitForFunction(() =>
    (document.querySelector('#input-contactPhone') as HTMLInputElement).value === '13800138000');
  await upload(applicant, ['licence', 'id_front', 'id_back', 'storefront']);
  await assertAccessible(applicant, 'apply form');
  await applicant.locator('#doc-licence').scrollIntoViewIfNeeded();
  await screenshotBoth(applicant, 'onboarding-apply');
  await applicant.getByRole('button', { name: 'Submit for review' }).click();
  await state(applicant, '#application-state', 'Submitted, waiting for review');

  await reviewer.goto(`${platform.url}/review`);
  await reviewer.getByLabel('Operator key').fill(testAdminKey);
  await reviewer.getByLabel('Your name').fill('Li Reviewer');
  await reviewer.getByRole('button', { name: 'Sign in' }).click();
  await openCase('福州样例商贸有限公司');
  await state(reviewer, '#value-legalRepIdNumber', idNumber);
  await state(reviewer, '#value-settlementCardNumber', card);
  await state(reviewer, '#checks', 'valid');
  const image = reviewer.locator('img[data-kind="licence"]');
  await reviewer.waitForFunction(() => {
    const img = document.querySelector('img[data-kind="storefront"]') as HTMLImageElement | null;
    return img !== null && img.complete && img.naturalWidth === 120;
  });
  assert.equal(await image.evaluate((img: HTMLImageElement) => img.naturalWidth), 96);
  await reviewer.getByRole('button', { name: 'Zoom Business licence' }).click();
  await reviewer.getByRole('dialog', { name: 'Business licence' }).waitFor();
  await reviewer.getByRole('button', { name: 'Close' }).click();
  await reviewer.getByRole('button', { name: 'Claim this case' }).click();
  await state(reviewer, '#case-state', 'In review');
  await assertAccessible(reviewer, 'review case');
  await reviewer.locator('#docs-title').evaluate((h) => h.scrollIntoView());
  await screenshotBoth(reviewer, 'onboarding-review');
  await reviewer.getByRole('button', { name: 'Approve' }).click();
  await state(reviewer, '#case-state', 'Approved');

  await applicant.getByRole('button', { name: 'Refresh' }).click();
  await state(applicant, '#application-state', 'Approved');
  const merchantId = (await applicant.locator('#merchant-id').textContent()) ?? '';
  assert.match(merchantId, /^mer_/);
  await applicant.getByLabel('Terminal name').fill('Till 1');
  await applicant.getByRole('button', { name: 'Create terminal' }).click();
  const key = (await applicant.locator('#terminal-key').textContent()) ?? '';
  assert.ok(key.length > 20, 'the terminal key is shown once');

  const terminal = createClient({ baseUrl: platform.url, key });
  const order = await terminal.createOrder({ amount: 1_250, currency: 'CNY', outTradeNo: 'F-1' });
  assert.equal(order.merchantId, merchantId);
  const wallet = await createClient({ baseUrl: platform.url }).createWallet('112233');
  await createClient({ baseUrl: platform.url, key: testAdminKey }).topUp(wallet.id, 5_000, 'CNY');
  const paid = await createClient({ baseUrl: platform.url, key: wallet.token })
    .pay(order.id, '112233');
  assert.equal(paid.status, 'paid');
});

test('sent back for a field, rejected, corrected and resubmitted, then approved', async () => {
  await applicant.getByRole('button', { name: 'Sign out' }).click();
  await signUp(applicant, 'stall@example.com');
  await applicant.getByLabel('Micro merchant').check();
  await applicant.getByRole('button', { name: 'Start application' }).click();
  await fill(applicant, {
    legalRepName: '李四', legalRepIdNumber: idNumber, contactPhone: '13800138001',
    contactEmail: 'stall@example.com', settlementAccountHolder: '李四',
    settlementCardNumber: card, storeName: 'Li Stall', storeCity: 'Beijing',
    storeAddress: '朝阳区 8 号',
  });
  await applicant.locator('#input-mcc').selectOption('5814');
  await applicant.getByRole('button', { name: 'Submit for review' }).click();
  // Submitting without the documents names the first one missing.
  await state(applicant, '#error-id_front', 'This document is required');
  await upload(applicant, ['id_front', 'id_back', 'storefront']);
  await applicant.getByRole('button', { name: 'Submit for review' }).click();
  await state(applicant, '#application-state', 'Submitted');

  await reviewer.getByRole('button', { name: 'Back to the queue' }).click();
  await openCase('Li Stall');
  await state(reviewer, '#duplicates', 'also in');
  await reviewer.getByRole('button', { name: 'Claim this case' }).click();
  await reviewer.getByLabel('Ask to change: Store name (shown to payers)').check();
  await reviewer.getByLabel('Reason for Store name').fill('Use the name on the signboard');
  await reviewer.getByRole('button', { name: 'Request changes (1)' }).click();
  await state(reviewer, '#case-state', 'Changes requested');

  await applicant.getByRole('button', { name: 'Refresh' }).click();
  await state(applicant, '#reason-storeName', 'Use the name on the signboard');
  await fill(applicant, { storeName: 'Li Noodles' });
  await applicant.getByRole('button', { name: 'Resubmit for review' }).click();
  await state(applicant, '#application-state', 'Submitted');

  await reviewer.getByRole('button', { name: 'Back to the queue' }).click();
  await openCase('Li Noodles');
  await state(reviewer, '#value-storeName', 'Li Noodles (changed)');
  await reviewer.getByRole('button', { name: 'Claim this case' }).click();
  await reviewer.getByLabel('Reason for rejection').fill('The storefront photo is blurred');
  await reviewer.getByRole('button', { name: 'Reject' }).click();
  await state(reviewer, '#case-state', 'Rejected');

  await applicant.getByRole('button', { name: 'Refresh' }).click();
  await state(applicant, '[role="status"]', 'The storefront photo is blurred');
  await upload(applicant, ['storefront']);
  await applicant.getByRole('button', { name: 'Resubmit for review' }).click();
  await state(applicant, '#application-state', 'Submitted');

  await reviewer.getByRole('button', { name: 'Back to the queue' }).click();
  await openCase('Li Noodles');
  await reviewer.getByRole('button', { name: 'Claim this case' }).click();
  await reviewer.getByRole('button', { name: 'Approve' }).click();
  await state(reviewer, '#case-state', 'Approved');
  await applicant.getByRole('button', { name: 'Refresh' }).click();
  await state(applicant, '#application-state', 'Approved');
  await applicant.locator('#merchant-id').waitFor();
});

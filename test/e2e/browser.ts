/**
 * What the browser tests share: a fresh web build when sources changed, Debian's Chromium through
 * playwright-core (never a downloaded browser), a PNG → Y4M converter for Chromium's fake camera,
 * an axe-core accessibility check, and screenshots for the README in both languages.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { PlatformOptions } from '../../src/main.ts';
import { defaultProtection } from '../../src/http/protection.ts';
import { startTestPlatform, type TestPlatform } from '../support/platform.ts';

export const root = new URL('../../', import.meta.url).pathname;
export const chromiumPath = process.env['QRPAY_CHROMIUM'] ?? '/usr/bin/chromium';
export const screenshotDir = join(root, 'docs', 'screenshots');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const name of readdirSync(dir)) {
    if (name === 'dist' || name.startsWith('.')) continue;
    const path = join(dir, name);
    const stat = statSync(path);
    newest = Math.max(newest, stat.isDirectory() ? newestMtime(path) : stat.mtimeMs);
  }
  return newest;
}

/** Builds web/dist when it is missing or older than web/ or src/client (what the apps import). */
export function ensureWebBuild() {
  let built = 0;
  try {
    built = statSync(join(root, 'web/dist/wallet/index.html')).mtimeMs;
  } catch {
    built = 0;
  }
  const sources = Math.max(newestMtime(join(root, 'web')), newestMtime(join(root, 'src/client')));
  if (built > sources) return;
  const vite = join(root, 'node_modules/vite/bin/vite.js');
  const result = spawnSync(process.execPath, [vite, 'build'], {
    cwd: root,
    encoding: 'utf8',
  });
  assert.equal(result.status, 0, `vite build failed:\n${result.stdout}\n${result.stderr}`);
}

/**
 * A real platform on a fresh SQLite store. Load shedding on event-loop lag is relaxed: on this
 * shared 2-core machine, Chromium and module compilation stall the loop for more than the
 * production bound, and these tests are about the apps, not about shedding load.
 */
export function startE2EPlatform(extra: Partial<PlatformOptions> = {}): Promise<TestPlatform> {
  return startTestPlatform('sqlite', {
    protection: { ...defaultProtection, eventLoopLagMaxMs: 30_000 },
    ...extra,
  });
}

/** Chromium with the flags the feasibility note measured; `extra` adds e.g. the fake camera. */
export function launchChromium(extra: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      // Only loopback resolves: no stray DNS queries from Chromium's background services.
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
      ...extra,
    ],
  });
}

/** The fake-camera flags, fed with a Y4M file (absolute path). */
export function fakeCameraArgs(y4mPath: string): string[] {
  return [
    '--use-fake-device-for-media-stream',
    '--use-fake-ui-for-media-stream',
    `--use-file-for-fake-video-capture=${y4mPath}`,
  ];
}

/**
 * A PNG (e.g. a screenshot of the POS's code) as a Y4M video for Chromium's fake capture device:
 * the image at its own size (never scaled down: small codes stop decoding) centred on white, at
 * least 640×480, even dimensions, I420 with BT.601 limited-range colours, `frames` equal frames.
 */
export function pngToY4m(png: Buffer, frames = 5): Buffer {
  const image = PNG.sync.read(png);
  const even = (n: number) => n + (n % 2);
  const width = Math.max(640, even(image.width + 40));
  const height = Math.max(480, even(image.height + 40));
  const left = Math.floor((width - image.width) / 2);
  const top = Math.floor((height - image.height) / 2);
  const rgb = (x: number, y: number): [number, number, number] => {
    const ix = x - left;
    const iy = y - top;
    if (ix < 0 || iy < 0 || ix >= image.width || iy >= image.height) return [255, 255, 255];
    const i = (iy * image.width + ix) * 4;
    const a = (image.data[i + 3] ?? 255) / 255;
    const mix = (c: number) => Math.round(c * a + 255 * (1 - a));
    return [mix(image.data[i] ?? 0), mix(image.data[i + 1] ?? 0), mix(image.data[i + 2] ?? 0)];
  };
  const ySize = width * height;
  const cSize = (width / 2) * (height / 2);
  const frame = Buffer.alloc(ySize + 2 * cSize);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [r, g, b] = rgb(x, y);
      frame[y * width + x] = Math.round(16 + (65.481 * r + 128.553 * g + 24.966 * b) / 255);
    }
  }
  for (let y = 0; y < height / 2; y++) {
    for (let x = 0; x < width / 2; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (const [dx, dy] of [[0, 0], [1, 0], [0, 1], [1, 1]] as const) {
        const [pr, pg, pb] = rgb(2 * x + dx, 2 * y + dy);
        r += pr / 4;
        g += pg / 4;
        b += pb / 4;
      }
      const i = y * (width / 2) + x;
      frame[ySize + i] = Math.round(128 + (-37.797 * r - 74.203 * g + 112 * b) / 255);
      frame[ySize + cSize + i] = Math.round(128 + (112 * r - 93.786 * g - 18.214 * b) / 255);
    }
  }
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F30:1 Ip A1:1 C420jpeg\n`);
  const marker = Buffer.from('FRAME\n');
  return Buffer.concat([header, ...Array.from({ length: frames }, () => [marker, frame]).flat()]);
}

const axeSource = readFileSync(join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the page and fails on any violation. */
export async function assertAccessible(page: Page, what: string) {
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as {
      axe: { run(context: Document, options: unknown): Promise<{ violations: AxeViolation[] }> };
    }).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target })),
    }));
  });
  const detail = JSON.stringify(violations, null, 2);
  assert.deepEqual(violations, [], `${what}: accessibility violations\n${detail}`);
}

/** Saves docs/screenshots/<name>-<lang>.png (viewport only, PNG). */
export async function screenshot(page: Page, name: string, lang: 'en' | 'zh-CN') {
  mkdirSync(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name}-${lang === 'en' ? 'en' : 'zh'}.png`);
  writeFileSync(path, await page.screenshot({ type: 'png', animations: 'disabled' }));
}

/** Screenshots the current screen in English, switches to Chinese, shoots again, switches back. */
export async function screenshotBoth(page: Page, name: string) {
  await screenshot(page, name, 'en');
  await page.getByRole('button', { name: '切换到中文' }).click();
  await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
  await screenshot(page, name, 'zh-CN');
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await page.waitForFunction(() => document.documentElement.lang === 'en');
}

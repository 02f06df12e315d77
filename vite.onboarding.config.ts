/**
 * The onboarding pages: web/merchant/apply.html (applicants, served at /apply) and
 * web/review/review.html (reviewers, served at /review), built into web/dist-onboarding as
 * apply.html and review.html with their assets under /onboarding/ (src/http/routes-onboarding.ts).
 * A separate build from vite.config.ts, whose output directory it leaves alone.
 *   npx vite build -c vite.onboarding.config.ts
 */
import { existsSync, renameSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const root = resolve(import.meta.dirname, 'web');
const outDir = resolve(root, 'dist-onboarding');
const api = process.env['QRPAY_API'] ?? 'http://127.0.0.1:8080';

/** Vite keeps the pages' folders (merchant/apply.html); the server wants them at the top. */
function flattenPages(): Plugin {
  const pages = [['merchant/apply.html', 'apply.html'], ['review/review.html', 'review.html']];
  return {
    name: 'qrpay-flatten-onboarding-pages',
    apply: 'build',
    closeBundle() {
      for (const [from, to] of pages as [string, string][]) {
        const source = resolve(outDir, from);
        if (existsSync(source)) renameSync(source, resolve(outDir, to));
      }
      for (const dir of ['merchant', 'review']) {
        rmSync(resolve(outDir, dir), { recursive: true, force: true });
      }
    },
  };
}

export default defineConfig({
  root,
  base: '/onboarding/',
  publicDir: false,
  plugins: [react(), flattenPages()],
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 800,
    rollupOptions: {
      input: {
        apply: resolve(root, 'merchant/apply.html'),
        review: resolve(root, 'review/review.html'),
      },
    },
  },
  server: {
    host: '127.0.0.1',
    fs: { allow: [import.meta.dirname] },
    proxy: { '/v1': { target: api, changeOrigin: false } },
  },
});

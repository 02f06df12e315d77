/**
 * One build, three apps: web/pos, web/wallet and web/admin are pages of one Vite project rooted
 * at web/, built into web/dist and served by `qrpay serve` at /pos/, /wallet/ and /admin/
 * (src/http/routes-web.ts). `npm run dev:web` serves them with hot reload and proxies the API to
 * a running `qrpay serve` (QRPAY_API, default http://127.0.0.1:8080).
 */
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = resolve(import.meta.dirname, 'web');
const api = process.env['QRPAY_API'] ?? 'http://127.0.0.1:8080';

export default defineConfig({
  root,
  base: '/',
  publicDir: resolve(root, 'public'),
  plugins: [react()],
  build: {
    outDir: resolve(root, 'dist'),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 800,
    rollupOptions: {
      input: {
        pos: resolve(root, 'pos/index.html'),
        wallet: resolve(root, 'wallet/index.html'),
        admin: resolve(root, 'admin/index.html'),
      },
    },
  },
  server: {
    host: '127.0.0.1',
    fs: { allow: [import.meta.dirname] },
    proxy: { '/v1': { target: api, changeOrigin: false }, '/.well-known': api },
  },
});

import { resolve } from 'node:path';
import { seedDemoData } from '../demo-seed.ts';
import { lanAddresses, loadOrCreateCertificate } from '../https.ts';
import { startPlatform } from '../main.ts';
import { parseArgs } from './args.ts';
import type { CliIO } from './io.ts';

export async function run(args: string[], io: CliIO): Promise<number> {
  const a = parseArgs(args, ['no-demo', 'quiet', 'https']);
  const portText = a.str('port') ?? process.env['PORT'] ?? '8080';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    io.err(`qrpay serve: --port must be 0 to 65535, not ${portText}`);
    return 2;
  }
  const dataDir = resolve(a.str('data') ?? process.env['QRPAY_DATA_DIR'] ?? 'data');
  const dbUrl = a.str('db') ?? process.env['QRPAY_DB_URL'];
  // --https is for phones on the same network, so it listens on every interface unless told.
  const useHttps = a.has('https');
  const host = a.str('host') ?? process.env['QRPAY_HOST'] ?? (useHttps ? '0.0.0.0' : '127.0.0.1');
  const tls = useHttps ? await loadOrCreateCertificate(dataDir) : null;
  const platform = await startPlatform({
    dataDir, dbUrl, port, host, demoTopUps: !a.has('no-demo'),
    logger: !a.has('quiet') && process.env['QRPAY_LOG'] === '1',
    ...(tls ? { https: { key: tls.key, cert: tls.cert } } : {}),
  });
  const store = dbUrl ? `PostgreSQL` : `SQLite ${dataDir}/qrpay.db`;
  io.out(`qrpay is running on ${store}`);
  io.out(`  API          ${platform.url}/v1`);
  io.out(`  API docs     ${platform.url}/docs   (OpenAPI: ${platform.url}/openapi.json)`);
  io.out(`  QR keys      ${platform.url}/.well-known/qrpay-keys.json`);
  const scheme = tls ? 'https' : 'http';
  const portPart = new URL(platform.url).port;
  const anyHost = host === '0.0.0.0' || host === '::';
  const local = `${scheme}://${anyHost ? 'localhost' : host}:${portPart}`;
  io.out(`  POS          ${local}/pos/`);
  io.out(`  Wallet       ${local}/wallet/`);
  io.out(`  Admin        ${local}/admin/`);
  io.out(`  Apply        ${local}/apply   (merchant onboarding; reviewers: ${local}/review)`);
  if (anyHost) {
    for (const ip of lanAddresses()) io.out(`  On a phone   ${scheme}://${ip}:${portPart}/wallet/`);
  }
  if (tls) {
    io.out(`  Certificate  ${tls.certPath}${tls.created ? ' (new)' : ''}`);
    io.out(`               SHA-256 ${tls.fingerprint}; trust it once on the phone (docs/web.md)`);
  }
  if (platform.newAdminKey) {
    io.out(`  Operator key ${platform.newAdminKey}   (shown once: keep it; set QRPAY_ADMIN_KEY to choose your own)`);
  }
  if (!a.has('no-demo')) {
    const demo = await seedDemoData(platform, dataDir);
    if (demo) {
      io.out(`  Demo merchant ${demo.merchantName}: terminal key ${demo.terminalKey}`);
      io.out(`  Demo wallet   token ${demo.walletToken}, payment password ${demo.password}, balance ¥${demo.balanceText}`);
      io.out(`  (demo credentials are kept in ${dataDir}/demo-credentials.json)`);
    }
  }
  await new Promise<void>((done) => {
    const stop = () => {
      io.out('qrpay: stopping');
      void platform.close().then(done);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import QRCode from 'qrcode';
import { createClient } from '../client/client.ts';
import { startPlatform } from '../main.ts';
import { verifyStoredLedger } from '../app/verify-ledger.ts';
import type { CliIO } from './io.ts';
import { formatDecimal } from '../domain/money/amount.ts';
import { currencyByCode } from '../domain/money/currency.ts';

const cny = currencyByCode('CNY')!;
const yuan = (minor: number) => `¥${formatDecimal(minor, cny)}`;

/** One full payment through the real HTTP API, against a fresh temporary store. */
export async function run(_args: string[], io: CliIO): Promise<number> {
  const dataDir = mkdtempSync(join(tmpdir(), 'qrpay-demo-'));
  const adminKey = 'qrp_admin_demo-operator-key-0000000000';
  const platform = await startPlatform({ dataDir, adminKey });
  try {
    const base = platform.url;
    const operator = createClient({ baseUrl: base, key: adminKey });
    io.out(`1. Platform started on a fresh SQLite store at ${base}`);
    const merchant = await operator.createMerchant({
      legalName: '杭州示例咖啡有限公司', displayName: 'Demo Café', city: 'Hangzhou', country: 'CN', mcc: '5814', currency: 'CNY',
    });
    const terminal = await operator.createTerminal(merchant.id, 'Front counter');
    io.out(`2. Operator created merchant ${merchant.displayName} (${merchant.id}) and terminal ${terminal.id}`);
    const wallet = await createClient({ baseUrl: base }).createWallet('123456');
    await operator.topUp(wallet.id, 50_000, 'CNY');
    io.out(`3. Consumer created wallet ${wallet.id}, topped up with ${yuan(50_000)}`);
    const pos = createClient({ baseUrl: base, key: terminal.apiKey });
    const order = await pos.createOrder({ amount: 3850, currency: 'CNY', outTradeNo: 'DEMO-0001', description: 'Latte ×2' });
    io.out(`4. Terminal created order ${order.id} for ${yuan(order.amount)}; its signed EMV QR code:`);
    io.out(await QRCode.toString(order.qrCode.payload, { type: 'terminal', small: true, errorCorrectionLevel: 'M' }));
    io.out(`   payload (${order.qrCode.payload.length} chars): ${order.qrCode.payload}`);
    const consumer = createClient({ baseUrl: base, key: wallet.token });
    const scan = await consumer.scan(order.qrCode.payload);
    io.out(`5. Wallet scanned and verified the code offline-signed by key ${scan.keyId}:`);
    io.out(`   pay ${scan.merchant.legalName} (${scan.merchant.displayName}) ${yuan(scan.order?.amount ?? 0)}`);
    const seen = await pos.getOrder(order.id);
    io.out(`6. Terminal sees the order as scanned at ${seen.scannedAt}`);
    const paid = await consumer.pay(order.id, '123456', order.amount);
    io.out(`7. Consumer confirmed with the payment password: order ${paid.status}, fee ${yuan(paid.fee)}`);
    const after = await consumer.wallet();
    const merchantAccount = await platform.deps.store.read.getAccount(`${merchant.id}:available`);
    io.out(`8. Balances: wallet ${yuan(after.balance)}, merchant ${yuan(merchantAccount?.balanceMinor ?? 0)}`);
    const ledger = await verifyStoredLedger(platform.deps.store);
    io.out(`9. Ledger verify: ${ledger.problems.length === 0 ? 'OK' : 'FAILED'} (${ledger.accounts} accounts, ${ledger.transfers} transfers)`);
    return ledger.problems.length === 0 ? 0 : 1;
  } finally {
    await platform.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

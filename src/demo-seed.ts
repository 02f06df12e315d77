import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createMerchant, createTerminal } from './app/merchants.ts';
import { createWallet, topUpWallet } from './app/wallets.ts';
import { currencyByCode } from './domain/money/currency.ts';
import { formatDecimal } from './domain/money/amount.ts';
import type { Platform } from './main.ts';

export interface DemoCredentials {
  merchantId: string;
  merchantName: string;
  terminalKey: string;
  walletId: string;
  walletToken: string;
  password: string;
  balanceText: string;
}

/**
 * On the first run, a demo merchant with a terminal and a funded wallet, so a newcomer can pay
 * at once. The credentials are kept in the data folder (owner-only) and printed at each start.
 */
export async function seedDemoData(platform: Platform, dataDir: string): Promise<DemoCredentials | null> {
  const path = join(dataDir, 'demo-credentials.json');
  if (existsSync(path)) return JSON.parse(readFileSync(path, 'utf8')) as DemoCredentials;
  const existing = await platform.deps.store.read.listMerchants(1);
  if (existing.length > 0) return null; // a real deployment: no demo data
  const deps = platform.deps;
  const merchant = await createMerchant(deps, {
    legalName: '杭州示例咖啡有限公司',
    displayName: 'qrpay Demo Café',
    city: 'Hangzhou',
    country: 'CN',
    mcc: '5814',
    currency: 'CNY',
  });
  const { apiKey } = await createTerminal(deps, merchant.id, 'Front counter');
  const password = '123456';
  const { wallet, token } = await createWallet(deps, { password });
  const balance = 100_000;
  await topUpWallet(deps, wallet.id, balance, 'CNY');
  const credentials: DemoCredentials = {
    merchantId: merchant.id,
    merchantName: merchant.displayName,
    terminalKey: apiKey,
    walletId: wallet.id,
    walletToken: token,
    password,
    balanceText: formatDecimal(balance, currencyByCode('CNY')!),
  };
  writeFileSync(path, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  return credentials;
}

import { feeRateBpMax } from '../domain/ledger/fees.ts';
import { merchantAccountId } from '../domain/ledger/ledger.ts';
import { currencyByCode } from '../domain/money/currency.ts';
import { sha256Hex } from '../lib/crypto.ts';
import type { AppDeps } from './deps.ts';
import { AppError } from './errors.ts';
import type { Merchant, MerchantTier, Terminal } from './ports.ts';

export interface NewMerchant {
  legalName: string;
  displayName: string;
  city: string;
  country: string;
  mcc: string;
  currency: string;
  feeRateBp?: number;
  tier?: MerchantTier;
}

export const feeRateBpDefault = 38;

/** Operators create merchants directly until onboarding review creates them from applications. */
export async function createMerchant(deps: AppDeps, input: NewMerchant): Promise<Merchant> {
  if (!currencyByCode(input.currency)) {
    throw new AppError('currency_unsupported', `${input.currency} is not supported`, {
      param: 'currency',
    });
  }
  const feeRateBp = input.feeRateBp ?? feeRateBpDefault;
  if (!Number.isInteger(feeRateBp) || feeRateBp < 0 || feeRateBp > feeRateBpMax) {
    throw new AppError('request_field_invalid', 'feeRateBp is 0 to 10000', { param: 'feeRateBp' });
  }
  const merchant: Merchant = {
    id: deps.ids.id('mer'),
    legalName: input.legalName,
    displayName: input.displayName,
    city: input.city,
    country: input.country,
    mcc: input.mcc,
    currency: input.currency,
    feeRateBp,
    status: 'approved',
    tier: input.tier ?? 'standard',
    createdAtMs: deps.clock.nowMs(),
  };
  await deps.store.write(async (tx) => {
    await tx.insertMerchant(merchant);
    await tx.ensureAccount(merchantAccountId(merchant.id), 'merchant', merchant.id, merchant.currency);
  });
  return merchant;
}

export async function requireMerchant(deps: AppDeps, id: string): Promise<Merchant> {
  const merchant = await deps.store.read.getMerchant(id);
  if (!merchant) throw new AppError('merchant_not_found', `no merchant ${id}`);
  return merchant;
}

/** A terminal's API key is shown once; only its SHA-256 is stored. */
export async function createTerminal(
  deps: AppDeps,
  merchantId: string,
  name: string,
): Promise<{ terminal: Terminal; apiKey: string }> {
  const merchant = await requireMerchant(deps, merchantId);
  if (merchant.status !== 'approved') {
    throw new AppError('merchant_not_approved', 'only approved merchants get terminals');
  }
  const apiKey = `qrp_term_${deps.ids.secret(24)}`;
  const terminal: Terminal = {
    id: deps.ids.id('trm'),
    merchantId,
    name,
    keyHash: sha256Hex(apiKey),
    keyPrefix: apiKey.slice(0, 13),
    status: 'active',
    createdAtMs: deps.clock.nowMs(),
    revokedAtMs: null,
  };
  await deps.store.write((tx) => tx.insertTerminal(terminal));
  return { terminal, apiKey };
}

export async function revokeTerminal(deps: AppDeps, merchantId: string, terminalId: string) {
  const terminal = await deps.store.read.getTerminal(terminalId);
  if (!terminal || terminal.merchantId !== merchantId) {
    throw new AppError('terminal_not_found', `no terminal ${terminalId} for this merchant`);
  }
  await deps.store.write((tx) => tx.revokeTerminal(terminalId, deps.clock.nowMs()));
  const after = await deps.store.read.getTerminal(terminalId);
  return after ?? terminal;
}

import { type LedgerProblem, verifyLedger, type Transfer } from '../domain/ledger/ledger.ts';
import { ledgerVerifyPageSize } from '../lib/limits.ts';
import type { Store } from './ports.ts';

/**
 * Re-derives every balance from the stored transfers and checks the ledger's invariants.
 * Reads outside a write transaction: run it on a quiet store (after a restart, or in tests).
 */
export async function verifyStoredLedger(
  store: Store,
): Promise<{ problems: LedgerProblem[]; accounts: number; transfers: number }> {
  const accounts = await store.read.listAccounts();
  const transfers: Transfer[] = [];
  let after: string | null = null;
  for (;;) {
    const page = await store.read.listTransfers(after, ledgerVerifyPageSize);
    transfers.push(...page);
    if (page.length < ledgerVerifyPageSize) break;
    after = page[page.length - 1]?.id ?? null;
  }
  return verifyLedger(accounts, transfers);
}

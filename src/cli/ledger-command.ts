import { resolve } from 'node:path';
import { verifyStoredLedger } from '../app/verify-ledger.ts';
import { openStore } from '../main.ts';
import { parseArgs } from './args.ts';
import type { CliIO } from './io.ts';

/** `qrpay ledger verify`: re-derives every balance from the transfers; exit 1 on any problem. */
export async function run(args: string[], io: CliIO): Promise<number> {
  const a = parseArgs(args, ['json']);
  if (a.positional[0] !== 'verify') {
    io.err('usage: qrpay ledger verify [--data DIR | --db postgres://…] [--json]');
    return 2;
  }
  const store = await openStore({
    dataDir: resolve(a.str('data') ?? process.env['QRPAY_DATA_DIR'] ?? 'data'),
    dbUrl: a.str('db') ?? process.env['QRPAY_DB_URL'],
    pgSchema: a.str('schema'),
  });
  try {
    const result = await verifyStoredLedger(store);
    if (a.has('json')) io.out(JSON.stringify({ ok: result.problems.length === 0, ...result }));
    else {
      io.out(`ledger: ${result.accounts} accounts, ${result.transfers} transfers`);
      for (const p of result.problems) io.out(`  problem${p.accountId ? ` (${p.accountId})` : ''}: ${p.problem}`);
      io.out(result.problems.length === 0 ? 'ledger verify: OK — balances match transfers, sums are zero' : 'ledger verify: FAILED');
    }
    return result.problems.length === 0 ? 0 : 1;
  } finally {
    await store.close();
  }
}

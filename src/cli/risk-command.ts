import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AppError } from '../app/errors.ts';
import { runBacktest } from '../app/risk/backtest.ts';
import type { RuleDefinition } from '../domain/risk/index.ts';
import { openStore } from '../main.ts';
import { parseArgs } from './args.ts';
import type { CliIO } from './io.ts';

const usage =
  'usage: qrpay risk backtest --rules FILE --from ISO --to ISO [--replace] ' +
  '[--data DIR | --db postgres://… [--schema S]]';

/** The rules file: a JSON array of rules, or `{ "rules": [...] }` (what the API takes). */
function readRules(path: string): Partial<RuleDefinition>[] {
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  const rules = Array.isArray(parsed) ? parsed : (parsed as { rules?: unknown })?.rules;
  if (!Array.isArray(rules)) throw new Error('the rules file holds a JSON array of rules');
  return rules as Partial<RuleDefinition>[];
}

function period(from: string | undefined, to: string | undefined) {
  const fromMs = from === undefined ? NaN : Date.parse(from);
  const toMs = to === undefined ? NaN : Date.parse(to);
  if (!Number.isFinite(fromMs) || !Number.isFinite(toMs)) return null;
  return { fromMs, toMs };
}

/**
 * `qrpay risk backtest`: replays the stored decisions of a period through the live rule set
 * and the rules of a file, and prints the report as JSON (the same as POST /v1/risk/backtests).
 * Exit 0 on a report, 1 when the rules or period are refused, 2 on bad usage.
 */
export async function run(args: string[], io: CliIO): Promise<number> {
  const a = parseArgs(args, ['replace']);
  const rulesPath = a.str('rules');
  const when = period(a.str('from'), a.str('to'));
  if (a.positional[0] !== 'backtest' || rulesPath === undefined || when === null) {
    io.err(usage);
    return 2;
  }
  let rules: Partial<RuleDefinition>[];
  try {
    rules = readRules(resolve(rulesPath));
  } catch (error) {
    io.err(`risk backtest: cannot read ${rulesPath}: ${(error as Error).message}`);
    return 2;
  }
  const store = await openStore({
    dataDir: resolve(a.str('data') ?? process.env['QRPAY_DATA_DIR'] ?? 'data'),
    dbUrl: a.str('db') ?? process.env['QRPAY_DB_URL'],
    pgSchema: a.str('schema'),
  });
  try {
    const report = await runBacktest(store, { rules, ...when, replace: a.has('replace') });
    io.out(JSON.stringify(report, null, 2));
    return 0;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const { code, message, details } = error;
    io.out(JSON.stringify({ error: { code, message, ...details } }));
    return 1;
  } finally {
    await store.close();
  }
}

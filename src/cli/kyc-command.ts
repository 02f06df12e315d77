import {
  type CalendarDate,
  validateBankCard,
  validateEmail,
  validatePhone,
  validateResidentId,
  validateUSCC,
} from '../domain/kyc/index.ts';
import type { Result } from '../lib/result.ts';
import { parseArgs } from './args.ts';
import type { CliIO } from './io.ts';

const usage = `Usage: qrpay kyc check <kind> <value> [--today YYYY-MM-DD]

Checks one identifier offline, as merchant onboarding does, and prints JSON:
  {"valid":true,"normalized":"…", …facts}                      exit 0
  {"valid":false,"error":{"code":"…","message":"…"}}           exit 1
Bad usage exits 2.

Kinds:
  uscc          Unified Social Credit Code (统一社会信用代码), GB 32100-2015
  resident-id   Resident Identity Card number (公民身份号码), GB 11643-1999
  bank-card     settlement card number, 16–19 digits with a Luhn check digit
  phone         mainland mobile number, optionally +86
  email         email address

--today sets the date birth dates are compared with (default: this machine's local date).
`;

type Check = (value: string, today: CalendarDate) => Result<{ normalized: string }, string>;

const checks: Record<string, Check> = {
  uscc: (value) => validateUSCC(value),
  'resident-id': (value, today) => validateResidentId(value, today),
  'bank-card': (value) => validateBankCard(value),
  phone: (value) => validatePhone(value),
  email: (value) => validateEmail(value),
};

export async function run(args: string[], io: CliIO): Promise<number> {
  const parsed = parseArgs(args, ['help']);
  if (parsed.has('help') || args[0] === 'help') {
    io.out(usage);
    return 0;
  }
  const [verb, kind, value, ...extra] = parsed.positional;
  const check = kind === undefined ? undefined : checks[kind];
  const unknownFlags = [...parsed.flags.keys()].filter((name) => name !== 'today');
  if (verb !== 'check' || !check || value === undefined || extra.length > 0) {
    return usageError(io, 'expected: qrpay kyc check <kind> <value>');
  }
  if (unknownFlags.length > 0) return usageError(io, `unknown option --${unknownFlags[0]}`);
  const today = parseToday(parsed.flags.get('today'));
  if (!today) return usageError(io, '--today needs a date as YYYY-MM-DD');
  const result = check(value, today);
  io.out(JSON.stringify(describe(result)));
  return result.ok ? 0 : 1;
}

function describe(result: Result<{ normalized: string }, string>): object {
  if (result.ok) return { valid: true, ...result.value };
  return { valid: false, error: { code: result.code, message: result.message } };
}

function usageError(io: CliIO, why: string): number {
  io.err(`qrpay kyc: ${why}\n\n${usage}`);
  return 2;
}

/** The date given with --today, or the local date; undefined when --today is not a date. */
function parseToday(flag: string | true | undefined): CalendarDate | undefined {
  if (flag === undefined) {
    const now = new Date();
    return { year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() };
  }
  const match = typeof flag === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(flag) : null;
  if (!match) return undefined;
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  const probe = new Date(Date.UTC(date.year, date.month - 1, date.day));
  const real = probe.getUTCMonth() === date.month - 1 && probe.getUTCDate() === date.day;
  return real ? date : undefined;
}

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { run } from '../../src/cli/risk-command.ts';
import { apiClient, seedBasics } from '../support/api.ts';
import {
  dropSchema,
  startTestPlatform,
  storeKinds,
  testAdminKey,
  uniqueSchema,
} from '../support/platform.ts';

function captureIO() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t),
      readStdin: async () => '' },
  };
}

for (const kind of storeKinds()) {
  describe(`qrpay risk backtest (${kind})`, () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'qrpay-risk-cli-'));
    const pgSchema = kind === 'postgres' ? uniqueSchema() : undefined;
    const where = kind === 'postgres'
      ? ['--db', process.env['QRPAY_TEST_PG_URL'] ?? '', '--schema', pgSchema ?? '']
      : ['--data', dataDir];
    const period = ['--from', '2000-01-01T00:00:00Z', '--to', '2100-01-01T00:00:00Z'];
    let decisions = 0;

    before(async () => {
      const platform = await startTestPlatform(kind, { dataDir,
        ...(pgSchema ? { pgSchema } : {}) });
      const api = apiClient(platform.app);
      const s = await seedBasics(api, { balance: 100_000 });
      await api.post('/v1/risk/lists/wallets_blocked/entries', { value: s.walletId }, testAdminKey);
      for (const amount of [1_000, 2_000, 3_000]) {
        const order = await api.post('/v1/orders', { amount, currency: 'CNY',
          outTradeNo: `C-${amount}` },
          s.terminalKey);
        const paid = await api.post('/v1/wallet/payments', { orderId: order.body.id,
          password: s.password },
          s.walletToken);
        assert.equal(paid.body.error.code, 'risk_blocked');
        decisions += 1;
      }
      await platform.close();
    });
    after(async () => {
      if (pgSchema) await dropSchema(pgSchema);
      rmSync(dataDir, { recursive: true, force: true });
    });

    test('prints a JSON report of the live set and the file rules over stored decisions',
      async () => {
      const rules = join(dataDir, 'rules.json');
      writeFileSync(rules, JSON.stringify([{ id: 'allow_everyone', name: 'Allow all',
        outcome: 'allow',
        expression: 'amount > 0', reasonCode: 'trusted' }]));
      const { io, out } = captureIO();
      const code = await run(['backtest', '--rules', rules, ...period, ...where], io);
      assert.equal(code, 0, out.join('\n'));
      const report = JSON.parse(out.join('\n'));
      assert.equal(report.decisions, decisions);
      assert.deepEqual(report.live, report.recorded);
      assert.equal(report.live.block, decisions);
      assert.equal(report.candidate.allow, decisions);
      assert.equal(report.differencesTotal, decisions);
    });

    test('refuses a rule that does not type-check, naming the rule, field and position',
      async () => {
      const rules = join(dataDir, 'bad.json');
      writeFileSync(rules, JSON.stringify({ rules: [{ id: 'bad', name: 'Bad', outcome: 'block',
        expression: 'amount > "x"', reasonCode: 'bad' }] }));
      const { io, out } = captureIO();
      assert.equal(await run(['backtest', '--rules', rules, ...period, ...where], io), 1);
      const { error } = JSON.parse(out.join('\n'));
      assert.equal(error.code, 'rule_type_mismatch');
      assert.equal(error.param, 'rules[0].expression');
      assert.equal(error.position, 'amount > '.length); // at the string operand
    });

    test('explains its usage when a flag is missing', async () => {
      const { io, err } = captureIO();
      assert.equal(await run(['backtest', '--from', 'x'], io), 2);
      assert.match(err.join('\n'), /usage: qrpay risk backtest/);
    });
  });
}

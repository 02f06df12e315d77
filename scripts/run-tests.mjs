#!/usr/bin/env node
// Runs node's test runner over TypeScript test files (through tsx).
//   unit: every *.test.ts outside test/e2e (PostgreSQL cases run too when QRPAY_TEST_PG_URL is set)
//   pg:   the tests that run per store, on PostgreSQL only (needs QRPAY_TEST_PG_URL)
//   e2e:  test/e2e/*.test.ts (real server, real Chromium)
// Extra arguments are passed to the file filter: `npm test -- emv` runs files whose path has "emv".
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const [mode = 'unit', ...filters] = process.argv.slice(2);

function walk(dir, out) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (name.endsWith('.test.ts')) out.push(relative(root, path));
  }
  return out;
}

const all = [];
for (const dir of ['src', 'test', 'scripts', 'bench']) {
  try {
    walk(join(root, dir), all);
  } catch {
    // a folder that does not exist yet holds no tests
  }
}
const isE2E = (f) => f.startsWith('test/e2e/');
let files = mode === 'e2e' ? all.filter(isE2E) : all.filter((f) => !isE2E(f));
// The PostgreSQL suite is every test that runs per store (it calls storeKinds()), on PostgreSQL only.
if (mode === 'pg') files = files.filter((f) => readFileSync(join(root, f), 'utf8').includes('storeKinds('));
if (filters.length > 0) files = files.filter((f) => filters.some((x) => f.includes(x)));
files.sort();

if (mode === 'pg' && !process.env.QRPAY_TEST_PG_URL) {
  console.error('test:pg needs QRPAY_TEST_PG_URL, e.g. postgres://postgres@127.0.0.1:5432/test');
  process.exit(2);
}
if (files.length === 0) {
  console.error(`no test files for mode ${mode}`);
  process.exit(1);
}

const concurrency = mode === 'e2e' ? '1' : String(Math.max(1, Number(process.env.QRPAY_TEST_JOBS ?? 2)));
const args = ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, ...files];
const env = { ...process.env };
if (mode === 'pg') env.QRPAY_TEST_STORES = 'postgres';
const result = spawnSync(process.execPath, args, { stdio: 'inherit', cwd: root, env });
process.exit(result.status ?? 1);

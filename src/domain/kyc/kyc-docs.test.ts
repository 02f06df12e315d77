import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { kycErrorCodes } from './errors.ts';

const doc = readFileSync(new URL('../../../docs/kyc.md', import.meta.url), 'utf8');

test('docs/kyc.md lists every KYC error code, and no code that does not exist', () => {
  const codes = new Set<string>(kycErrorCodes);
  const listed = new Set([...doc.matchAll(/^\| `([a-z0-9_]+)` \|/gm)].map((match) => match[1]));
  for (const code of codes) assert.ok(listed.has(code), `docs/kyc.md lacks ${code}`);
  for (const code of listed) assert.ok(codes.has(code ?? ''), `docs/kyc.md lists unknown ${code}`);
});

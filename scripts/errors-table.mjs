#!/usr/bin/env node
// Prints the codes the API knows that docs/errors.md does not list yet, as table rows to fill in.
// Usage: node --import tsx scripts/errors-table.mjs
import { readFileSync } from 'node:fs';
const { knownErrorCodes, statusFor } = await import('../src/http/errors.ts');
const doc = readFileSync(new URL('../docs/errors.md', import.meta.url), 'utf8');
for (const code of knownErrorCodes()) {
  if (!doc.includes(`| \`${code}\` |`)) console.log(`| \`${code}\` | ${statusFor(code)} | |`);
}

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { riskAttributes, riskLists } from './catalogue.ts';
import { riskErrorCodes } from './errors.ts';
import { presetRules } from './presets.ts';

const doc = readFileSync(new URL('../../../docs/risk.md', import.meta.url), 'utf8');

test('docs/risk.md names every attribute scope, list, error code and preset rule', () => {
  const missing: string[] = [];
  for (const attribute of riskAttributes) {
    const documented = attribute.name.includes('.payments_')
      ? doc.includes(`\`${attribute.name.split('.')[0]}\``)
      : doc.includes(`\`${attribute.name}\``);
    if (!documented) missing.push(attribute.name);
  }
  for (const list of riskLists) if (!doc.includes(`\`${list.name}\``)) missing.push(list.name);
  for (const code of riskErrorCodes) if (!doc.includes(`\`${code}\``)) missing.push(code);
  for (const rule of presetRules) {
    if (!doc.includes(`\`${rule.id}\``) || !doc.includes(rule.expression)) missing.push(rule.id);
  }
  assert.deepEqual(missing, []);
});

#!/usr/bin/env node
// Summarises a V8 .cpuprofile: self time by function and by file (top N), for docs/performance.md.
// Usage: node scripts/profile-summary.mjs file.cpuprofile [N]
import { readFileSync } from 'node:fs';
const [file, topText = '25'] = process.argv.slice(2);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const top = Number(topText);
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
const dt = profile.timeDeltas;
for (let i = 0; i < profile.samples.length; i++) {
  const id = profile.samples[i];
  self.set(id, (self.get(id) ?? 0) + (dt[i] ?? 0));
}
const total = [...self.values()].reduce((a, b) => a + b, 0);
const fn = new Map();
const files = new Map();
for (const [id, us] of self) {
  const n = byId.get(id);
  const cf = n.callFrame;
  const url = cf.url.replace(/^file:\/\//, '').replace(/.*node_modules\//, 'node_modules/').replace(/.*\/work\/main\//, '');
  const key = `${cf.functionName || '(anonymous)'} ${url}:${cf.lineNumber + 1}`;
  fn.set(key, (fn.get(key) ?? 0) + us);
  const bucket = url === '' ? `(${cf.functionName || 'native'})` : url.startsWith('node_modules/') ? url.split('/').slice(0, 2).join('/') : url.startsWith('node:') ? url : url;
  files.set(bucket, (files.get(bucket) ?? 0) + us);
}
const pct = (us) => `${((us / total) * 100).toFixed(1)}%`;
console.log(`total sampled: ${(total / 1e6).toFixed(2)} s`);
console.log('\nself time by file / package:');
for (const [k, us] of [...files].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${pct(us).padStart(6)}  ${k}`);
console.log('\nself time by function:');
for (const [k, us] of [...fn].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${pct(us).padStart(6)}  ${k}`);

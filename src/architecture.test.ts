/**
 * Imports point down: lib ← domain ← app ← {storage, push, http} ← main, and client ← {web, cli}.
 * This test reads every import line and fails on one that points the wrong way.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';

const root = resolve(new URL('..', import.meta.url).pathname);

function files(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('dist')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files(path, out);
    else if (/\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push(path);
  }
  return out;
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const m of text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/gm)) found.push(m[1] ?? '');
  for (const m of text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push(m[1] ?? '');
  return found;
}

/** The layer a repository path belongs to. */
function layer(path: string): string {
  const rel = relative(root, path);
  const parts = rel.split('/');
  if (parts[0] === 'web') return 'web';
  if (parts[0] !== 'src') return parts[0] ?? '';
  const second = parts[1] ?? '';
  return second.endsWith('.ts') ? 'main' : second;
}

const allowed: Record<string, string[]> = {
  lib: ['lib'],
  domain: ['lib', 'domain'],
  app: ['lib', 'domain', 'app', 'client'], // client: types of the wire contract only
  storage: ['lib', 'domain', 'app', 'storage'],
  push: ['lib', 'domain', 'app', 'push', 'client'],
  http: ['lib', 'domain', 'app', 'http', 'client', 'push'],
  client: ['client'],
  web: ['client', 'web'],
};

test('imports point down the layers', () => {
  const problems: string[] = [];
  for (const file of [...files(join(root, 'src')), ...files(join(root, 'web'))]) {
    const from = layer(file);
    const rules = allowed[from];
    if (!rules) continue; // main.ts and cli are composition roots
    for (const spec of imports(file)) {
      if (!spec.startsWith('.')) {
        if (from === 'domain') problems.push(`${relative(root, file)}: domain imports package ${spec}`);
        continue;
      }
      const to = layer(resolve(dirname(file), spec));
      if (!rules.includes(to)) problems.push(`${relative(root, file)} (${from}) imports ${spec} (${to})`);
    }
  }
  assert.deepEqual(problems, []);
});

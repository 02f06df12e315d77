import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { knownErrorCodes, statusFor } from './errors.ts';

/** docs/errors.md lists every code with its status, and nothing else (Fastify's discipline). */
test('docs/errors.md lists exactly the error codes the API can return, with their statuses', () => {
  const doc = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
  const documented = new Map<string, number>();
  for (const match of doc.matchAll(/^\| `([a-z0-9_]+)` \| (\d{3}) \|/gm)) {
    const [, code, status] = match;
    assert.ok(code && status);
    assert.equal(documented.has(code), false, `${code} is listed twice`);
    documented.set(code, Number(status));
  }
  const known = knownErrorCodes();
  const missing = known.filter((c) => !documented.has(c));
  const extra = [...documented.keys()].filter((c) => !known.includes(c));
  assert.deepEqual(missing, [], 'codes missing from docs/errors.md');
  assert.deepEqual(extra, [], 'codes in docs/errors.md that the API does not have');
  for (const [code, status] of documented) assert.equal(status, statusFor(code), `status of ${code}`);
});

/** The only codes that are not the caller's fault: a bug, or a server that says "not now". */
const serverSide: Record<string, number> = {
  internal_error: 500,
  event_stream_limit_reached: 503,
  service_overloaded: 503,
};

test('every code is snake_case <noun>_<condition> and maps to a 4xx, except the server-side few', () => {
  for (const code of knownErrorCodes()) {
    assert.match(code, /^[a-z][a-z0-9]*(_[a-z0-9]+)+$/, code);
    const status = statusFor(code) ?? 0;
    if (code in serverSide) assert.equal(status, serverSide[code], code);
    else assert.ok(status >= 400 && status < 500, `${code} → ${status}`);
  }
});

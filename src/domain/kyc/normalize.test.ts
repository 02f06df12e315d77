import assert from 'node:assert/strict';
import { test } from 'node:test';
import { foldFullWidth, normalizeInput, stripSeparators, upperAscii } from './normalize.ts';

test('foldFullWidth maps full-width ASCII and the ideographic space, nothing else', () => {
  assert.equal(foldFullWidth('９１３５Ｍｘ＠．－＋\u3000'), '9135Mx@.-+ ');
  assert.equal(foldFullWidth('①²ﬀ中\u00a0'), '①²ﬀ中\u00a0');
});

test('normalizeInput trims any white space around the value after folding', () => {
  assert.equal(normalizeInput('\u3000\t 1 2\n\ufeff'), '1 2');
});

test('stripSeparators removes single inner separators and refuses doubled or dangling ones', () => {
  assert.equal(stripSeparators('4111 1111-1111', ' -'), '411111111111');
  assert.equal(stripSeparators('', ' '), '');
  for (const bad of ['41  11', '41 -11', ' 4111', '4111-']) {
    assert.equal(stripSeparators(bad, ' -'), undefined, bad);
  }
});

test('upperAscii leaves non-ASCII letters alone so they stay invalid', () => {
  assert.equal(upperAscii('m0x'), 'M0X');
  assert.equal(upperAscii('ßﬀı'), 'ßﬀı');
});

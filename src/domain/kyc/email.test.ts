import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateEmail } from './email.ts';

function codeOf(input: string): string {
  const result = validateEmail(input);
  return result.ok ? result.value.normalized : result.code;
}

test('validateEmail accepts practical addresses and lowercases only the domain', () => {
  const rows: [input: string, normalized: string][] = [
    ['merchant@example.com', 'merchant@example.com'],
    ['Li.Wei+shop@Example.COM.CN', 'Li.Wei+shop@example.com.cn'],
    ["o'brien_{x}@mail.example.org", "o'brien_{x}@mail.example.org"],
    ['a@b-c.xn--fiqs8s', 'a@b-c.xn--fiqs8s'],
    ['  shop@qq.com\n', 'shop@qq.com'],
    ['ｓｈｏｐ＠ｑｑ．ｃｏｍ', 'shop@qq.com'],
    [`${'a'.repeat(64)}@example.com`, `${'a'.repeat(64)}@example.com`],
  ];
  for (const [input, normalized] of rows) assert.equal(codeOf(input), normalized, input);
  const result = validateEmail('x@Example.com');
  assert.ok(result.ok);
  assert.equal(result.value.domain, 'example.com');
});

test('validateEmail gives each failure its own code', () => {
  const longDomain = `${'a'.repeat(60)}.`.repeat(5) + 'com';
  const rows: [input: string, code: string][] = [
    ['', 'email_length_invalid'],
    ['   ', 'email_length_invalid'],
    [`a@${longDomain}`, 'email_length_invalid'],
    ['x'.repeat(400), 'email_length_invalid'],
    ['merchant.example.com', 'email_at_sign_invalid'],
    ['a@b@example.com', 'email_at_sign_invalid'],
    ['@example.com', 'email_local_part_invalid'],
    ['.li@example.com', 'email_local_part_invalid'],
    ['li.@example.com', 'email_local_part_invalid'],
    ['li..wei@example.com', 'email_local_part_invalid'],
    ['li wei@example.com', 'email_local_part_invalid'],
    ['"li wei"@example.com', 'email_local_part_invalid'],
    ['李伟@example.com', 'email_local_part_invalid'],
    [`${'a'.repeat(65)}@example.com`, 'email_local_part_invalid'],
    ['li@', 'email_domain_invalid'],
    ['li@localhost', 'email_domain_invalid'],
    ['li@example..com', 'email_domain_invalid'],
    ['li@example.com.', 'email_domain_invalid'],
    ['li@-example.com', 'email_domain_invalid'],
    ['li@example-.com', 'email_domain_invalid'],
    ['li@exa_mple.com', 'email_domain_invalid'],
    ['li@[127.0.0.1]', 'email_domain_invalid'],
    ['li@127.0.0.1', 'email_domain_invalid'],
    ['li@例子.中国', 'email_domain_invalid'],
    [`li@${'a'.repeat(64)}.com`, 'email_domain_invalid'],
    ['li@\u212Aexample.com', 'email_domain_invalid'],
  ];
  for (const [input, code] of rows) assert.equal(codeOf(input), code, input);
});

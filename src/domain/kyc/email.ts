import { type Result, fail, ok } from '../../lib/result.ts';
import { type KycErrorCode, kycInputLengthMax } from './errors.ts';
import { lowerAscii, normalizeInput } from './normalize.ts';

/**
 * Practical email addresses, after RFC 5321/5322: a dot-atom local part (no quoted strings, no
 * comments), one @, and a DNS host name of at least two labels (no address literals). ASCII
 * only: internationalised domains are accepted in their punycode (xn--) form. The domain is
 * lowercased; the local part keeps its case, which RFC 5321 leaves to the receiving server.
 */
export interface EmailFacts {
  readonly normalized: string;
  readonly domain: string;
}

const emailLengthMax = 254; // RFC 5321 path limit (256) less the angle brackets
const localPartLengthMax = 64;
const domainLengthMax = 253;
const labelLengthMax = 63;
const atom = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
const dotAtom = new RegExp(`^${atom}(\\.${atom})*$`);
const label = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

export function validateEmail(input: string): Result<EmailFacts, KycErrorCode> {
  const text = input.length > kycInputLengthMax ? undefined : normalizeInput(input);
  if (text === undefined || text.length === 0 || text.length > emailLengthMax) {
    return fail('email_length_invalid', 'an email address has 1 to 254 characters');
  }
  const parts = text.split('@');
  if (parts.length !== 2) {
    return fail('email_at_sign_invalid', 'an email address has exactly one @');
  }
  const [local = '', domainAsTyped = ''] = parts;
  if (local.length > localPartLengthMax || !dotAtom.test(local)) {
    return fail(
      'email_local_part_invalid',
      'the part before @ must be 1–64 letters, digits or !#$%&\'*+/=?^_`{|}~- separated by dots',
    );
  }
  const domain = lowerAscii(domainAsTyped);
  if (!isHostName(domain)) {
    return fail('email_domain_invalid', 'the part after @ must be a domain name like example.com');
  }
  return ok({ normalized: `${local}@${domain}`, domain });
}

function isHostName(domain: string): boolean {
  if (domain.length > domainLengthMax) return false;
  const labels = domain.split('.');
  if (labels.length < 2) return false;
  const allValid = labels.every((part) => part.length <= labelLengthMax && label.test(part));
  return allValid && !/^[0-9]+$/.test(labels[labels.length - 1] ?? '');
}

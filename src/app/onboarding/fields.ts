import {
  validateBankCard,
  validateEmail,
  validatePhone,
  validateResidentId,
  validateUSCC,
} from '../../domain/kyc/index.ts';
import { applicationTextLengthMax } from '../../lib/limits.ts';
import { AppError } from '../errors.ts';
import type { ApplicationFields, ApplicationKind, DocumentKind } from '../modules/kyc-ports.ts';
import { chinaDate, parseIsoDate } from './dates.ts';

type Check = 'text' | 'uscc' | 'residentId' | 'bankCard' | 'phone' | 'email' | 'date' | 'validTo' |
  'mcc';

interface FieldSpec {
  readonly name: string;
  readonly check: Check;
  readonly kinds: readonly ApplicationKind[];
  readonly lengthMax?: number;
}

const both = ['business', 'micro'] as const;
const business = ['business'] as const;

/** Every field, in the order they are checked (so one bad request always yields one code). */
export const fieldSpecs: readonly FieldSpec[] = [
  { name: 'legalName', check: 'text', kinds: business },
  { name: 'uscc', check: 'uscc', kinds: business },
  { name: 'licenceValidFrom', check: 'date', kinds: business },
  { name: 'licenceValidTo', check: 'validTo', kinds: business },
  { name: 'registeredAddress', check: 'text', kinds: business },
  { name: 'legalRepName', check: 'text', kinds: both, lengthMax: 50 },
  { name: 'legalRepIdNumber', check: 'residentId', kinds: both },
  { name: 'contactPhone', check: 'phone', kinds: both },
  { name: 'contactEmail', check: 'email', kinds: both },
  { name: 'settlementAccountHolder', check: 'text', kinds: both },
  { name: 'settlementCardNumber', check: 'bankCard', kinds: both },
  // The store name and city go into the EMV QR code, whose fields hold 25 and 15 characters.
  { name: 'storeName', check: 'text', kinds: both, lengthMax: 25 },
  { name: 'storeCity', check: 'text', kinds: both, lengthMax: 15 },
  { name: 'storeAddress', check: 'text', kinds: both },
  { name: 'mcc', check: 'mcc', kinds: both },
];

export const fieldNames = fieldSpecs.map((s) => s.name);

export const documentKinds = [
  'licence', 'id_front', 'id_back', 'storefront', 'counter', 'interior',
] as const satisfies readonly DocumentKind[];

/** A licence that does not end (长期). */
export const longTerm = 'long_term';

export function requiredFields(kind: ApplicationKind): string[] {
  return fieldSpecs.filter((s) => s.kinds.includes(kind)).map((s) => s.name);
}

export function requiredDocuments(kind: ApplicationKind): DocumentKind[] {
  return kind === 'business'
    ? ['licence', 'id_front', 'id_back', 'storefront']
    : ['id_front', 'id_back', 'storefront'];
}

function invalid(param: string, message: string): never {
  throw new AppError('application_field_invalid', message, { param });
}

/** Trims, folds runs of white space to one space, refuses control characters. */
function normalizeText(param: string, value: string, lengthMax: number): string {
  const text = value.normalize('NFC').trim().replace(/\s+/gu, ' ');
  if (/\p{Cc}/u.test(text)) invalid(param, `${param} contains control characters`);
  const length = [...text].length;
  if (length === 0 || length > lengthMax) invalid(param,
    `${param} is 1 to ${lengthMax} characters`);
  return text;
}

function kycValue<T extends { normalized: string }>(
  param: string,
  result: { ok: true; value: T } | { ok: false; code: string; message: string },
): string {
  if (!result.ok) throw new AppError(result.code, result.message, { param });
  return result.value.normalized;
}

function checkValue(spec: FieldSpec, raw: string, nowMs: number): string {
  const p = spec.name;
  switch (spec.check) {
    case 'text':
      return normalizeText(p, raw, spec.lengthMax ?? applicationTextLengthMax);
    case 'uscc':
      return kycValue(p, validateUSCC(raw));
    case 'residentId':
      return kycValue(p, validateResidentId(raw, chinaDate(nowMs)));
    case 'bankCard':
      return kycValue(p, validateBankCard(raw));
    case 'phone':
      return kycValue(p, validatePhone(raw));
    case 'email':
      return kycValue(p, validateEmail(raw));
    case 'mcc':
      if (!/^[0-9]{4}$/.test(raw.trim())) invalid(p, 'mcc is a 4-digit merchant category code');
      return raw.trim();
    case 'validTo':
      if (raw.trim() === longTerm) return longTerm;
      return checkDate(p, raw);
    case 'date':
      return checkDate(p, raw);
  }
}

function checkDate(param: string, raw: string): string {
  const text = raw.trim();
  if (!parseIsoDate(text)) invalid(param, `${param} is a date written YYYY-MM-DD`);
  return text;
}

/**
 * Validates and normalizes the fields a request sets (null clears one), in the fixed field order,
 * and returns the merged fields. Throws the first failure with `param` naming the field.
 */
export function applyFieldPatch(
  kind: ApplicationKind,
  current: ApplicationFields,
  patch: Readonly<Record<string, string | null>>,
  nowMs: number,
): ApplicationFields {
  const next: Record<string, string> = { ...current };
  for (const spec of fieldSpecs) {
    const raw = patch[spec.name];
    if (raw === undefined) continue;
    if (!spec.kinds.includes(kind)) {
      throw new AppError('application_field_not_applicable',
        `${kind} applications have no ${spec.name}`, {
        param: spec.name,
      });
    }
    if (raw === null) delete next[spec.name];
    else next[spec.name] = checkValue(spec, raw, nowMs);
  }
  checkLicenceDates(next);
  return next;
}

function checkLicenceDates(fields: ApplicationFields) {
  const from = fields['licenceValidFrom'];
  const to = fields['licenceValidTo'];
  if (from !== undefined && to !== undefined && to !== longTerm && to < from) {
    throw new AppError('application_licence_dates_invalid', 'the licence ends before it starts', {
      param: 'licenceValidTo',
    });
  }
}

/** 110105********002X: region and check character stay, birth date and sequence are hidden. */
export function maskIdNumber(value: string): string {
  return value.length === 18
    ? `${value.slice(0, 6)}********${value.slice(14)}` : '******************';
}

export function maskCardNumber(value: string): string {
  return `****${value.slice(-4)}`;
}

export function maskFields(fields: ApplicationFields): ApplicationFields {
  const masked: Record<string, string> = { ...fields };
  const id = fields['legalRepIdNumber'];
  const card = fields['settlementCardNumber'];
  if (id !== undefined) masked['legalRepIdNumber'] = maskIdNumber(id);
  if (card !== undefined) masked['settlementCardNumber'] = maskCardNumber(card);
  return masked;
}

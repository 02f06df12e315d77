import { type Result, fail, ok } from '../../lib/result.ts';
import { type KycErrorCode, kycInputLengthMax } from './errors.ts';
import { isDigits, normalizeInput, stripSeparators, upperAscii } from './normalize.ts';
import { type ProvinceRegion, provinceByCode } from './regions.ts';

/**
 * Unified Social Credit Code (统一社会信用代码), GB 32100-2015: 18 characters
 *   1      registration authority (登记管理部门)
 *   2      organisation type, valid for that authority (机构类别)
 *   3–8    administrative region of the registering office, GB/T 2260 (100000 = national)
 *   9–17   organisation code, GB 11714 (8 characters and its own check character)
 *   18     check character over characters 1–17, weights 3^i mod 31
 */
export const usccAlphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const usccLength = 18;
const usccWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

interface Authority {
  readonly zh: string;
  readonly en: string;
  /** Organisation type code → English name. */
  readonly types: Readonly<Record<string, string>>;
}

/** GB 32100-2015 table 1, with authorities A and N added by its amendments. */
const authorities: Readonly<Record<string, Authority>> = {
  '1': {
    zh: '机构编制',
    en: 'Institutional establishment',
    types: { '1': 'government body', '2': 'public institution', '3': 'mass organisation' },
  },
  '2': { zh: '外交', en: 'Foreign affairs', types: { '1': 'foreign news agency office' } },
  '3': {
    zh: '司法行政',
    en: 'Justice',
    types: {
      '1': 'law firm',
      '2': 'notary office',
      '3': 'grassroots legal service',
      '4': 'forensic institution',
      '5': 'arbitration commission',
    },
  },
  '4': { zh: '文化', en: 'Culture', types: { '1': 'foreign cultural centre' } },
  '5': {
    zh: '民政',
    en: 'Civil affairs',
    types: { '1': 'social organisation', '2': 'private non-enterprise unit', '3': 'foundation' },
  },
  '6': {
    zh: '旅游',
    en: 'Tourism',
    types: { '1': 'foreign tourism office', '2': 'Hong Kong, Macao or Taiwan tourism office' },
  },
  '7': { zh: '宗教', en: 'Religion', types: { '1': 'place of worship', '2': 'religious school' } },
  '8': { zh: '工会', en: 'Trade unions', types: { '1': 'grassroots trade union' } },
  '9': {
    zh: '工商',
    en: 'Market regulation',
    types: { '1': 'enterprise', '2': 'individual business', '3': 'farmers cooperative' },
  },
  A: {
    zh: '中央军委改革和编制办公室',
    en: 'Central Military Commission',
    types: { '1': 'military public institution' },
  },
  N: {
    zh: '农业',
    en: 'Agriculture',
    types: {
      '1': 'group collective economic organisation',
      '2': 'village collective economic organisation',
      '3': 'township collective economic organisation',
    },
  },
  Y: { zh: '其他', en: 'Other', types: { '1': 'other' } },
};

/** Authorities whose table lists "9 其他" (other) as an organisation type. */
const authoritiesWithOther = new Set(['1', '2', '3', '4', '5', '6', '7', '8', 'A', 'N']);

/** Region 10xxxx: bodies registered by a national authority (国家 100000). */
const nationalRegion: ProvinceRegion = { code: '10', zh: '国家', en: 'National' };

export interface USCCFacts {
  readonly normalized: string;
  readonly authorityCode: string;
  readonly authority: string;
  readonly organizationType: string;
  readonly regionCode: string;
  readonly province: ProvinceRegion;
  readonly organizationCode: string;
  /** GB 11714 check of characters 9–17: reported to reviewers, not enforced (decision 0003). */
  readonly organizationCodeCheckValid: boolean;
}

/** The check character for the first 17 characters, or undefined if one is not in the alphabet. */
export function usccCheckCharacter(body: string): string | undefined {
  if (body.length !== usccLength - 1) return undefined;
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const value = usccAlphabet.indexOf(body[i] ?? '');
    if (value < 0) return undefined;
    sum += value * (usccWeights[i] ?? 0);
  }
  return usccAlphabet[(31 - (sum % 31)) % 31];
}

const orgCodeWeights = [3, 7, 9, 10, 5, 8, 4, 2] as const;

/** GB 11714 check character of an 8-character organisation code body (A=10 … Z=35). */
export function organizationCodeCheckCharacter(body: string): string | undefined {
  if (!/^[0-9A-Z]{8}$/.test(body)) return undefined;
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    sum += Number.parseInt(body[i] ?? '', 36) * (orgCodeWeights[i] ?? 0);
  }
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

type USCCResult = Result<USCCFacts, KycErrorCode>;

export function validateUSCC(input: string): USCCResult {
  if (input.length > kycInputLengthMax) {
    return fail('uscc_length_invalid', 'a Unified Social Credit Code has 18 characters');
  }
  const code = stripSeparators(upperAscii(normalizeInput(input)), ' ');
  if (code === undefined) {
    return fail('uscc_character_invalid', 'spaces may only separate single groups of characters');
  }
  const badAt = [...code].findIndex((char) => !usccAlphabet.includes(char));
  if (badAt >= 0) {
    return fail(
      'uscc_character_invalid',
      'a Unified Social Credit Code uses only digits and the letters A–Y without I, O, S, V, Z',
      { position: badAt },
    );
  }
  if (code.length !== usccLength) {
    const message = `a Unified Social Credit Code has 18 characters, not ${code.length}`;
    return fail('uscc_length_invalid', message);
  }
  if (usccCheckCharacter(code.slice(0, 17)) !== code[17]) {
    return fail(
      'uscc_check_digit_mismatch',
      'the check character does not match: a character is probably mistyped',
    );
  }
  return checkUSCCFields(code);
}

function organizationTypeName(
  authorityCode: string,
  authority: Authority,
  typeCode: string,
): string | undefined {
  const listed = authority.types[typeCode];
  if (listed !== undefined) return listed;
  return typeCode === '9' && authoritiesWithOther.has(authorityCode) ? 'other' : undefined;
}

function checkUSCCFields(code: string): USCCResult {
  const authorityCode = code.slice(0, 1);
  const typeCode = code.slice(1, 2);
  const authority = authorities[authorityCode];
  if (!authority) {
    return fail('uscc_authority_unknown', `"${authorityCode}" is not a registration authority`);
  }
  const typeName = organizationTypeName(authorityCode, authority, typeCode);
  if (typeName === undefined) {
    return fail(
      'uscc_organization_type_invalid',
      `"${typeCode}" is not an organisation type of authority "${authorityCode}"`,
    );
  }
  const regionCode = code.slice(2, 8);
  if (!isDigits(regionCode)) {
    return fail('uscc_region_invalid', 'characters 3–8 must be a six-digit region code');
  }
  const provinceCode = regionCode.slice(0, 2);
  const province = provinceCode === '10' ? nationalRegion : provinceByCode(provinceCode);
  if (!province) {
    return fail('uscc_region_unknown', `"${provinceCode}" is not a province-level region code`);
  }
  const organizationCode = code.slice(8, 17);
  return ok({
    normalized: code,
    authorityCode,
    authority: authority.en,
    organizationType: typeName,
    regionCode,
    province,
    organizationCode,
    organizationCodeCheckValid:
      organizationCodeCheckCharacter(organizationCode.slice(0, 8)) === organizationCode[8],
  });
}

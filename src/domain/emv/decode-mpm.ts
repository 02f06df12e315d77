import { type Failure, type Result, fail, ok } from '../../lib/result.ts';
import { crc16ccittFalse } from './crc.ts';
import { type MPMDataObject, codePoints, parseDataObjects } from './data-objects.ts';
import type { EMVErrorCode, EMVWarning } from './errors.ts';
import { mpmPayloadLengthMax } from './limits.ts';
import {
  type ValueRule,
  isMerchantAccountID,
  isParsedTemplate,
  mandatoryTopLevel,
  templateMandatory,
  templateRule,
  topLevelRule,
} from './mpm-rules.ts';

export interface MPMDecoded {
  /** Top-level data objects in payload order, the CRC (63) last. */
  readonly objects: readonly MPMDataObject[];
  /** Rules a lenient decode let through; always empty for a strict decode. */
  readonly warnings: readonly EMVWarning[];
}

export interface DecodeOptions {
  /** Accept formatting problems (missing 52/59/60, over-long names…) as warnings. */
  readonly lenient?: boolean;
}

type EMVFailure = Failure<EMVErrorCode>;

/**
 * Decodes a merchant-presented payload. Structure, CRC, the format indicator and duplicate IDs
 * are always enforced; value formats, lengths and mandatory objects only in strict mode (the
 * default), else they become warnings. Never throws on any input.
 */
export function decodeMPM(
  payload: string,
  options: DecodeOptions = {},
): Result<MPMDecoded, EMVErrorCode> {
  const chars = checkCharacters(payload);
  if (!chars.ok) return chars;
  const problems: EMVWarning[] = [];
  const structure = parseStructure(chars.value, options.lenient === true, problems);
  if (!structure.ok) return structure;
  const objects = structure.value;
  const withChildren = objects.map((o) => checkObject(o, problems));
  checkConditionals(objects, problems);
  checkMandatory(objects, chars.value.length, problems);
  const first = problems[0];
  if (options.lenient !== true && first) {
    return fail(first.code, first.message, { position: first.position });
  }
  return ok({ objects: withChildren, warnings: options.lenient === true ? problems : [] });
}

function checkCharacters(payload: unknown): Result<string[], EMVErrorCode> {
  if (typeof payload !== 'string' || payload.length === 0) {
    return fail('emv_payload_invalid', 'the payload must be a non-empty string', { position: 0 });
  }
  // A code point takes at most two UTF-16 units: refuse huge input before splitting it.
  const chars = payload.length > 2 * mpmPayloadLengthMax ? [] : codePoints(payload);
  if (chars.length > mpmPayloadLengthMax || payload.length > 2 * mpmPayloadLengthMax) {
    const message = `the payload has more than ${mpmPayloadLengthMax} characters`;
    return fail('emv_payload_too_long', message, { position: mpmPayloadLengthMax });
  }
  const lone = chars.findIndex((c) => c.length === 1 && c >= '\uD800' && c <= '\uDFFF');
  if (lone >= 0) {
    return fail('emv_payload_invalid', 'the payload holds a lone UTF-16 surrogate', {
      position: lone,
    });
  }
  return ok(chars);
}

/**
 * Data objects, the CRC last and correct, 00 = "01" first, no duplicate IDs. A lenient decode
 * accepts a correct CRC written in lowercase hex, with a warning.
 */
function parseStructure(
  chars: readonly string[],
  lenient: boolean,
  problems: EMVWarning[],
): Result<MPMDataObject[], EMVErrorCode> {
  const parsed = parseDataObjects(chars, 0, chars.length);
  const crcIndex = parsed.objects.findIndex((o) => o.id === '63');
  if (crcIndex >= 0) {
    const crc = parsed.objects[crcIndex]!;
    const crcEnd = crc.position + 4 + codePoints(crc.value).length;
    if (crcEnd < chars.length) {
      return fail('emv_data_after_crc', 'nothing may follow the CRC (63)', { position: crcEnd });
    }
  }
  if (parsed.failure) return parsed.failure;
  const crcFailure = checkCRC(chars, parsed.objects);
  if (crcFailure && !(lenient && isLowercaseMatch(chars, parsed.objects, crcFailure))) {
    return crcFailure;
  }
  if (crcFailure) {
    const { code, message, position = 0 } = crcFailure;
    problems.push({ code, message, position });
  }
  const first = parsed.objects[0];
  if (first?.id !== '00' || first.value !== '01') {
    const message = 'a payload starts with the payload format indicator 000201';
    return fail('emv_format_indicator_invalid', message, { position: 0 });
  }
  const duplicate = findDuplicate(parsed.objects);
  if (duplicate) return duplicate;
  return ok(parsed.objects);
}

function checkCRC(chars: readonly string[], objects: readonly MPMDataObject[]): EMVFailure | null {
  const crc = objects[objects.length - 1];
  if (crc?.id !== '63') {
    return fail('emv_crc_missing', 'the payload must end with the CRC (63)', {
      position: chars.length,
    });
  }
  const valuePosition = crc.position + 4;
  if (!/^[0-9A-F]{4}$/.test(crc.value)) {
    const message = 'the CRC (63) must be 4 uppercase hexadecimal digits';
    return fail('emv_crc_invalid', message, { position: valuePosition });
  }
  const expected = crc16ccittFalse(chars.slice(0, valuePosition).join(''));
  if (expected !== crc.value) {
    const message = `CRC ${crc.value} does not match the payload (computed ${expected})`;
    return fail('emv_crc_mismatch', message, { position: valuePosition });
  }
  return null;
}

/** The CRC is valid hex of the right value, only not in uppercase. */
function isLowercaseMatch(
  chars: readonly string[],
  objects: readonly MPMDataObject[],
  failure: EMVFailure,
): boolean {
  const crc = objects[objects.length - 1];
  if (failure.code !== 'emv_crc_invalid' || !crc || !/^[0-9a-fA-F]{4}$/.test(crc.value)) {
    return false;
  }
  const body = chars.slice(0, crc.position + 4).join('');
  return crc16ccittFalse(body) === crc.value.toUpperCase();
}

function findDuplicate(objects: readonly MPMDataObject[]): EMVFailure | null {
  const seen = new Set<string>();
  for (const o of objects) {
    if (seen.has(o.id)) {
      return fail('emv_duplicate_id', `ID ${o.id} appears twice`, { position: o.position });
    }
    seen.add(o.id);
  }
  return null;
}

function problem(list: EMVWarning[], code: EMVErrorCode, message: string, position: number): void {
  list.push({ code, message, position });
}

/** Checks one top-level object's value; returns it with parsed children for templates. */
function checkObject(o: MPMDataObject, problems: EMVWarning[]): MPMDataObject {
  if (o.id === '00' || o.id === '63') return o;
  if (!isParsedTemplate(o.id)) {
    checkValue(o, topLevelRule(o.id), `ID ${o.id}`, problems);
    return o;
  }
  const children = parseTemplate(o, problems);
  return children ? { ...o, children } : o;
}

function checkValue(
  o: MPMDataObject,
  rule: ValueRule | undefined,
  label: string,
  problems: EMVWarning[],
): void {
  const at = o.position + 4;
  const length = codePoints(o.value).length;
  if (length === 0) return problem(problems, 'emv_value_empty', `${label} is empty`, o.position);
  if (!rule) return;
  const named = `${label} (${rule.name})`;
  if (rule.exact !== undefined && length !== rule.exact) {
    const message = `${named} must have ${rule.exact} characters, not ${length}`;
    return problem(problems, 'emv_value_invalid', message, at);
  }
  if (length > rule.max) {
    const message = `${named} has ${length} characters, at most ${rule.max}`;
    return problem(problems, 'emv_value_too_long', message, at);
  }
  if (rule.pattern && !rule.pattern.test(o.value)) {
    const message = `${named} must be ${rule.expected ?? 'well formed'}`;
    problem(problems, 'emv_value_invalid', message, at);
  }
}

/** Nested objects of a template, or undefined (kept raw) when they do not parse. */
function parseTemplate(o: MPMDataObject, problems: EMVWarning[]): MPMDataObject[] | undefined {
  const chars = codePoints(o.value);
  if (chars.length === 0) {
    problem(problems, 'emv_value_empty', `template ${o.id} is empty`, o.position);
    return undefined;
  }
  const base = o.position + 4;
  const parsed = parseDataObjects(chars, 0, chars.length);
  const children = parsed.objects.map((c) => ({ ...c, position: c.position + base }));
  if (parsed.failure) {
    const message = `template ${o.id}: ${parsed.failure.message}`;
    problem(problems, parsed.failure.code, message, (parsed.failure.position ?? 0) + base);
    return undefined;
  }
  const duplicate = findDuplicate(children);
  if (duplicate) {
    const message = `template ${o.id}: ${duplicate.message}`;
    problem(problems, duplicate.code, message, duplicate.position ?? base);
    return undefined;
  }
  for (const c of children) {
    checkValue(c, templateRule(o.id, c.id), `${o.id}.${c.id}`, problems);
  }
  for (const id of templateMandatory(o.id)) {
    if (!children.some((c) => c.id === id)) {
      const message = `template ${o.id} lacks its mandatory sub-ID ${id}`;
      problem(problems, 'emv_mandatory_missing', message, o.position);
    }
  }
  return children;
}

/** 55 = 02 needs 56, 55 = 03 needs 57, and 56/57 need the matching 55. */
function checkConditionals(objects: readonly MPMDataObject[], problems: EMVWarning[]): void {
  const indicator = objects.find((o) => o.id === '55');
  for (const [id, needs] of [['56', '02'], ['57', '03']] as const) {
    const present = objects.find((o) => o.id === id);
    if (indicator?.value === needs && !present) {
      const message = `tip indicator 55 = ${needs} requires ID ${id}`;
      problem(problems, 'emv_mandatory_missing', message, indicator.position);
    }
    if (present && indicator?.value !== needs) {
      const message = `ID ${id} is allowed only with tip indicator 55 = ${needs}`;
      problem(problems, 'emv_value_invalid', message, present.position);
    }
  }
}

function checkMandatory(
  objects: readonly MPMDataObject[],
  end: number,
  problems: EMVWarning[],
): void {
  if (!objects.some((o) => isMerchantAccountID(o.id))) {
    const message = 'at least one merchant account (IDs 02–51) is mandatory';
    problem(problems, 'emv_mandatory_missing', message, end);
  }
  for (const id of mandatoryTopLevel) {
    if (!objects.some((o) => o.id === id)) {
      problem(problems, 'emv_mandatory_missing', `ID ${id} is mandatory`, end);
    }
  }
}

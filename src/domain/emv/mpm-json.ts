import { type Result, fail, ok } from '../../lib/result.ts';
import type { DataObjectInput, MPMDataObject } from './data-objects.ts';
import type { MPMDecoded } from './decode-mpm.ts';
import type { MPMField } from './encode-mpm.ts';
import type { EMVErrorCode, EMVWarning } from './errors.ts';

/**
 * The CLI's JSON shape: top-level IDs → value strings, parsed templates → { sub-ID → value },
 * and, after a lenient decode with problems, "warnings".
 */
export type MPMJson = { [id: string]: string | Record<string, string> } & {
  warnings?: readonly EMVWarning[];
};

const entry = (o: MPMDataObject): string | Record<string, string> =>
  o.children ? Object.fromEntries(o.children.map((c) => [c.id, c.value])) : o.value;

export function mpmToJson(decoded: MPMDecoded): MPMJson {
  const json: MPMJson = Object.fromEntries(decoded.objects.map((o) => [o.id, entry(o)]));
  if (decoded.warnings.length > 0) json.warnings = decoded.warnings;
  return json;
}

/**
 * The same JSON as text with keys in payload order. JSON.stringify would put "10"…"99" before
 * "00"–"09" (integer-like keys come first in JavaScript objects).
 */
export function mpmJsonText(decoded: MPMDecoded): string {
  const parts = decoded.objects.map((o) => {
    const value = o.children
      ? `{${o.children.map((c) => `${JSON.stringify(c.id)}:${JSON.stringify(c.value)}`).join(',')}}`
      : JSON.stringify(o.value);
    return `${JSON.stringify(o.id)}:${value}`;
  });
  if (decoded.warnings.length > 0) parts.push(`"warnings":${JSON.stringify(decoded.warnings)}`);
  return `{${parts.join(',')}}`;
}

const byID = (a: { id: string }, b: { id: string }): number => Number(a.id) - Number(b.id);
const isID = (key: string): boolean => /^\d\d$/.test(key);

/**
 * Fields for encodeMPM from the CLI's JSON, in ascending ID order (00 first). "63" and
 * "warnings" are ignored: the encoder computes the CRC.
 */
export function mpmFromJson(json: unknown): Result<MPMField[], EMVErrorCode> {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return fail('emv_payload_invalid', 'expected a JSON object of ID → value');
  }
  const fields: MPMField[] = [];
  for (const [id, value] of Object.entries(json)) {
    if (id === '63' || id === 'warnings') continue;
    if (!isID(id)) return fail('emv_id_invalid', `"${id}" is not a two-digit ID`, { param: id });
    const field = fieldFromJson(id, value);
    if (!field.ok) return field;
    fields.push(field.value);
  }
  return ok(fields.sort(byID));
}

function fieldFromJson(id: string, value: unknown): Result<MPMField, EMVErrorCode> {
  if (typeof value === 'string') return ok({ id, value });
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail('emv_value_invalid', `ID ${id} must be a string or an object`, { param: id });
  }
  const children: DataObjectInput[] = [];
  for (const [subID, subValue] of Object.entries(value)) {
    if (!isID(subID) || typeof subValue !== 'string') {
      const message = `template ${id} maps two-digit sub-IDs to strings`;
      return fail(isID(subID) ? 'emv_value_invalid' : 'emv_id_invalid', message, {
        param: `${id}.${subID}`,
      });
    }
    children.push({ id: subID, value: subValue });
  }
  return ok({ id, children: children.sort(byID) });
}

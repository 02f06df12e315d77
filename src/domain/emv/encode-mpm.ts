import { type Result, fail } from '../../lib/result.ts';
import { crc16ccittFalse } from './crc.ts';
import { type DataObjectInput, serializeDataObjects } from './data-objects.ts';
import { type DecodeOptions, decodeMPM } from './decode-mpm.ts';
import type { EMVErrorCode } from './errors.ts';

/** A field to encode: a primitive value, or a template given as its sub-fields. */
export type MPMField =
  | { readonly id: string; readonly value: string }
  | { readonly id: string; readonly children: readonly DataObjectInput[] };

/**
 * Encodes fields in the given order, appends 6304 and the CRC, and returns the payload only if
 * it decodes under the same rules (strict unless `lenient`), so encode never emits a payload
 * that decode would reject. The CRC (63) is computed here and must not be among the fields.
 */
export function encodeMPM(
  fields: readonly MPMField[],
  options: DecodeOptions = {},
): Result<string, EMVErrorCode> {
  const flat: DataObjectInput[] = [];
  for (const field of fields) {
    if (field.id === '63') {
      return fail('emv_crc_invalid', 'the CRC (63) is computed by the encoder, not given');
    }
    if (!('children' in field)) {
      flat.push(field);
      continue;
    }
    const inner = serializeDataObjects(field.children);
    if ('badIndex' in inner) {
      return badField(inner.code, `${field.id}.${field.children[inner.badIndex]?.id}`);
    }
    flat.push({ id: field.id, value: inner.text });
  }
  const outer = serializeDataObjects(flat);
  if ('badIndex' in outer) return badField(outer.code, flat[outer.badIndex]?.id ?? '');
  const body = `${outer.text}6304`;
  const payload = body + crc16ccittFalse(body);
  const decoded = decodeMPM(payload, options);
  return decoded.ok ? { ok: true, value: payload } : decoded;
}

function badField(code: EMVErrorCode, label: string): Result<never, EMVErrorCode> {
  const message = `field ${label}: IDs are two digits and values at most 99 characters`;
  return fail(code, message, { param: label });
}

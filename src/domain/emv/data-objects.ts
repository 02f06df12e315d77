import { type Failure, fail } from '../../lib/result.ts';
import type { EMVErrorCode } from './errors.ts';
import { dataObjectLengthMax } from './limits.ts';

/** One ID–length–value data object; `position` is the code point index of its ID. */
export interface MPMDataObject {
  readonly id: string;
  readonly value: string;
  readonly position: number;
  /** Nested data objects of templates 26–51, 62 and 64 (absent when kept raw). */
  readonly children?: readonly MPMDataObject[];
}

export interface ParsedDataObjects {
  readonly objects: MPMDataObject[];
  /** Set when parsing stopped early; `objects` then holds what came before. */
  readonly failure: Failure<EMVErrorCode> | null;
}

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

/**
 * Splits code points [start, end) into data objects. Lengths count code points, as the spec's
 * own example with Chinese text in template 64 requires.
 */
export function parseDataObjects(
  chars: readonly string[],
  start: number,
  end: number,
): ParsedDataObjects {
  const objects: MPMDataObject[] = [];
  let at = start;
  while (at < end) {
    const failure = headerFailure(chars, at, end);
    if (failure) return { objects, failure };
    const length = Number(chars[at + 2]! + chars[at + 3]!);
    const value = chars.slice(at + 4, at + 4 + length).join('');
    objects.push({ id: chars[at]! + chars[at + 1]!, value, position: at });
    at += 4 + length;
  }
  return { objects, failure: null };
}

function headerFailure(
  chars: readonly string[],
  at: number,
  end: number,
): Failure<EMVErrorCode> | null {
  if (!isDigit(chars[at]) || at + 1 >= end || !isDigit(chars[at + 1])) {
    return fail('emv_id_invalid', 'a data object ID must be two digits', { position: at });
  }
  if (at + 3 >= end || !isDigit(chars[at + 2]) || !isDigit(chars[at + 3])) {
    return fail('emv_length_invalid', 'a data object length must be two digits', {
      position: at + 2,
    });
  }
  const length = Number(chars[at + 2]! + chars[at + 3]!);
  if (at + 4 + length > end) {
    return fail('emv_length_invalid', `length ${length} runs past the end of its container`, {
      position: at + 2,
    });
  }
  return null;
}

/** Code points of `text`; lengths and positions count these, not UTF-16 units or bytes. */
export function codePoints(text: string): string[] {
  return Array.from(text);
}

export interface DataObjectInput {
  readonly id: string;
  readonly value: string;
}

/**
 * ID + two-digit length + value for each object. Reports the index of the first object whose ID is
 * not two digits or whose value is longer than 99 characters.
 */
export function serializeDataObjects(
  objects: readonly DataObjectInput[],
): { text: string } | { badIndex: number; code: 'emv_id_invalid' | 'emv_length_invalid' } {
  let text = '';
  for (const [index, o] of objects.entries()) {
    const length = codePoints(o.value).length;
    if (!/^\d\d$/.test(o.id)) return { badIndex: index, code: 'emv_id_invalid' };
    if (length > dataObjectLengthMax) return { badIndex: index, code: 'emv_length_invalid' };
    text += o.id + String(length).padStart(2, '0') + o.value;
  }
  return { text };
}

import { type DataObjectInput, serializeDataObjects } from '../emv/index.ts';
import { assert } from '../../lib/assert.ts';

/**
 * Where qrpay's facts sit inside an EMV payload (see docs/decisions/0002):
 *   26 {00 guid, 01 merchant id, 02 key id, 03 expiry (Unix seconds, dynamic codes)}
 *   27 {00 guid, 08 signature part 1}   28 {00 guid, 09 signature part 2}
 *   54 amount, 53 currency, 62.05 order token (reference label), 59/60/64 names.
 * The signature covers every other data object as encoded, so no field can be swapped.
 */
export const dataTemplateId = '26';
export const signatureTemplateIds = ['27', '28'] as const;
export const sub = {
  guid: '00',
  merchantId: '01',
  keyId: '02',
  expiresAtS: '03',
  signaturePart1: '08',
  signaturePart2: '09',
  orderToken: '05',
} as const;

/** 64 bytes are 86 base64url characters: two halves of 43, so each template stays ≤ 99. */
export const signatureHalfChars = 43;

export const merchantIdPattern = /^mer_[0-9A-HJKMNP-TV-Z]{26}$/;
export const orderTokenPattern = /^[A-Za-z0-9_-]{1,24}$/;
export const keyIdPattern = /^[A-Za-z0-9_-]{1,8}$/;
export const guidPattern = /^[\x21-\x7e]{1,32}$/;

const domain = 'qrpay-qr-v1';
const encoder = new TextEncoder();

/**
 * The signed message: a domain tag, the guid, then each signed data object as it is encoded in
 * the payload (ID, length, value; templates with their sub-objects), in payload order.
 */
export function signedMessage(guid: string, encodedObjects: readonly string[]): Uint8Array {
  return encoder.encode(`${domain}\n${guid}\n${encodedObjects.join('')}`);
}

/** One data object as the payload carries it: ID, two-digit length, value. */
export function encodeDataObject(id: string, value: string): string {
  return encodeDataObjects([{ id, value }]);
}

export function encodeDataObjects(objects: readonly DataObjectInput[]): string {
  const encoded = serializeDataObjects(objects);
  assert('text' in encoded, 'qrpay encodes only two-digit IDs and values of at most 99');
  return encoded.text;
}

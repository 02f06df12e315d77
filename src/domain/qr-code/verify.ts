import { type Result, fail, ok } from '../../lib/result.ts';
import {
  type EMVErrorCode,
  type MPMDataObject,
  type MPMDecoded,
  base64urlDecode,
  base64urlEncode,
  decodeMPM,
  recognizeScheme,
} from '../emv/index.ts';
import { parseDecimal } from '../money/amount.ts';
import { currencyByNumeric } from '../money/currency.ts';
import {
  dataTemplateId,
  encodeDataObject,
  signatureTemplateIds,
  merchantIdPattern,
  orderTokenPattern,
  signedMessage,
  sub,
} from './layout.ts';
import {
  type Ed25519Verify,
  type QRCodeErrorCode,
  type QRPublicKey,
  type VerifiedQRCode,
  defaultQRCodeGuid,
} from './types.ts';

type Code = QRCodeErrorCode | EMVErrorCode;
const [firstId, secondId] = signatureTemplateIds;
type Parts = { data: MPMDataObject; signatureText: string; signed: string[]; keyId: string };

/**
 * Checks, in this order: the payload is EMV (emv_* codes); it is a qrpay code of this guid
 * (qr_code_not_qrpay, naming the scheme when known); its key is listed and valid now
 * (qr_code_key_unknown); the signature (qr_code_signature_invalid); the key was valid when the
 * code was signed (qr_code_key_unknown); the expiry (qr_code_expired).
 */
export function verifyQRCode(
  payload: string,
  keys: readonly QRPublicKey[],
  nowMs: number,
  verify: Ed25519Verify,
  options: { guid?: string } = {},
): Result<VerifiedQRCode, Code> {
  const guid = options.guid ?? defaultQRCodeGuid;
  const decoded = decodeMPM(payload, { lenient: true });
  if (!decoded.ok) return decoded;
  const parts = findParts(decoded.value, guid);
  if (!parts.ok) return parts;
  const { data, signatureText, signed, keyId } = parts.value;
  const key = keys.find((k) => k.keyId === keyId);
  if (!key) return fail('qr_code_key_unknown', `no published key has id ${keyId}`);
  if (nowMs < key.notBeforeMs || (key.notAfterMs !== null && nowMs >= key.notAfterMs)) {
    return fail('qr_code_key_unknown', `key ${keyId} is outside its validity window`);
  }
  const signature = canonicalSignature(signatureText);
  const message = signedMessage(guid, signed);
  if (!signature || !verify(key.publicKey, message, signature)) {
    const message = 'the signature does not match the code: forged or altered';
    return fail('qr_code_signature_invalid', message);
  }
  const facts = readFacts(decoded.value, data, keyId);
  if (!facts.ok) return facts;
  const expiresAtMs = facts.value.expiresAtMs;
  if (expiresAtMs !== null && expiresAtMs <= key.notBeforeMs) {
    return fail('qr_code_key_unknown', `key ${keyId} was not yet valid when this code was signed`);
  }
  if (expiresAtMs !== null && nowMs >= expiresAtMs) {
    return fail('qr_code_expired', `the code expired at ${new Date(expiresAtMs).toISOString()}`);
  }
  return facts;
}

/** 64 bytes in their one base64url spelling: no code has two valid encodings. */
function canonicalSignature(text: string): Uint8Array | null {
  const bytes = base64urlDecode(text);
  if (!bytes || bytes.length !== 64 || base64urlEncode(bytes) !== text) return null;
  return bytes;
}

function findParts(decoded: MPMDecoded, guid: string): Result<Parts, Code> {
  const ours = decoded.objects.filter((o) => {
    const n = Number(o.id);
    return n >= 26 && n <= 51 && o.children?.find((c) => c.id === sub.guid)?.value === guid;
  });
  if (ours.length === 0) {
    const scheme = recognizeScheme(decoded);
    const what = scheme ? `a ${scheme} code` : 'an EMV code of another scheme';
    return fail('qr_code_not_qrpay', `${what}, not a qrpay code`);
  }
  const child = (o: MPMDataObject, id: string) => o.children?.find((c) => c.id === id)?.value;
  const data = ours.find((o) => child(o, sub.merchantId) !== undefined);
  const first = ours.find((o) => child(o, sub.signaturePart1) !== undefined);
  const second = ours.find((o) => child(o, sub.signaturePart2) !== undefined);
  const keyId = data ? child(data, sub.keyId) : undefined;
  const placed = data?.id === dataTemplateId && first?.id === firstId && second?.id === secondId;
  if (!data || !first || !second || keyId === undefined || ours.length !== 3 || !placed) {
    return fail('qr_code_signature_invalid', 'the code claims to be qrpay but is not signed');
  }
  const signatureText = `${child(first, sub.signaturePart1)}${child(second, sub.signaturePart2)}`;
  const signed = decoded.objects
    .filter((o) => o !== first && o !== second && o.id !== '63')
    .map((o) => encodeDataObject(o.id, o.value));
  return ok({ data, signatureText, signed, keyId });
}

/** The signature held; these checks only refuse codes qrpay would never have signed. */
function readFacts(
  decoded: MPMDecoded,
  data: MPMDataObject,
  keyId: string,
): Result<VerifiedQRCode, Code> {
  const value = (id: string, subId?: string) => {
    const object = decoded.objects.find((o) => o.id === id);
    if (subId === undefined) return object?.value;
    return object?.children?.find((c) => c.id === subId)?.value;
  };
  const broken = (why: string) => fail('qr_code_signature_invalid' as const, `signed but ${why}`);
  const merchantId = data.children?.find((c) => c.id === sub.merchantId)?.value ?? '';
  const currency = currencyByNumeric(value('53') ?? '');
  if (!merchantIdPattern.test(merchantId)) return broken('the merchant id is malformed');
  if (!currency) return broken('the currency is unknown');
  const merchantName = value('64', '01') ?? value('59') ?? '';
  const base = { merchantId, currency: currency.code, keyId, merchantName };
  const kind = value('01');
  if (kind === '11') {
    return ok({ kind: 'static', ...base, amountMinor: null, orderToken: null, expiresAtMs: null });
  }
  if (kind !== '12') return broken('the point of initiation is missing');
  const amount = parseDecimal(value('54') ?? '', currency);
  const orderToken = value('62', sub.orderToken) ?? '';
  const expiresAtS = data.children?.find((c) => c.id === sub.expiresAtS)?.value ?? '';
  if (!amount.ok) return broken('the amount is malformed');
  if (!orderTokenPattern.test(orderToken)) return broken('the order token is malformed');
  if (!/^\d{1,12}$/.test(expiresAtS)) return broken('the expiry is malformed');
  const expiresAtMs = Number(expiresAtS) * 1000;
  return ok({ kind: 'dynamic', ...base, amountMinor: amount.value, orderToken, expiresAtMs });
}

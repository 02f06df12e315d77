import { assert } from '../../lib/assert.ts';
import { type DataObjectInput, type MPMField, base64urlEncode, encodeMPM } from '../emv/index.ts';
import { formatDecimal, isValidAmountMinor } from '../money/amount.ts';
import type { Currency } from '../money/currency.ts';
import {
  dataTemplateId,
  encodeDataObject,
  encodeDataObjects,
  guidPattern,
  keyIdPattern,
  merchantIdPattern,
  orderTokenPattern,
  signatureHalfChars,
  signatureTemplateIds,
  signedMessage,
  sub,
} from './layout.ts';
import { merchantNames } from './names.ts';
import type { QRMerchant, QRSigner } from './types.ts';

export interface DynamicQRCodeInput {
  guid: string;
  merchant: QRMerchant;
  amountMinor: number;
  currency: Currency;
  orderToken: string;
  expiresAtMs: number;
}

export interface StaticQRCodeInput {
  guid: string;
  merchant: QRMerchant;
  currency: Currency;
}

/** A dynamic code for one order: amount, currency, order token and expiry, all signed. */
export function buildDynamicQRCode(input: DynamicQRCodeInput, signer: QRSigner): string {
  assert(isValidAmountMinor(input.amountMinor), 'amountMinor is a positive safe integer');
  assert(orderTokenPattern.test(input.orderToken), 'order tokens are 1–24 URL-safe characters');
  assert(Number.isSafeInteger(input.expiresAtMs) && input.expiresAtMs > 0, 'expiresAtMs');
  const expiresAtS = String(Math.floor(input.expiresAtMs / 1000));
  return buildQRCode(input.guid, input.merchant, input.currency, signer, {
    amount: formatDecimal(input.amountMinor, input.currency),
    orderToken: input.orderToken,
    expiresAtS,
  });
}

/** A printed sticker: the consumer types the amount. Signed the same way, without expiry. */
export function buildStaticQRCode(input: StaticQRCodeInput, signer: QRSigner): string {
  return buildQRCode(input.guid, input.merchant, input.currency, signer, null);
}

type Order = { amount: string; orderToken: string; expiresAtS: string };

function buildQRCode(
  guid: string,
  merchant: QRMerchant,
  currency: Currency,
  signer: QRSigner,
  order: Order | null,
): string {
  checkInvariants(guid, merchant, signer);
  const fields = unsignedFields(guid, merchant, currency, signer.keyId, order);
  const encoded = fields.map((f) => encodeDataObject(f.id, fieldText(f)));
  const signature = signer.sign(signedMessage(guid, encoded));
  assert(signature.length === 64, 'an Ed25519 signature has 64 bytes');
  const text = base64urlEncode(signature);
  const [first, second] = signatureTemplateIds;
  const half = (id: string, subId: string, part: string): MPMField => ({
    id,
    children: [g(guid), { id: subId, value: part }],
  });
  const signatureFields: MPMField[] = [
    half(first, sub.signaturePart1, text.slice(0, signatureHalfChars)),
    half(second, sub.signaturePart2, text.slice(signatureHalfChars)),
  ];
  const at = fields.findIndex((f) => f.id === dataTemplateId) + 1;
  const payload = encodeMPM([...fields.slice(0, at), ...signatureFields, ...fields.slice(at)]);
  assert(payload.ok, `a qrpay code encodes: ${payload.ok ? '' : payload.message}`);
  return payload.value;
}

function checkInvariants(guid: string, merchant: QRMerchant, signer: QRSigner): void {
  assert(guidPattern.test(guid), 'the guid is 1–32 printable ASCII characters without spaces');
  assert(merchantIdPattern.test(merchant.id), 'merchant ids are mer_ + 26 Crockford base32');
  assert(keyIdPattern.test(signer.keyId), 'key ids are 1–8 base64url characters');
  assert(/^\d{4}$/.test(merchant.mcc), 'an MCC has 4 digits');
  assert(/^[A-Z]{2}$/.test(merchant.countryCode), 'country codes are ISO 3166 alpha-2');
}

const g = (guid: string): DataObjectInput => ({ id: sub.guid, value: guid });

function unsignedFields(
  guid: string,
  merchant: QRMerchant,
  currency: Currency,
  keyId: string,
  order: Order | null,
): MPMField[] {
  const names = merchantNames(merchant.name, merchant.city, merchant.nameLocal);
  const account: DataObjectInput[] = [
    g(guid),
    { id: sub.merchantId, value: merchant.id },
    { id: sub.keyId, value: keyId },
  ];
  if (order) account.push({ id: sub.expiresAtS, value: order.expiresAtS });
  const fields: MPMField[] = [
    { id: '00', value: '01' },
    { id: '01', value: order ? '12' : '11' },
    { id: dataTemplateId, children: account },
    { id: '52', value: merchant.mcc },
    { id: '53', value: currency.numeric },
  ];
  if (order) fields.push({ id: '54', value: order.amount });
  fields.push({ id: '58', value: merchant.countryCode });
  fields.push({ id: '59', value: names.name }, { id: '60', value: names.city });
  if (order) fields.push({ id: '62', children: [{ id: sub.orderToken, value: order.orderToken }] });
  if (names.local) fields.push({ id: '64', children: languageTemplate(names.local) });
  return fields;
}

function languageTemplate(local: {
  language: string;
  name: string;
  city?: string;
}): DataObjectInput[] {
  const out: DataObjectInput[] = [
    { id: '00', value: local.language },
    { id: '01', value: local.name },
  ];
  if (local.city !== undefined) out.push({ id: '02', value: local.city });
  return out;
}

function fieldText(field: MPMField): string {
  return 'children' in field ? encodeDataObjects(field.children) : field.value;
}

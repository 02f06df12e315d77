/**
 * qrpay's signed QR codes: standard EMV merchant-presented payloads that carry their own
 * Ed25519 signature, so a wallet tells a genuine code from a forged sticker offline.
 */
export {
  type QRSigner,
  type QRPublicKey,
  type Ed25519Verify,
  type QRMerchant,
  type VerifiedQRCode,
  type QRCodeErrorCode,
  qrCodeErrorCodes,
  defaultQRCodeGuid,
} from './types.ts';
export {
  buildDynamicQRCode,
  buildStaticQRCode,
  type DynamicQRCodeInput,
  type StaticQRCodeInput,
} from './build.ts';
export { verifyQRCode } from './verify.ts';
export {
  keysDocument,
  parseKeysDocument,
  keysDocumentErrorCodes,
  type KeysDocumentErrorCode,
  type QRKeysDocument,
} from './keys.ts';

export interface QRSigner {
  keyId: string;
  sign(message: Uint8Array): Uint8Array;
}

export interface QRPublicKey {
  keyId: string;
  /** Raw 32-byte Ed25519 public key. */
  publicKey: Uint8Array;
  notBeforeMs: number;
  notAfterMs: number | null;
}

export type Ed25519Verify = (
  publicKey: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
) => boolean;

export interface QRMerchant {
  id: string;
  name: string;
  city: string;
  mcc: string;
  countryCode: string;
  nameLocal?: string;
}

export type VerifiedQRCode = {
  kind: 'dynamic' | 'static';
  merchantId: string;
  amountMinor: number | null;
  currency: string;
  orderToken: string | null;
  expiresAtMs: number | null;
  keyId: string;
  merchantName: string;
};

export const qrCodeErrorCodes = [
  'qr_code_signature_invalid',
  'qr_code_expired',
  'qr_code_key_unknown',
  'qr_code_not_qrpay',
] as const;

export type QRCodeErrorCode = (typeof qrCodeErrorCodes)[number];

/** The deployment's globally unique identifier in template 26 unless configured otherwise. */
export const defaultQRCodeGuid = 'io.qrpay';

import {
  buildDynamicQRCode,
  buildStaticQRCode,
  keysDocument,
  verifyQRCode,
  type Ed25519Verify,
  type QRPublicKey,
  type QRSigner,
} from '../domain/qr-code/index.ts';
import type { QRCodes } from './deps.ts';

/**
 * qrpay's signed codes, bound to this deployment's keys: new codes are signed with the newest
 * key; every key still inside its validity window verifies the codes it signed.
 */
export function createQRCodes(options: {
  guid: string;
  signer: QRSigner;
  publicKeys: readonly QRPublicKey[];
  verify: Ed25519Verify;
}): QRCodes {
  const { guid, signer, publicKeys, verify } = options;
  const document = keysDocument(publicKeys);
  return {
    signDynamic: (input) => buildDynamicQRCode({ guid, ...input }, signer),
    signStatic: (input) => buildStaticQRCode({ guid, ...input }, signer),
    verify: (payload, nowMs) => {
      const result = verifyQRCode(payload, publicKeys, nowMs, verify, { guid });
      if (result.ok) return { ok: true, value: result.value };
      return {
        ok: false,
        code: result.code,
        message: result.message,
        ...(result.position === undefined ? {} : { position: result.position }),
      };
    },
    keysDocument: () => document,
  };
}

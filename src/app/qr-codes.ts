import {
  buildStaticQRCode,
  keysDocument,
  prepareDynamicQRCode,
  verifyQRCode,
  type QRPublicKey,
  type QRSigner,
} from '../domain/qr-code/index.ts';
import type { QRCodes, QRVerification } from './deps.ts';

/** A signer that can also sign off the event loop (on the thread pool). */
export interface ServerQRSigner extends QRSigner {
  signAsync(message: Uint8Array): Promise<Uint8Array>;
}

export type AsyncEd25519Verify = (
  publicKey: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
) => Promise<boolean>;

/**
 * qrpay's signed codes, bound to this deployment's keys: new codes are signed with the newest
 * key; every key still inside its validity window verifies the codes it signed. The Ed25519 work
 * of the payment path (a signature per order, a verification per scan) runs on the thread pool.
 */
export function createQRCodes(options: {
  guid: string;
  signer: ServerQRSigner;
  publicKeys: readonly QRPublicKey[];
  verifyAsync: AsyncEd25519Verify;
}): QRCodes {
  const { guid, signer, publicKeys, verifyAsync } = options;
  const document = keysDocument(publicKeys);
  return {
    signDynamic: async (input) => {
      const unsigned = prepareDynamicQRCode({ guid, ...input }, signer.keyId);
      return unsigned.finish(await signer.signAsync(unsigned.message));
    },
    signStatic: (input) => buildStaticQRCode({ guid, ...input }, signer),
    verify: async (payload, nowMs) => {
      // The domain checks everything in its order, with the signature taken as valid here and
      // checked right after on the thread pool: a bad signature then outranks any later finding
      // (such as expiry), exactly as if it had been checked in place.
      let signed: [Uint8Array, Uint8Array, Uint8Array] | null = null;
      const result = verifyQRCode(payload, publicKeys, nowMs, (key, message, signature) => {
        signed = [key, message, signature];
        return true;
      }, { guid });
      if (signed !== null && !(await verifyAsync(...(signed as [Uint8Array, Uint8Array, Uint8Array])))) {
        return {
          ok: false,
          code: 'qr_code_signature_invalid',
          message: 'the signature does not match the code: forged or altered',
        };
      }
      if (result.ok) return { ok: true, value: result.value };
      const failed: QRVerification = {
        ok: false,
        code: result.code,
        message: result.message,
        ...(result.position === undefined ? {} : { position: result.position }),
      };
      return failed;
    },
    keysDocument: () => document,
  };
}

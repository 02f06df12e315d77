import { createHmac, randomBytes } from 'node:crypto';
import { assert } from './assert.ts';
import { safeEqual } from './crypto.ts';

export interface Pepper {
  readonly keyId: string;
  readonly key: Buffer; // 32 random bytes, held by the server, never in the database
}

/**
 * Payment passwords are six digits, so a slow hash would not save a leaked table (10^6 guesses)
 * and would cost ~18 ms per payment. The protection is a server-held pepper: the stored value is
 * HMAC-SHA256(pepper, walletId ‖ salt ‖ password), useless without the pepper. Peppers carry a
 * key id so they can rotate: new passwords use the newest, old ones verify with theirs.
 */
export function createPaymentPasswords(peppers: readonly Pepper[]) {
  assert(peppers.length > 0, 'at least one pepper');
  const byId = new Map(peppers.map((p) => [p.keyId, p]));
  const current = peppers[peppers.length - 1]!;
  const digest = (pepper: Pepper, walletId: string, salt: string, password: string) =>
    createHmac('sha256', pepper.key).update(`${walletId}\0${salt}\0${password}`, 'utf8').digest('hex');
  return {
    make(walletId: string, password: string) {
      const salt = randomBytes(16).toString('base64url');
      return { salt, hash: digest(current, walletId, salt, password), keyId: current.keyId };
    },
    matches(walletId: string, password: string, stored: { salt: string; hash: string; keyId: string }) {
      const pepper = byId.get(stored.keyId);
      if (!pepper) return false;
      return safeEqual(digest(pepper, walletId, stored.salt, password), stored.hash);
    },
  };
}

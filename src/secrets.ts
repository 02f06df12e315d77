import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { sha256Hex } from './lib/crypto.ts';
import type { Pepper } from './lib/payment-passwords.ts';

/**
 * Server-held secrets: the payment-password pepper, the QR signing keys and the operator key's
 * hash. They live in a file beside (not inside) the database, readable only by the owner, so a
 * leaked database alone verifies no password and forges no code. Several nodes share the file
 * (or the environment variables). Nothing here is ever logged.
 */
export interface SigningKeyRecord {
  keyId: string;
  privateKeyPem: string;
  publicKeyBase64url: string;
  notBeforeMs: number;
  notAfterMs: number | null;
}

export interface SecretsFile {
  version: 1;
  peppers: { keyId: string; key: string }[];
  qrSigningKeys: SigningKeyRecord[];
  adminKeyHash: string;
}

export interface LoadedSecrets {
  file: SecretsFile;
  peppers: Pepper[];
  /** Set only when the operator key was generated in this run: print it once, then forget it. */
  newAdminKey: string | null;
}

export function loadSecrets(
  path: string,
  makeSigningKey: (nowMs: number) => SigningKeyRecord,
  env: NodeJS.ProcessEnv = process.env,
): LoadedSecrets {
  let file: SecretsFile | null = null;
  let newAdminKey: string | null = null;
  if (existsSync(path)) file = JSON.parse(readFileSync(path, 'utf8')) as SecretsFile;
  if (file === null) {
    const adminKey = env['QRPAY_ADMIN_KEY'] ?? `qrp_admin_${randomBytes(24).toString('base64url')}`;
    if (env['QRPAY_ADMIN_KEY'] === undefined) newAdminKey = adminKey;
    file = {
      version: 1,
      peppers: [{ keyId: 'p1', key: randomBytes(32).toString('base64') }],
      qrSigningKeys: [makeSigningKey(Date.now())],
      adminKeyHash: sha256Hex(adminKey),
    };
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
    chmodSync(path, 0o600);
  }
  const adminFromEnv = env['QRPAY_ADMIN_KEY'];
  if (adminFromEnv !== undefined) file = { ...file, adminKeyHash: sha256Hex(adminFromEnv) };
  const peppers = file.peppers.map((p) => ({ keyId: p.keyId, key: Buffer.from(p.key, 'base64') }));
  return { file, peppers, newAdminKey };
}

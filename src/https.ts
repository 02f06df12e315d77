/**
 * A self-signed certificate for `qrpay serve --https`. Phone browsers open the camera only on
 * secure pages, and a phone reaches this machine by its LAN address, which is not "localhost";
 * so the server needs TLS, and a certificate the phone can be told to trust once.
 *
 * It is created on the first --https run under <data>/tls/ and reused, so the phone trusts it
 * only once. It is made again only when it nears its end or when this machine has a LAN address
 * the certificate does not name (a new network), because the phone would refuse it anyway.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { X509Certificate } from 'node:crypto';
import { generate } from 'selfsigned';

export interface TlsFiles {
  key: string;
  cert: string;
  certPath: string;
  /** SHA-256 fingerprint, shown so a person can compare it on the phone. */
  fingerprint: string;
  /** Names and addresses the certificate covers. */
  names: string[];
  created: boolean;
}

/** iOS refuses trusted server certificates valid for longer than 398 days. */
const validityDays = 397;
/** Renew this long before the end. */
const renewBeforeMs = 14 * 24 * 3600_000;

/** The LAN IPv4 addresses of this machine (what a phone on the same network would use). */
export function lanAddresses(): string[] {
  const out: string[] = [];
  for (const list of Object.values(networkInterfaces())) {
    for (const entry of list ?? []) {
      if (entry.family === 'IPv4' && !entry.internal) out.push(entry.address);
    }
  }
  return out;
}

function wantedNames(extraHosts: readonly string[]): string[] {
  const names = new Set(['localhost', '127.0.0.1', hostname(), ...lanAddresses(), ...extraHosts]);
  return [...names].filter((n) => n !== '' && n !== '0.0.0.0');
}

const isIp = (name: string) => /^\d{1,3}(\.\d{1,3}){3}$/.test(name) || name.includes(':');

function covers(cert: X509Certificate, names: readonly string[], nowMs: number): boolean {
  if (Date.parse(cert.validTo) - renewBeforeMs < nowMs) return false;
  const san = cert.subjectAltName ?? '';
  return names.every((n) => san.includes(isIp(n) ? `IP Address:${n}` : `DNS:${n}`));
}

export async function loadOrCreateCertificate(
  dataDir: string,
  options: { extraHosts?: readonly string[]; nowMs?: number } = {},
): Promise<TlsFiles> {
  const dir = join(dataDir, 'tls');
  const certPath = join(dir, 'qrpay-cert.pem');
  const keyPath = join(dir, 'qrpay-key.pem');
  const names = wantedNames(options.extraHosts ?? []);
  const now = options.nowMs ?? Date.now();
  if (existsSync(certPath) && existsSync(keyPath)) {
    const cert = readFileSync(certPath, 'utf8');
    const x509 = new X509Certificate(cert);
    if (covers(x509, names, now)) {
      return {
        key: readFileSync(keyPath, 'utf8'),
        cert,
        certPath,
        fingerprint: x509.fingerprint256,
        names,
        created: false,
      };
    }
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const pems = await generate([{ name: 'commonName', value: `qrpay on ${hostname()}` }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(now - 3600_000),
    notAfterDate: new Date(now + validityDays * 24 * 3600_000),
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', digitalSignature: true, keyCertSign: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: names.map((n) =>
          isIp(n) ? { type: 7 as const, ip: n } : { type: 2 as const, value: n }),
      },
    ],
  });
  writeFileSync(keyPath, pems.private, { mode: 0o600 });
  writeFileSync(certPath, pems.cert, { mode: 0o644 });
  const x509 = new X509Certificate(pems.cert);
  const fingerprint = x509.fingerprint256;
  return { key: pems.private, cert: pems.cert, certPath, fingerprint, names, created: true };
}

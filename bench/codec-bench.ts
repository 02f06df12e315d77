/**
 * Signed QR code benchmark: codes built and signed per second (buildDynamicQRCode, Ed25519 via
 * node:crypto), verified per second (verifyQRCode: decode + signature check) and decoded per
 * second (decodeMPM, strict), each for a third of the time given. A benchmark, not a test.
 *   node --import tsx bench/codec-bench.ts [seconds]
 */
import { pathToFileURL } from 'node:url';
import { decodeMPM } from '../src/domain/emv/index.ts';
import { currencyByCode } from '../src/domain/money/currency.ts';
import { buildDynamicQRCode, verifyQRCode } from '../src/domain/qr-code/index.ts';
import { generateEd25519KeyPair, signerFromPem, verifyEd25519 } from '../src/lib/ed25519.ts';

export interface CodecBenchResult {
  signPerSecond: number;
  verifyPerSecond: number;
  decodePerSecond: number;
  payloadChars: number;
}

const nowMs = 1_764_000_000_000;

/** Runs `work` until `seconds` pass; yields to the event loop now and then. */
async function perSecond(seconds: number, work: (i: number) => unknown): Promise<number> {
  const started = process.hrtime.bigint();
  const deadline = started + BigInt(Math.round(seconds * 1e9));
  let count = 0;
  let now = started;
  while (now < deadline) {
    for (let i = 0; i < 64; i++) work(count + i);
    count += 64;
    now = process.hrtime.bigint();
    if ((count & 0xfff) === 0) await Promise.resolve();
  }
  return Math.round(count / (Number(now - started) / 1e9));
}

export async function runCodecBench(opts: { seconds: number }): Promise<CodecBenchResult> {
  const pair = generateEd25519KeyPair();
  const signer = signerFromPem(pair.privateKeyPem);
  const keys = [{ keyId: pair.keyId, publicKey: pair.publicKey, notBeforeMs: 0, notAfterMs: null }];
  const input = {
    guid: 'io.qrpay',
    merchant: {
      id: 'mer_01JD3ZK5Q8N4X7B2C9D6E1F0GH',
      name: 'Lucky Noodle House',
      city: 'Shanghai',
      mcc: '5812',
      countryCode: 'CN',
    },
    amountMinor: 3850,
    currency: currencyByCode('CNY')!,
    orderToken: 'AbCdEfGhIjKlMnOp',
    expiresAtMs: nowMs + 900_000,
  };
  const payload = buildDynamicQRCode(input, signer);
  const third = opts.seconds / 3;
  const signPerSecond = await perSecond(third, (i) =>
    buildDynamicQRCode({ ...input, amountMinor: 1 + (i % 100_000) }, signer),
  );
  const verifyPerSecond = await perSecond(third, () => {
    if (!verifyQRCode(payload, keys, nowMs, verifyEd25519).ok) throw new Error('verify failed');
  });
  const decodePerSecond = await perSecond(third, () => decodeMPM(payload));
  return { signPerSecond, verifyPerSecond, decodePerSecond, payloadChars: payload.length };
}

const entry = process.argv[1];
if (entry !== undefined && import.meta.url === pathToFileURL(entry).href) {
  const seconds = Number(process.argv[2] ?? 6) || 6;
  const result = await runCodecBench({ seconds });
  console.table({
    'codes signed / s': result.signPerSecond,
    'codes verified / s': result.verifyPerSecond,
    'payloads decoded / s': result.decodePerSecond,
    'payload characters': result.payloadChars,
  });
}

import { readFile, writeFile } from 'node:fs/promises';
import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import { parseKeysDocument, verifyQRCode } from '../domain/qr-code/index.ts';
import { verifyEd25519 } from '../lib/ed25519.ts';
import { parseArgs } from './args.ts';
import type { CliIO } from './io.ts';

const usage = `Usage:
  qrpay qr read <image.png>                           print the payload of the QR code in a PNG
  qrpay qr render <payload> [--svg FILE | --png FILE | --terminal]
                                                      draw a payload (default: the terminal)
  qrpay qr verify <payload> --keys <file|url> [--guid G] [--now MS]
                                                      verify a signed qrpay code

verify prints the verified facts as JSON and exits 0, or {"error":{"code","message"}} and
exits 1 (qr_code_signature_invalid, qr_code_expired, qr_code_key_unknown, qr_code_not_qrpay,
emv_*). read exits 1 with qr_image_invalid or qr_image_no_code. Bad usage exits 2.
`;

/** jsqr is CommonJS with an ES-style default: under NodeNext the function sits one level down. */
type JsQR = typeof import('jsqr').default;
const jsQR: JsQR =
  (jsQRModule as unknown as { default?: JsQR }).default ?? (jsQRModule as unknown as JsQR);

/** The largest image `qr read` opens; a phone photo of a code is far smaller. */
const imageBytesMax = 20 * 1024 * 1024;

export async function run(args: string[], io: CliIO): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'read') return read(rest, io);
  if (sub === 'render') return render(rest, io);
  if (sub === 'verify') return verify(rest, io);
  io.err(usage);
  return sub === undefined || sub === '--help' ? (sub ? 0 : 2) : 2;
}

function printError(io: CliIO, code: string, message: string, position?: number): number {
  const error = position === undefined ? { code, message } : { code, message, position };
  io.out(JSON.stringify({ error }));
  return 1;
}

async function read(args: string[], io: CliIO): Promise<number> {
  const [file] = parseArgs(args).positional;
  if (file === undefined) return usageError(io);
  let png: PNG;
  try {
    const bytes = await readFile(file);
    if (bytes.length > imageBytesMax) throw new Error(`larger than ${imageBytesMax} bytes`);
    png = PNG.sync.read(bytes);
  } catch (error) {
    return printError(io, 'qr_image_invalid', `cannot read ${file} as PNG: ${message(error)}`);
  }
  const pixels = new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length);
  const code = jsQR(pixels, png.width, png.height, { inversionAttempts: 'attemptBoth' });
  if (!code) return printError(io, 'qr_image_no_code', `no QR code found in ${file}`);
  io.out(code.data);
  return 0;
}

async function render(args: string[], io: CliIO): Promise<number> {
  const parsed = parseArgs(args, ['terminal']);
  const [payload] = parsed.positional;
  if (payload === undefined) return usageError(io);
  const options = { errorCorrectionLevel: 'M' as const, margin: 4 };
  const svg = parsed.str('svg');
  const png = parsed.str('png');
  if (svg !== undefined) {
    await writeFile(svg, await QRCode.toString(payload, { ...options, type: 'svg' }));
  } else if (png !== undefined) {
    await QRCode.toFile(png, payload, { ...options, type: 'png', scale: 6 });
  } else {
    io.out(await QRCode.toString(payload, { ...options, type: 'terminal', small: true }));
  }
  return 0;
}

async function verify(args: string[], io: CliIO): Promise<number> {
  const parsed = parseArgs(args);
  const [payload] = parsed.positional;
  const source = parsed.str('keys');
  const nowText = parsed.str('now');
  if (payload === undefined || source === undefined) return usageError(io);
  if (nowText !== undefined && !/^\d{1,15}$/.test(nowText)) return usageError(io);
  const text = await loadKeys(source);
  if (text === null) return printError(io, 'qr_keys_invalid', `cannot read keys from ${source}`);
  const keys = parseJson(text);
  const parsedKeys = parseKeysDocument(keys);
  if (!parsedKeys.ok) return printError(io, parsedKeys.code, parsedKeys.message);
  const nowMs = nowText === undefined ? Date.now() : Number(nowText);
  const guid = parsed.str('guid');
  const options = guid === undefined ? {} : { guid };
  const result = verifyQRCode(payload, parsedKeys.value, nowMs, verifyEd25519, options);
  if (!result.ok) return printError(io, result.code, result.message, result.position);
  io.out(JSON.stringify({ verified: true, ...result.value }));
  return 0;
}

async function loadKeys(source: string): Promise<string | null> {
  try {
    if (/^https?:\/\//.test(source)) {
      const response = await fetch(source, { signal: AbortSignal.timeout(10_000) });
      return response.ok ? await response.text() : null;
    }
    return await readFile(source, 'utf8');
  } catch {
    return null;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function usageError(io: CliIO): number {
  io.err(usage);
  return 2;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

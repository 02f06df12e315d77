import {
  type EMVErrorCode,
  cpmFromJson,
  decodeCPM,
  encodeCPM,
  decodeMPM,
  encodeMPM,
  mpmFromJson,
  mpmJsonText,
} from '../domain/emv/index.ts';
import { type Failure, type Result, fail, ok } from '../lib/result.ts';
import type { CliIO } from './io.ts';

const usage = `Usage:
  qrpay emv decode <payload> [--lenient]   merchant-presented payload → JSON (stdin if omitted)
  qrpay emv decode --cpm <base64>          consumer-presented payload → tree of {tag, value}
  qrpay emv encode [--lenient] < fields.json   JSON (as decode prints it) → payload with CRC
  qrpay emv encode --cpm < tree.json       JSON tree (as decode --cpm prints it) → Base64
Exit status: 0 accepted, 1 rejected (prints {"error":{…}}), 2 usage.`;

const flags = new Set(['--lenient', '--cpm']);

/** `qrpay emv …`: decode and encode EMV QR payloads; JSON on stdout for both outcomes. */
export async function run(args: string[], io: CliIO): Promise<number> {
  const [verb, ...rest] = args;
  const unknown = rest.find((a) => a.startsWith('--') && !flags.has(a));
  const positional = rest.filter((a) => !flags.has(a));
  if (unknown !== undefined || positional.length > 1) {
    io.err(`qrpay emv: unexpected argument ${unknown ?? positional[1]}\n\n${usage}`);
    return 2;
  }
  const lenient = rest.includes('--lenient');
  if (verb === 'decode') {
    const payload = positional[0] ?? (await io.readStdin()).replace(/\r?\n$/, '');
    if (rest.includes('--cpm')) return decodeConsumer(payload, io);
    return decodeMerchant(payload, lenient, io);
  }
  if (verb === 'encode' && positional.length === 0) {
    const json = parseJson(await io.readStdin());
    if (!json.ok) return printFailure(json, io);
    if (rest.includes('--cpm')) return encodeConsumer(json.value, io);
    return encode(json.value, lenient, io);
  }
  if (verb === '--help' || verb === 'help') {
    io.out(usage);
    return 0;
  }
  io.err(usage);
  return 2;
}

function printFailure(failure: Failure<EMVErrorCode>, io: CliIO): number {
  const error: Record<string, string | number> = { code: failure.code, message: failure.message };
  if (failure.position !== undefined) error['position'] = failure.position;
  if (failure.param !== undefined) error['param'] = failure.param;
  io.out(JSON.stringify({ error }));
  return 1;
}

function decodeMerchant(payload: string, lenient: boolean, io: CliIO): number {
  const decoded = decodeMPM(payload, { lenient });
  if (!decoded.ok) return printFailure(decoded, io);
  io.out(mpmJsonText(decoded.value));
  return 0;
}

function decodeConsumer(payload: string, io: CliIO): number {
  const decoded = decodeCPM(payload.trim());
  if (!decoded.ok) return printFailure(decoded, io);
  io.out(JSON.stringify(decoded.value));
  return 0;
}

function parseJson(text: string): Result<unknown, EMVErrorCode> {
  try {
    return ok(JSON.parse(text) as unknown);
  } catch {
    return fail('emv_payload_invalid', 'standard input is not JSON');
  }
}

function encode(json: unknown, lenient: boolean, io: CliIO): number {
  const fields = mpmFromJson(json);
  if (!fields.ok) return printFailure(fields, io);
  const encoded = encodeMPM(fields.value, { lenient });
  if (!encoded.ok) return printFailure(encoded, io);
  io.out(encoded.value);
  return 0;
}

function encodeConsumer(json: unknown, io: CliIO): number {
  const nodes = cpmFromJson(json);
  if (!nodes.ok) return printFailure(nodes, io);
  const encoded = encodeCPM(nodes.value);
  if (!encoded.ok) return printFailure(encoded, io);
  io.out(encoded.value);
  return 0;
}

/**
 * One webhook POST: signed, to a checked address, with a hard deadline and a bounded excerpt of
 * the answer. Never throws: every outcome becomes a status code or an error text for the log.
 */
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { AppError } from '../app/errors.ts';
import { hmacSha256Hex } from '../lib/crypto.ts';
import { webhookResponseExcerptBytesMax } from '../lib/limits.ts';
import { resolvePublic, type ResolvedAddress } from './address-guard.ts';

export interface SendResult {
  statusCode: number | null;
  responseExcerpt: string | null;
  error: string | null;
}

/** `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>` */
export function signatureHeader(secret: string, unixSeconds: number, body: string): string {
  return `t=${unixSeconds},v1=${hmacSha256Hex(secret, `${unixSeconds}.${body}`)}`;
}

function pinnedLookup(target: ResolvedAddress): LookupFunction {
  return (_host, options, callback) => {
    if (options.all) callback(null, [target]);
    else callback(null, target.address, target.family);
  };
}

export interface SendRequest {
  url: URL;
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
  allowPrivate: boolean;
  signal: AbortSignal;
}

export async function sendWebhook(req: SendRequest): Promise<SendResult> {
  let target: ResolvedAddress | undefined;
  try {
    target = (await resolvePublic(req.url, req.allowPrivate))[0];
  } catch (error) {
    const message = error instanceof AppError ? error.code : 'dns_failed';
    return { statusCode: null, responseExcerpt: null, error: message };
  }
  if (!target) return { statusCode: null, responseExcerpt: null, error: 'dns_failed' };
  return post(req, target);
}

/** At most webhookResponseExcerptBytesMax bytes of the answer, as text. */
function excerpt(chunks: Buffer[]): string {
  return Buffer.concat(chunks).subarray(0, webhookResponseExcerptBytesMax).toString('utf8');
}

function post(req: SendRequest, target: ResolvedAddress): Promise<SendResult> {
  const client = req.url.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: SendResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      request.destroy();
      resolve(result);
    };
    const fail = (error: string) => finish({ statusCode: null, responseExcerpt: null, error });
    const request = client.request(req.url, {
      method: 'POST',
      headers: { ...req.headers, 'content-length': String(Buffer.byteLength(req.body)) },
      lookup: pinnedLookup(target),
      agent: false,
      signal: req.signal,
    });
    const deadline = setTimeout(() => fail('timeout'), req.timeoutMs);
    request.on('error', (error: NodeJS.ErrnoException) => fail(error.code ?? error.message));
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const done = () => finish({
        statusCode: response.statusCode ?? null,
        responseExcerpt: excerpt(chunks),
        error: null,
      });
      response.on('data', (chunk: Buffer) => {
        if (size < webhookResponseExcerptBytesMax) chunks.push(chunk);
        size += chunk.length;
        if (size >= webhookResponseExcerptBytesMax) done();
      });
      response.on('end', done);
      response.on('error', done);
    });
    request.end(req.body);
  });
}

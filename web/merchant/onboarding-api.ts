/** The onboarding client for both pages: same origin, a 503 from load shedding retried. */
import {
  createOnboardingClient, type OnboardingClient,
} from '../../src/client/onboarding.ts';
import { ApiError } from '../../src/client/client.ts';

export { ApiError };
export type { OnboardingClient };

/** Tries of a request the platform refused at the door (503: nothing was done). */
const overloadRetriesMax = 3;

const retrying: typeof fetch = async (input, init) => {
  for (let attempt = 1; ; attempt++) {
    const response = await fetch(input, init);
    if (response.status !== 503 || attempt >= overloadRetriesMax) return response;
    const seconds = Number(response.headers.get('retry-after') ?? '1');
    const waitMs = Math.min(2_000, Number.isFinite(seconds) ? seconds * 1_000 : 1_000);
    await new Promise((resolve) => setTimeout(resolve, waitMs));
  }
};

export function onboardingClientFor(key: string | null): OnboardingClient {
  return createOnboardingClient({ baseUrl: '', key: key ?? undefined, fetch: retrying });
}

/** sessionStorage, or null when it is blocked (the value then lives in memory only). */
export function loadSession(key: string): string | null {
  try {
    return sessionStorage.getItem(key);
  } catch {
    return null;
  }
}

export function saveSession(key: string, value: string | null) {
  try {
    if (value === null) sessionStorage.removeItem(key);
    else sessionStorage.setItem(key, value);
  } catch {
    // storage blocked: kept in memory only
  }
}

export interface ApiFailure {
  code: string;
  param: string | null;
}

export function failureOf(error: unknown): ApiFailure {
  if (error instanceof ApiError) {
    const param = error.details['param'];
    return { code: error.code, param: typeof param === 'string' ? param : null };
  }
  return { code: 'network_error', param: null };
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${Math.round((bytes * 10) / (1024 * 1024)) / 10} MB`;
}

/**
 * The media type to send, read from the file's first bytes as the platform does (a photo saved
 * as .jpg that is really a PNG would otherwise be refused as document_type_mismatch); unknown
 * bytes go with the browser's guess and the platform names the problem.
 */
export async function mediaTypeOf(file: Blob): Promise<string> {
  const head = new Uint8Array(await file.slice(0, 12).arrayBuffer());
  const ascii = (from: number, to: number) => String.fromCharCode(...head.slice(from, to));
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  if (head[0] === 0x89 && ascii(1, 4) === 'PNG') return 'image/png';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  if (ascii(0, 5) === '%PDF-') return 'application/pdf';
  return file.type === '' ? 'application/octet-stream' : file.type;
}

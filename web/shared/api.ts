/** The typed client for the apps, same origin, plus small helpers shared by all three. */
import { ApiError, createClient, type QrpayClient } from '../../src/client/index.ts';

export { ApiError };
export type { QrpayClient };

/** Tries of a request the platform refused at the door (503: busy, nothing was done). */
const overloadRetriesMax = 3;

/**
 * A same-origin client; `headers` go on every request (e.g. the wallet's X-Device-Id). A 503
 * from load shedding is retried after Retry-After (at most 2 s): the platform refused it before
 * doing anything, so even a payment is safe to send again.
 */
export function clientFor(key: string | null, headers: Record<string, string> = {}): QrpayClient {
  const withHeaders: typeof fetch = async (input, init) => {
    const merged = new Headers(init?.headers);
    for (const [name, value] of Object.entries(headers)) merged.set(name, value);
    for (let attempt = 1; ; attempt++) {
      const response = await fetch(input, { ...init, headers: merged });
      if (response.status !== 503 || attempt >= overloadRetriesMax) return response;
      const seconds = Number(response.headers.get('retry-after') ?? '1');
      const waitMs = Math.min(2_000, Number.isFinite(seconds) ? seconds * 1_000 : 1_000);
      await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
  };
  return createClient({ baseUrl: '', key: key ?? undefined, fetch: withHeaders });
}

/** Reads a value saved on this device (null when missing or storage is blocked). */
export function load(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function save(key: string, value: string | null) {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // storage blocked: the value lives until the page closes
  }
}

/** A short unique reference for outTradeNo / outRefundNo. */
export function reference(prefix: string): string {
  const time = Date.now().toString(36).toUpperCase();
  const random = Math.floor(Math.random() * 36 ** 4).toString(36).toUpperCase().padStart(4, '0');
  return `${prefix}-${time}-${random}`;
}

export function errorCode(error: unknown): string {
  if (error instanceof ApiError) return error.code;
  return 'network_error';
}

export function formatTime(iso: string | null, lang: string): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(lang, { dateStyle: 'short', timeStyle: 'medium' }).format(
    new Date(iso),
  );
}

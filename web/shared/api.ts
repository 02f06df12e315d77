/** The typed client for the apps, same origin, plus small helpers shared by all three. */
import { ApiError, createClient, type QrpayClient } from '../../src/client/index.ts';

export { ApiError };
export type { QrpayClient };

export function clientFor(key: string | null): QrpayClient {
  return createClient({ baseUrl: '', key: key ?? undefined });
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

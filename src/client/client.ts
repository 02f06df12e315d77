/**
 * A typed HTTP client for the qrpay API, used by the web apps, the CLI and the benchmark.
 * It runs anywhere `fetch` exists (browsers, Node 20).
 */
import type {
  ApiErrorBody,
  ListPage,
  MerchantView,
  OrderView,
  RefundView,
  ScanView,
  TerminalView,
  WalletPaymentView,
  WalletView,
} from './types.ts';

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown>,
  ) {
    super(message);
  }
}

export interface ClientOptions {
  baseUrl: string; // e.g. http://127.0.0.1:8080 or '' for same-origin
  key?: string | undefined;
  fetch?: typeof fetch;
}

export function createClient(options: ClientOptions) {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  async function request<T>(method: string, path: string, body?: unknown, idempotencyKey?: string): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.key) headers['authorization'] = `Bearer ${options.key}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
    const response = await doFetch(`${options.baseUrl}${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    const json = text === '' ? null : (JSON.parse(text) as unknown);
    if (!response.ok) {
      const error = (json as ApiErrorBody | null)?.error;
      const { code = 'http_error', message = response.statusText, ...details } = error ?? {};
      throw new ApiError(response.status, String(code), String(message), details);
    }
    return json as T;
  }
  const query = (params: Record<string, string | number | undefined>) => {
    const entries = Object.entries(params).filter(([, v]) => v !== undefined) as [string, string][];
    return entries.length === 0 ? '' : `?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)])).toString()}`;
  };
  return {
    request,
    // operator
    createMerchant: (m: Omit<MerchantView, 'id' | 'object' | 'createdAt' | 'status' | 'tier' | 'feeRateBp'> & { feeRateBp?: number; tier?: 'standard' | 'micro' }) =>
      request<MerchantView>('POST', '/v1/merchants', m),
    listMerchants: () => request<ListPage<MerchantView>>('GET', '/v1/merchants'),
    createTerminal: (merchantId: string, name: string) =>
      request<TerminalView & { apiKey: string }>('POST', `/v1/merchants/${merchantId}/terminals`, { name }),
    listTerminals: (merchantId: string) => request<ListPage<TerminalView>>('GET', `/v1/merchants/${merchantId}/terminals`),
    revokeTerminal: (merchantId: string, terminalId: string) =>
      request<TerminalView>('POST', `/v1/merchants/${merchantId}/terminals/${terminalId}/revoke`, {}),
    topUp: (walletId: string, amount: number, currency: string) =>
      request<WalletView>('POST', `/v1/wallets/${walletId}/top-ups`, { amount, currency }),
    // terminal
    me: () => request<TerminalView>('GET', '/v1/terminals/me'),
    createOrder: (o: { amount: number; currency: string; outTradeNo: string; description?: string; expiresInSeconds?: number }, idempotencyKey?: string) =>
      request<OrderView>('POST', '/v1/orders', o, idempotencyKey),
    getOrder: (id: string) => request<OrderView>('GET', `/v1/orders/${id}`),
    listOrders: (q: { limit?: number; cursor?: string; status?: string; outTradeNo?: string; createdFrom?: string; createdTo?: string } = {}) =>
      request<ListPage<OrderView>>('GET', `/v1/orders${query(q)}`),
    closeOrder: (id: string) => request<OrderView>('POST', `/v1/orders/${id}/close`, {}),
    refund: (id: string, amount: number, outRefundNo: string) =>
      request<RefundView>('POST', `/v1/orders/${id}/refunds`, { amount, outRefundNo }),
    listRefunds: (id: string) => request<ListPage<RefundView>>('GET', `/v1/orders/${id}/refunds`),
    // wallet
    createWallet: (password: string) =>
      request<{ id: string; token: string; wallet: WalletView }>('POST', '/v1/wallets', { password }),
    wallet: () => request<WalletView>('GET', '/v1/wallets/me'),
    scan: (payload: string) => request<ScanView>('POST', '/v1/wallet/scans', { payload }),
    pay: (orderId: string, password: string, amount?: number) =>
      request<OrderView>('POST', '/v1/wallet/payments', { orderId, password, ...(amount === undefined ? {} : { amount }) }),
    bills: (q: { limit?: number; cursor?: string } = {}) =>
      request<ListPage<WalletPaymentView>>('GET', `/v1/wallet/payments${query(q)}`),
  };
}

export type QrpayClient = ReturnType<typeof createClient>;

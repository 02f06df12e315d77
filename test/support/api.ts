import type { FastifyInstance } from 'fastify';
import { testAdminKey } from './platform.ts';

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Record<string, unknown>;
}

/** In-process HTTP calls through the real Fastify app (routing, schemas, hooks, errors). */
export function apiClient(app: FastifyInstance) {
  async function call<T = any>(
    method: 'GET' | 'POST',
    url: string,
    options: { key?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.key) headers['authorization'] = `Bearer ${options.key}`;
    let payload: string | undefined;
    if (options.rawBody !== undefined) payload = options.rawBody;
    else if (options.body !== undefined) payload = JSON.stringify(options.body);
    if (payload !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
    const response = await app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload }) });
    let body: any = response.body;
    if ((response.headers['content-type'] ?? '').toString().includes('json')) body = response.json();
    return { status: response.statusCode, body, headers: response.headers };
  }
  return {
    get: <T = any>(url: string, key?: string) => call<T>('GET', url, key ? { key } : {}),
    post: <T = any>(url: string, body: unknown, key?: string, headers?: Record<string, string>) =>
      call<T>('POST', url, { body, ...(key ? { key } : {}), ...(headers ? { headers } : {}) }),
    raw: call,
  };
}

export type Api = ReturnType<typeof apiClient>;

/** A merchant with a terminal and a funded wallet, created through the API like an operator would. */
export async function seedBasics(api: Api, options: { balance?: number; feeRateBp?: number } = {}) {
  const merchant = await api.post('/v1/merchants', {
    legalName: '上海示例餐饮有限公司',
    displayName: 'Demo Café',
    city: 'Shanghai',
    country: 'CN',
    mcc: '5812',
    currency: 'CNY',
    ...(options.feeRateBp === undefined ? {} : { feeRateBp: options.feeRateBp }),
  }, testAdminKey);
  if (merchant.status !== 201) throw new Error(`merchant: ${JSON.stringify(merchant.body)}`);
  const terminal = await api.post(`/v1/merchants/${merchant.body.id}/terminals`, { name: 'Till 1' }, testAdminKey);
  if (terminal.status !== 201) throw new Error(`terminal: ${JSON.stringify(terminal.body)}`);
  const wallet = await api.post('/v1/wallets', { password: '135790' });
  if (wallet.status !== 201) throw new Error(`wallet: ${JSON.stringify(wallet.body)}`);
  const balance = options.balance ?? 100_000;
  if (balance > 0) {
    const topUp = await api.post(`/v1/wallets/${wallet.body.id}/top-ups`, { amount: balance, currency: 'CNY' }, testAdminKey);
    if (topUp.status !== 200) throw new Error(`top-up: ${JSON.stringify(topUp.body)}`);
  }
  return {
    merchantId: merchant.body.id as string,
    terminalId: terminal.body.id as string,
    terminalKey: terminal.body.apiKey as string,
    walletId: wallet.body.id as string,
    walletToken: wallet.body.token as string,
    password: '135790',
  };
}

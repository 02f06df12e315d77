import { AppError } from '../app/errors.ts';
import type { OrderFilter } from '../app/ports.ts';
import type { OrderStatus } from '../domain/order/order.ts';
import { pageSizeDefault, pageSizeMax } from '../lib/limits.ts';

const statuses: readonly OrderStatus[] = ['pending', 'paid', 'partially_refunded', 'refunded', 'closed', 'expired'];

/** Query strings are text: parse each parameter, with its own error naming it. */
export function parseOrderQuery(query: Record<string, string | undefined>): Omit<OrderFilter, 'merchantId' | 'terminalId' | 'walletId'> {
  const bad = (param: string, why: string) => new AppError('request_query_invalid', `${param} ${why}`, { param });
  let limit = pageSizeDefault;
  if (query['limit'] !== undefined) {
    if (!/^[0-9]{1,3}$/.test(query['limit'])) throw bad('limit', `is 1 to ${pageSizeMax}`);
    limit = Number(query['limit']);
    if (limit < 1 || limit > pageSizeMax) throw bad('limit', `is 1 to ${pageSizeMax}`);
  }
  const time = (param: string): number | undefined => {
    const value = query[param];
    if (value === undefined) return undefined;
    const ms = Date.parse(value);
    if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(ms)) throw bad(param, 'is an ISO 8601 time');
    return ms;
  };
  const status = query['status'];
  if (status !== undefined && !statuses.includes(status as OrderStatus)) {
    throw bad('status', `is one of ${statuses.join(', ')}`);
  }
  const cursor = query['cursor'];
  if (cursor !== undefined && !/^ord_[0-9A-Z]{26}$/.test(cursor)) throw bad('cursor', 'is an order id');
  const outTradeNo = query['outTradeNo'];
  const filter: { -readonly [K in keyof OrderFilter]?: OrderFilter[K] } = { limit: limit + 1 };
  if (status !== undefined) filter.status = status as OrderStatus;
  if (cursor !== undefined) filter.beforeId = cursor;
  if (outTradeNo !== undefined) filter.outTradeNo = outTradeNo;
  const from = time('createdFrom');
  const to = time('createdTo');
  if (from !== undefined) filter.createdFromMs = from;
  if (to !== undefined) filter.createdToMs = to;
  return filter as OrderFilter;
}

/** Lists ask for one row more than the page, to know whether there is a next page. */
export function page<T extends { id: string }, V>(rows: T[], limitPlusOne: number, view: (row: T) => V) {
  const hasMore = rows.length >= limitPlusOne;
  const data = hasMore ? rows.slice(0, limitPlusOne - 1) : rows;
  return {
    object: 'list' as const,
    data: data.map(view),
    hasMore,
    nextCursor: hasMore ? (data[data.length - 1]?.id ?? null) : null,
  };
}

export const listQuerySchema = {
  type: 'object',
  properties: {
    limit: { type: 'string', description: `1 to ${pageSizeMax}, default ${pageSizeDefault}` },
    cursor: { type: 'string', description: 'nextCursor of the previous page' },
    status: { type: 'string', enum: statuses },
    outTradeNo: { type: 'string' },
    createdFrom: { type: 'string', format: 'date-time' },
    createdTo: { type: 'string', format: 'date-time' },
  },
} as const;

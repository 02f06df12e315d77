import type { FastifyInstance, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import { AppError } from '../app/errors.ts';
import { closeOrder, refundOrder, type RefundRequest } from '../app/order-actions.ts';
import {
  createOrder,
  getOrderFor,
  readerMerchantId,
  type NewOrder,
  type OrderReader,
} from '../app/orders.ts';
import { orderView, refundView, terminalView } from '../app/views.ts';
import { listQuerySchema, page, parseOrderQuery } from './query.ts';
import { bodies, errorResponses, listOf, ref } from './schemas.ts';
import type { HttpContext } from './server.ts';

const terminalOnly = { auth: ['terminal'] } as const;
const readers = { auth: ['terminal', 'merchant', 'operator'] } as const;
const idParams = { type: 'object', properties: { id: { type: 'string', maxLength: 64 } } } as const;

export function orderReader(request: FastifyRequest): OrderReader {
  const caller = request.caller;
  if (caller?.kind === 'terminal') return { kind: 'terminal', terminal: caller.terminal };
  if (caller?.kind === 'operator') return { kind: 'operator' };
  if (caller?.kind === 'merchant') return { kind: 'merchant', merchantId: caller.merchantId };
  throw new AppError('auth_forbidden', 'orders are read by terminals, merchant keys and operators');
}

function terminalOf(request: FastifyRequest) {
  const caller = request.caller;
  if (caller?.kind !== 'terminal') throw new AppError('auth_forbidden', 'only a terminal creates orders');
  return caller.terminal;
}

export function registerTerminalRoutes(app: FastifyInstance, { deps }: HttpContext) {
  app.get('/v1/terminals/me', {
    config: terminalOnly,
    schema: { tags: ['terminal'], response: { 200: ref('Terminal'), ...errorResponses } },
  }, async (request) => terminalView(terminalOf(request)));

  app.post('/v1/orders', {
    config: terminalOnly,
    schema: {
      tags: ['terminal'],
      summary: 'Create an order and its signed QR code',
      description: 'The same outTradeNo with the same fields returns the existing order.',
      body: bodies.createOrder,
      response: { 201: ref('Order'), ...errorResponses },
    },
  }, async (request, reply) => {
    const order = await createOrder(deps, terminalOf(request), request.body as NewOrder);
    return reply.code(201).send(orderView(order));
  });

  app.get('/v1/orders', {
    config: readers,
    schema: { tags: ['terminal'], summary: 'List orders, newest first', querystring: listQuerySchema, response: { 200: listOf('Order'), ...errorResponses } },
  }, async (request) => {
    const filter = parseOrderQuery(request.query as Record<string, string>);
    const reader = orderReader(request);
    const merchantId = readerMerchantId(reader);
    const scoped = merchantId === null ? filter : { ...filter, merchantId };
    const rows = await deps.store.read.listOrders(scoped);
    return page(rows, filter.limit, orderView);
  });

  app.get('/v1/orders/:id', {
    config: readers,
    schema: { tags: ['terminal'], params: idParams, response: { 200: ref('Order'), ...errorResponses } },
  }, async (request) => orderView(await getOrderFor(deps, orderReader(request), (request.params as { id: string }).id)));

  app.post('/v1/orders/:id/close', {
    config: readers,
    schema: { tags: ['terminal'], summary: 'Close an unpaid order', params: idParams, response: { 200: ref('Order'), ...errorResponses } },
  }, async (request) => orderView(await closeOrder(deps, orderReader(request), (request.params as { id: string }).id)));

  app.post('/v1/orders/:id/refunds', {
    config: readers,
    schema: {
      tags: ['terminal'],
      summary: 'Refund part or all of a paid order',
      params: idParams,
      body: bodies.refund,
      response: { 201: ref('Refund'), ...errorResponses },
    },
  }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const { refund } = await refundOrder(deps, orderReader(request), id, request.body as RefundRequest);
    return reply.code(201).send(refundView(refund));
  });

  app.get('/v1/orders/:id/refunds', {
    config: readers,
    schema: { tags: ['terminal'], params: idParams, response: { 200: listOf('Refund'), ...errorResponses } },
  }, async (request) => {
    const order = await getOrderFor(deps, orderReader(request), (request.params as { id: string }).id);
    const refunds = await deps.store.read.listRefunds(order.id);
    return { object: 'list', data: refunds.map(refundView), hasMore: false, nextCursor: null };
  });

  // Drawn codes, for clients that cannot draw one themselves (not on the payment path).
  app.get('/v1/orders/:id/qr.svg', {
    config: readers,
    schema: { tags: ['terminal'], params: idParams, summary: 'The order QR code as SVG' },
  }, async (request, reply) => {
    const order = await getOrderFor(deps, orderReader(request), (request.params as { id: string }).id);
    const svg = await QRCode.toString(order.qrPayload, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    return reply.type('image/svg+xml').header('cache-control', 'private, max-age=3600').send(svg);
  });

  app.get('/v1/orders/:id/qr.png', {
    config: readers,
    schema: { tags: ['terminal'], params: idParams, summary: 'The order QR code as PNG' },
  }, async (request, reply) => {
    const order = await getOrderFor(deps, orderReader(request), (request.params as { id: string }).id);
    const png = await QRCode.toBuffer(order.qrPayload, { type: 'png', errorCorrectionLevel: 'M', margin: 2, scale: 8 });
    return reply.type('image/png').header('cache-control', 'private, max-age=3600').send(png);
  });
}

import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../app/errors.ts';
import { payOrder, type PayRequest } from '../app/pay-order.ts';
import { scanQRCode } from '../app/scan-qr-code.ts';
import { orderView } from '../app/views.ts';
import { createWallet, walletView } from '../app/wallets.ts';
import type { WalletPaymentView } from '../client/types.ts';
import { riskDeviceIdLengthMax } from '../lib/limits.ts';
import { listQuerySchema, parseOrderQuery } from './query.ts';
import { bodies, errorResponses, ref } from './schemas.ts';
import { payBody, riskErrorResponses } from './routes-risk.ts';
import type { HttpContext } from './server.ts';

const walletOnly = { auth: ['wallet'] } as const;

/** The app's device id, a risk signal: printable ASCII without spaces, '' when absent. */
function deviceIdOf(request: FastifyRequest): string {
  const header = request.headers['x-device-id'];
  if (header === undefined || header === '') return '';
  const printable = typeof header === 'string' && /^[\x21-\x7e]+$/.test(header);
  if (!printable || header.length > riskDeviceIdLengthMax) {
    const message = `X-Device-Id is 1–${riskDeviceIdLengthMax} printable ASCII characters`;
    throw new AppError('risk_device_id_invalid', message, { param: 'X-Device-Id' });
  }
  return header;
}

function walletOf(request: FastifyRequest) {
  const caller = request.caller;
  if (caller?.kind !== 'wallet') throw new AppError('auth_forbidden', 'this endpoint is for wallets');
  return caller.wallet;
}

export function registerWalletRoutes(app: FastifyInstance, { deps }: HttpContext) {
  app.post('/v1/wallets', {
    schema: {
      tags: ['wallet'],
      summary: 'Create a wallet with a 6-digit payment password; the token is returned once',
      security: [],
      body: bodies.createWallet,
      response: {
        201: { type: 'object', properties: { id: { type: 'string' }, token: { type: 'string' }, wallet: ref('Wallet') } },
        ...errorResponses,
      },
    },
  }, async (request, reply) => {
    const { wallet, token } = await createWallet(deps, request.body as { password: string; currency?: string });
    return reply.code(201).send({ id: wallet.id, token, wallet: await walletView(deps, wallet) });
  });

  app.get('/v1/wallets/me', {
    config: walletOnly,
    schema: { tags: ['wallet'], response: { 200: ref('Wallet'), ...errorResponses } },
  }, async (request) => walletView(deps, walletOf(request)));

  app.post('/v1/wallet/scans', {
    config: walletOnly,
    schema: {
      tags: ['wallet'],
      summary: 'Verify a scanned code and show what it asks for',
      description: 'A forged, expired or foreign code fails with its qr_code_* or emv_* code.',
      body: bodies.scan,
    },
  }, async (request) => scanQRCode(deps, walletOf(request), (request.body as { payload: string }).payload));

  app.post('/v1/wallet/payments', {
    config: walletOnly,
    schema: {
      tags: ['wallet'],
      summary: 'Pay an order with the payment password',
      description: 'Risk runs first: risk_blocked (403) or risk_challenge_required (428: ' +
        'pay again with challengeId and the password). Send X-Device-Id from the app.',
      body: payBody,
      response: { 200: ref('Order'), ...riskErrorResponses },
    },
  }, async (request) => {
    const signals = { deviceId: deviceIdOf(request), ip: request.ip };
    return orderView(await payOrder(deps, walletOf(request), request.body as PayRequest, signals));
  });

  app.get('/v1/wallet/payments', {
    config: walletOnly,
    schema: { tags: ['wallet'], summary: "The wallet's bill list, newest first", querystring: listQuerySchema },
  }, async (request) => {
    const wallet = walletOf(request);
    const filter = parseOrderQuery(request.query as Record<string, string>);
    const rows = await deps.store.read.listOrders({ ...filter, walletId: wallet.id });
    const hasMore = rows.length >= filter.limit;
    const data = hasMore ? rows.slice(0, filter.limit - 1) : rows;
    const names = new Map<string, string>();
    const items: WalletPaymentView[] = [];
    for (const order of data) {
      if (!names.has(order.merchantId)) {
        names.set(order.merchantId, (await deps.store.read.getMerchant(order.merchantId))?.displayName ?? '');
      }
      items.push({
        orderId: order.id,
        merchantName: names.get(order.merchantId) ?? '',
        amount: order.amountMinor,
        currency: order.currency,
        status: order.status,
        refundedAmount: order.refundedMinor,
        paidAt: order.paidAtMs === null ? null : new Date(order.paidAtMs).toISOString(),
      });
    }
    return { object: 'list', data: items, hasMore, nextCursor: hasMore ? (data[data.length - 1]?.id ?? null) : null };
  });
}

import type { FastifyInstance } from 'fastify';
import { createMerchant, createTerminal, requireMerchant, revokeTerminal, type NewMerchant } from '../app/merchants.ts';
import { merchantView, terminalView } from '../app/views.ts';
import { requireWallet, topUpWallet, walletView } from '../app/wallets.ts';
import { pageSizeMax } from '../lib/limits.ts';
import { bodies, errorResponses, listOf, ref } from './schemas.ts';
import type { HttpContext } from './server.ts';

const operator = { auth: ['operator'] } as const;
const idParams = { type: 'object', properties: { id: { type: 'string', maxLength: 64 } } } as const;

export function registerAdminRoutes(app: FastifyInstance, { deps }: HttpContext) {
  app.post('/v1/merchants', {
    config: operator,
    schema: { tags: ['operator'], summary: 'Create a merchant', body: bodies.createMerchant, response: { 201: ref('Merchant'), ...errorResponses } },
  }, async (request, reply) => {
    const merchant = await createMerchant(deps, request.body as NewMerchant);
    return reply.code(201).send(merchantView(merchant));
  });

  app.get('/v1/merchants', {
    config: operator,
    schema: { tags: ['operator'], summary: 'List merchants, newest first', response: { 200: listOf('Merchant'), ...errorResponses } },
  }, async () => {
    const merchants = await deps.store.read.listMerchants(pageSizeMax);
    return { object: 'list', data: merchants.map(merchantView), hasMore: merchants.length === pageSizeMax, nextCursor: null };
  });

  app.get('/v1/merchants/:id', {
    config: operator,
    schema: { tags: ['operator'], params: idParams, response: { 200: ref('Merchant'), ...errorResponses } },
  }, async (request) => merchantView(await requireMerchant(deps, (request.params as { id: string }).id)));

  app.post('/v1/merchants/:id/terminals', {
    config: operator,
    schema: {
      tags: ['operator'],
      summary: 'Create a terminal; its API key is returned once',
      params: idParams,
      body: bodies.createTerminal,
      response: { 201: ref('Terminal'), ...errorResponses },
    },
  }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const name = (request.body as { name?: string } | undefined)?.name ?? 'Terminal';
    const { terminal, apiKey } = await createTerminal(deps, id, name);
    return reply.code(201).send({ ...terminalView(terminal), apiKey });
  });

  app.get('/v1/merchants/:id/terminals', {
    config: operator,
    schema: { tags: ['operator'], params: idParams, response: { 200: listOf('Terminal'), ...errorResponses } },
  }, async (request) => {
    const merchant = await requireMerchant(deps, (request.params as { id: string }).id);
    const terminals = await deps.store.read.listTerminals(merchant.id);
    return { object: 'list', data: terminals.map(terminalView), hasMore: false, nextCursor: null };
  });

  app.post('/v1/merchants/:id/terminals/:terminalId/revoke', {
    config: operator,
    schema: { tags: ['operator'], summary: 'Revoke a terminal key', response: { 200: ref('Terminal'), ...errorResponses } },
  }, async (request) => {
    const { id, terminalId } = request.params as { id: string; terminalId: string };
    return terminalView(await revokeTerminal(deps, id, terminalId));
  });

  app.post('/v1/wallets/:id/top-ups', {
    config: operator,
    schema: {
      tags: ['operator'],
      summary: 'Top up a wallet from the simulated bank funding account',
      params: idParams,
      body: bodies.topUp,
      response: { 200: ref('Wallet'), ...errorResponses },
    },
  }, async (request) => {
    const { id } = request.params as { id: string };
    const { amount, currency } = request.body as { amount: number; currency: string };
    return topUpWallet(deps, id, amount, currency);
  });

  app.get('/v1/wallets/:id', {
    config: operator,
    schema: { tags: ['operator'], params: idParams, response: { 200: ref('Wallet'), ...errorResponses } },
  }, async (request) => walletView(deps, await requireWallet(deps, (request.params as { id: string }).id)));
}

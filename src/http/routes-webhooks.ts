/**
 * Merchant API keys (issued by the operator) and webhook endpoints (managed with a merchant key,
 * or by the operator naming the merchant).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../app/errors.ts';
import {
  createMerchantApiKey,
  listMerchantApiKeys,
  merchantApiKeyView,
  revokeMerchantApiKey,
} from '../app/merchant-keys.ts';
import {
  changeWebhookEndpoint,
  createWebhookEndpoint,
  deliveryView,
  endpointFor,
  endpointView,
  redeliverEvent,
  type EndpointChange,
  type UrlGuard,
} from '../app/webhooks.ts';
import {
  nameLengthMax,
  pageSizeDefault,
  pageSizeMax,
  webhookAttemptsListedMax,
  webhookEndpointsPerMerchantMax,
  webhookEventTypesMax,
  webhookUrlLengthMax,
} from '../lib/limits.ts';
import { errorResponses } from './schemas.ts';
import type { HttpContext } from './server.ts';

const operator = { auth: ['operator'] } as const;
const managers = { auth: ['merchant', 'operator'] } as const;
const id64 = { type: 'string', maxLength: 64 } as const;
const idParams = { type: 'object', properties: { id: id64 } } as const;

/** The merchant a caller acts for: its own (merchant key) or the one the operator names. */
function actingMerchant(request: FastifyRequest, named: string | undefined): string {
  const caller = request.caller;
  if (caller?.kind === 'merchant') {
    if (named !== undefined && named !== caller.merchantId) {
      throw new AppError('auth_forbidden', 'a merchant key acts for its own merchant only');
    }
    return caller.merchantId;
  }
  if (caller?.kind === 'operator' && named !== undefined) return named;
  throw new AppError('request_field_missing', 'the operator names a merchantId', {
    param: 'merchantId',
  });
}

/** null for the operator, who reaches every merchant's endpoints. */
function ownerScope(request: FastifyRequest): string | null {
  const caller = request.caller;
  if (caller?.kind === 'merchant') return caller.merchantId;
  if (caller?.kind === 'operator') return null;
  throw new AppError('auth_forbidden', 'webhooks are managed with a merchant key');
}

function registerApiKeyRoutes(app: FastifyInstance, { deps }: HttpContext) {
  app.post('/v1/merchants/:id/api-keys', {
    config: operator,
    schema: {
      tags: ['operator'],
      summary: 'Issue a merchant API key; the key is returned once',
      params: idParams,
      body: {
        type: 'object',
        additionalProperties: false,
        properties: { name: { type: 'string', minLength: 1, maxLength: nameLengthMax } },
      },
      response: errorResponses,
    },
  }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const name = (request.body as { name?: string } | undefined)?.name ?? 'API key';
    const { key, apiKey } = await createMerchantApiKey(deps, id, name);
    return reply.code(201).send({ ...merchantApiKeyView(key), apiKey });
  });

  app.get('/v1/merchants/:id/api-keys', {
    config: operator,
    schema: { tags: ['operator'], params: idParams, response: errorResponses },
  }, async (request) => {
    const keys = await listMerchantApiKeys(deps, (request.params as { id: string }).id);
    return { object: 'list', data: keys.map(merchantApiKeyView), hasMore: false, nextCursor: null };
  });

  app.post('/v1/merchants/:id/api-keys/:keyId/revoke', {
    config: operator,
    schema: {
      tags: ['operator'],
      params: { type: 'object', properties: { id: id64, keyId: id64 } },
      response: errorResponses,
    },
  }, async (request) => {
    const { id, keyId } = request.params as { id: string; keyId: string };
    return merchantApiKeyView(await revokeMerchantApiKey(deps, id, keyId));
  });
}

const createEndpointBody = {
  type: 'object',
  additionalProperties: false,
  required: ['url', 'events'],
  properties: {
    url: { type: 'string', minLength: 1, maxLength: webhookUrlLengthMax },
    events: {
      type: 'array',
      minItems: 1,
      maxItems: webhookEventTypesMax,
      items: { type: 'string', maxLength: 64 },
    },
    merchantId: id64,
  },
} as const;

function registerEndpointRoutes(app: FastifyInstance, { deps }: HttpContext, guard: UrlGuard) {
  app.post('/v1/webhook-endpoints', {
    config: managers,
    schema: {
      tags: ['webhooks'],
      summary: 'Register a webhook endpoint; its signing secret is returned once',
      body: createEndpointBody,
      response: errorResponses,
    },
  }, async (request, reply) => {
    const body = request.body as { url: string; events: string[]; merchantId?: string };
    const merchantId = actingMerchant(request, body.merchantId);
    const { endpoint, secret } = await createWebhookEndpoint(deps, guard, { ...body, merchantId });
    return reply.code(201).send({ ...endpointView(endpoint), secret });
  });

  app.get('/v1/webhook-endpoints', {
    config: managers,
    schema: {
      tags: ['webhooks'],
      querystring: { type: 'object', properties: { merchantId: id64 } },
      response: errorResponses,
    },
  }, async (request) => {
    const named = (request.query as { merchantId?: string }).merchantId;
    const merchantId = actingMerchant(request, named);
    const rows = await deps.store.read.webhooks.listEndpoints(
      merchantId,
      webhookEndpointsPerMerchantMax,
    );
    return { object: 'list', data: rows.map(endpointView), hasMore: false, nextCursor: null };
  });

  app.get('/v1/webhook-endpoints/:id', {
    config: managers,
    schema: { tags: ['webhooks'], params: idParams, response: errorResponses },
  }, async (request) => {
    const { id } = request.params as { id: string };
    return endpointView(await endpointFor(deps, ownerScope(request), id));
  });

  const change = (path: string, method: 'POST' | 'DELETE', what: EndpointChange) =>
    app.route({
      method,
      url: `/v1/webhook-endpoints/:id${path}`,
      config: managers,
      schema: { tags: ['webhooks'], params: idParams, response: errorResponses },
      handler: async (request) => {
        const { id } = request.params as { id: string };
        const endpoint = await changeWebhookEndpoint(deps, ownerScope(request), id, what);
        if (what === 'delete') {
          return { id: endpoint.id, object: 'webhook_endpoint', deleted: true };
        }
        return endpointView(endpoint);
      },
    });
  change('/enable', 'POST', 'enable');
  change('/disable', 'POST', 'disable');
  change('', 'DELETE', 'delete');
}

function registerDeliveryRoutes(app: FastifyInstance, { deps }: HttpContext) {
  app.get('/v1/webhook-endpoints/:id/deliveries', {
    config: managers,
    schema: {
      tags: ['webhooks'],
      summary: 'Deliveries to this endpoint, newest first, with every attempt',
      params: idParams,
      querystring: {
        type: 'object',
        properties: {
          limit: { type: 'string', pattern: '^[0-9]{1,3}$' },
          cursor: { type: 'string', pattern: '^[0-9]{1,15}$' },
        },
      },
      response: errorResponses,
    },
  }, async (request) => {
    const { id } = request.params as { id: string };
    const query = request.query as { limit?: string; cursor?: string };
    const endpoint = await endpointFor(deps, ownerScope(request), id);
    const limit = Math.min(Math.max(Number(query.limit ?? pageSizeDefault), 1), pageSizeMax);
    const before = query.cursor === undefined ? undefined : Number(query.cursor);
    const read = deps.store.read.webhooks;
    const rows = await read.listDeliveries(endpoint.id, limit + 1, before);
    const page = rows.slice(0, limit);
    const data = [];
    for (const d of page) {
      data.push(deliveryView(d, await read.listAttempts(d.id, webhookAttemptsListedMax)));
    }
    const hasMore = rows.length > limit;
    const last = page[page.length - 1];
    return { object: 'list', data, hasMore, nextCursor: hasMore && last ? String(last.id) : null };
  });

  app.post('/v1/events/:eventId/redeliver', {
    config: managers,
    schema: {
      tags: ['webhooks'],
      summary: 'Send an event again to the merchant\'s endpoints (or one of them)',
      params: { type: 'object', properties: { eventId: { type: 'string', maxLength: 100 } } },
      body: {
        type: 'object',
        additionalProperties: false,
        properties: { endpointId: id64 },
      },
      response: errorResponses,
    },
  }, async (request, reply) => {
    const { eventId } = request.params as { eventId: string };
    const endpointId = (request.body as { endpointId?: string } | undefined)?.endpointId;
    const ids = await redeliverEvent(deps, ownerScope(request), eventId, endpointId);
    return reply.code(202).send({ eventId, deliveryIds: ids.map(String) });
  });
}

export function registerWebhookRoutes(app: FastifyInstance, ctx: HttpContext, guard: UrlGuard) {
  registerApiKeyRoutes(app, ctx);
  registerEndpointRoutes(app, ctx, guard);
  registerDeliveryRoutes(app, ctx);
}

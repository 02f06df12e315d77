/**
 * The catalog: the operator keeps each merchant's items; a terminal reads its own merchant's
 * active items for the POS product grid. Prices are integers in minor units of the merchant's
 * currency. The price is checked by the use case, not the schema, so every bad price (a string,
 * 1.5, 0, too large) answers with the one code catalog_item_price_invalid.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  addCatalogItem,
  archiveCatalogItem,
  catalogItemView,
  listCatalog,
  type NewCatalogItem,
} from '../app/catalog.ts';
import { AppError } from '../app/errors.ts';
import type { CatalogItem } from '../app/modules/catalog-ports.ts';
import type { Merchant } from '../app/ports.ts';
import { catalogItemPriceMinorMax } from '../lib/limits.ts';
import { errorResponses } from './schemas.ts';
import type { HttpContext } from './server.ts';

const operator = { auth: ['operator'] } as const;
const terminalOnly = { auth: ['terminal'] } as const;
const id = { type: 'string', minLength: 1, maxLength: 64 } as const;
const merchantParams = { type: 'object', properties: { id } } as const;
const itemParams = { type: 'object', properties: { id, itemId: id } } as const;

const itemSchema = {
  type: 'object',
  required: ['object', 'id', 'merchantId', 'name', 'price', 'currency', 'position', 'status'],
  properties: {
    object: { type: 'string', enum: ['catalog_item'] },
    id: { type: 'string' },
    merchantId: { type: 'string' },
    name: { type: 'string' },
    price: { type: 'integer', description: 'minor units of currency' },
    currency: { type: 'string' },
    position: { type: 'integer' },
    status: { type: 'string', enum: ['active', 'archived'] },
    createdAt: { type: 'string', format: 'date-time' },
  },
} as const;

const itemList = {
  type: 'object',
  properties: {
    object: { type: 'string', enum: ['list'] },
    data: { type: 'array', items: itemSchema },
    hasMore: { type: 'boolean' },
    nextCursor: { type: ['string', 'null'] },
  },
} as const;

const newItemBody = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'price'],
  properties: {
    name: { type: 'string', maxLength: 200 },
    price: {
      description: `integer, minor units, 1 to ${catalogItemPriceMinorMax}`,
    },
    position: { type: 'integer', minimum: 0, maximum: 1_000_000 },
  },
} as const;

function list(result: { items: CatalogItem[]; merchant: Merchant }) {
  const data = result.items.map((item) => catalogItemView(item, result.merchant));
  return { object: 'list', data, hasMore: false, nextCursor: null };
}

function terminalOf(request: FastifyRequest) {
  const caller = request.caller;
  if (caller?.kind !== 'terminal') throw new AppError('auth_forbidden', 'this endpoint is for terminals');
  return caller.terminal;
}

export function registerCatalogRoutes(app: FastifyInstance, { deps }: HttpContext) {
  app.get('/v1/terminals/me/catalog', {
    config: terminalOnly,
    schema: {
      tags: ['terminal'],
      summary: "The terminal's merchant's active catalog items, in grid order",
      response: { 200: itemList, ...errorResponses },
    },
  }, async (request) => list(await listCatalog(deps, terminalOf(request).merchantId)));

  app.get('/v1/merchants/:id/catalog', {
    config: operator,
    schema: {
      tags: ['operator'],
      summary: "A merchant's active catalog items, in grid order",
      params: merchantParams,
      response: { 200: itemList, ...errorResponses },
    },
  }, async (request) => list(await listCatalog(deps, (request.params as { id: string }).id)));

  app.post('/v1/merchants/:id/catalog', {
    config: operator,
    schema: {
      tags: ['operator'],
      summary: 'Add a catalog item (price in minor units of the merchant currency)',
      params: merchantParams,
      body: newItemBody,
      response: { 201: itemSchema, ...errorResponses },
    },
  }, async (request, reply) => {
    const { id: merchantId } = request.params as { id: string };
    const { item, merchant } = await addCatalogItem(deps, merchantId, request.body as NewCatalogItem);
    return reply.code(201).send(catalogItemView(item, merchant));
  });

  app.post('/v1/merchants/:id/catalog/:itemId/archive', {
    config: operator,
    schema: {
      tags: ['operator'],
      summary: 'Archive a catalog item: it leaves the POS grid',
      params: itemParams,
      response: { 200: itemSchema, ...errorResponses },
    },
  }, async (request) => {
    const { id: merchantId, itemId } = request.params as { id: string; itemId: string };
    const { item, merchant } = await archiveCatalogItem(deps, merchantId, itemId);
    return catalogItemView(item, merchant);
  });
}

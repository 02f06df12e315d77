import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../app/errors.ts';
import type { DecisionFilter, DecisionResult, HoldStatus } from '../app/modules/risk-ports.ts';
import { runBacktest } from '../app/risk/backtest.ts';
import { refundHold, releaseHold } from '../app/risk/holds.ts';
import { addListEntry, removeListEntry, requireList } from '../app/risk/lists.ts';
import { createRuleVersion, type NewRuleVersion, setRuleState } from '../app/risk/rules.ts';
import { changeView, decisionView, entryView, holdView, ruleView } from '../app/risk/views.ts';
import { orderView, refundView } from '../app/views.ts';
import { riskLists, type RuleMode, ruleOutcomes } from '../domain/risk/index.ts';
import {
  pageSizeDefault,
  pageSizeMax,
  riskActorLengthMax,
  riskListNoteLengthMax,
  riskListValueLengthMax,
} from '../lib/limits.ts';
import { bodies, ref } from './schemas.ts';
import type { HttpContext } from './server.ts';

const operator = { auth: ['operator'] } as const;

/** A route's schema: the risk tag, a summary, the error bodies, and a body when given. */
function doc(summary: string, extra: Record<string, unknown> = {}) {
  return { tags, summary, response: errorResponses, ...extra };
}

/** The error body, with the facts risk failures add (the shared schema would drop them). */
const riskErrorSchema = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string' },
        message: { type: 'string' },
        param: { type: 'string' },
        position: { type: 'integer' },
        ruleId: { type: 'string' },
        reasonCodes: { type: 'array', items: { type: 'string' } },
        decisionId: { type: 'string' },
        challengeId: { type: 'string' },
        expiresAt: { type: 'string' },
        triesRemaining: { type: 'integer' },
        lockedUntil: { type: 'string' },
        orderId: { type: 'string' },
      },
    },
  },
} as const;

export const riskErrorResponses = { '4xx': riskErrorSchema, '5xx': ref('Error') } as const;
const errorResponses = riskErrorResponses;

/** The wallet's pay body, plus the answer to a challenge. */
export const payBody = {
  ...bodies.pay,
  properties: {
    ...bodies.pay.properties,
    challengeId: { type: 'string', minLength: 1, maxLength: 64 },
  },
} as const;
const tags = ['risk'];
const actorPattern = new RegExp(`^[A-Za-z0-9._@ -]{1,${riskActorLengthMax}}$`);
const decisionResults: readonly DecisionResult[] = ['paid', 'held', 'blocked', 'challenged'];
const holdStatuses: readonly HoldStatus[] = ['held', 'released', 'refunded'];

/** Who is changing things, for the audit trail: `X-Actor`, else "operator". */
function actorOf(request: FastifyRequest): string {
  const header = request.headers['x-actor'];
  if (header === undefined) return 'operator';
  if (typeof header !== 'string' || !actorPattern.test(header)) {
    const message = `X-Actor is 1–${riskActorLengthMax} letters, digits, ._@ -`;
    throw new AppError('request_field_invalid', message, { param: 'X-Actor' });
  }
  return header;
}

type Query = Record<string, string | undefined>;

function badQuery(param: string, message: string) {
  return new AppError('request_query_invalid', `${param} ${message}`, { param });
}

function limitOf(query: Query): number {
  const raw = query['limit'];
  if (raw === undefined) return pageSizeDefault;
  const n = Number(raw);
  if (!/^[0-9]{1,3}$/.test(raw) || n < 1 || n > pageSizeMax) {
    throw badQuery('limit', `is 1 to ${pageSizeMax}`);
  }
  return n;
}

function timeOf(query: Query, param: string): number | undefined {
  const raw = query[param];
  if (raw === undefined) return undefined;
  const ms = Date.parse(raw);
  if (!Number.isFinite(ms)) throw badQuery(param, 'is an ISO 8601 time');
  return ms;
}

function oneOf<T extends string>(query: Query, param: string, allowed: readonly T[]) {
  const raw = query[param];
  if (raw === undefined) return undefined;
  if (!allowed.includes(raw as T)) throw badQuery(param, `is one of ${allowed.join(', ')}`);
  return raw as T | undefined;
}

function decisionFilter(query: Query, limit: number): DecisionFilter {
  const filter: Record<string, unknown> = { limit };
  const set = (key: string, value: unknown) => {
    if (value !== undefined) filter[key] = value;
  };
  set('outcome', oneOf(query, 'outcome', ruleOutcomes));
  set('result', oneOf(query, 'result', decisionResults));
  set('walletId', query['walletId']);
  set('merchantId', query['merchantId']);
  set('orderId', query['orderId']);
  set('fromMs', timeOf(query, 'from'));
  set('toMs', timeOf(query, 'to'));
  set('beforeId', query['cursor']);
  return filter as unknown as DecisionFilter;
}

function listPage<T, V>(rows: T[], limit: number, view: (row: T) => V, cursor: (row: T) => string) {
  const hasMore = rows.length > limit;
  const data = hasMore ? rows.slice(0, limit) : rows;
  const last = data[data.length - 1];
  return { object: 'list', data: data.map(view), hasMore,
    nextCursor: hasMore && last !== undefined ? cursor(last) : null };
}

const text = (maxLength: number) => ({ type: 'string', maxLength }) as const;
const ruleBody = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'name', 'expression', 'outcome', 'reasonCode'],
  properties: {
    id: text(200), name: text(500), expression: text(10_000), outcome: text(50),
    reasonCode: text(200), description: text(5_000), enabled: { type: 'boolean' },
    mode: { type: 'string', enum: ['live', 'shadow'] },
  },
} as const;
const stateBody = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: { enabled: { type: 'boolean' }, mode: { type: 'string', enum: ['live', 'shadow'] } },
} as const;
const entryBody = {
  type: 'object',
  additionalProperties: false,
  required: ['value'],
  properties: {
    value: { type: 'string', minLength: 1, maxLength: riskListValueLengthMax },
    note: { type: 'string', maxLength: riskListNoteLengthMax },
  },
} as const;
const backtestBody = {
  type: 'object',
  additionalProperties: false,
  required: ['rules', 'from', 'to'],
  properties: {
    rules: { type: 'array', maxItems: 500, items: { type: 'object' } },
    from: { type: 'string', format: 'date-time' },
    to: { type: 'string', format: 'date-time' },
    replace: { type: 'boolean' },
  },
} as const;

export function registerRiskRoutes(app: FastifyInstance, { deps }: HttpContext) {
  registerRuleRoutes(app, { deps } as HttpContext);
  registerListRoutes(app, { deps } as HttpContext);
  registerReviewRoutes(app, { deps } as HttpContext);
}

function registerRuleRoutes(app: FastifyInstance, { deps }: HttpContext) {
  app.get('/v1/risk/rules', {
    config: operator,
    schema: doc('Every version of every rule, with the revision in force'),
  }, async () => {
    const rules = await deps.store.read.risk.listRules();
    const revision = await deps.store.read.risk.rulesRevision();
    const data = rules.map(ruleView);
    return { object: 'list', data, hasMore: false, nextCursor: null, revision };
  });

  app.get('/v1/risk/rules/:id', {
    config: operator,
    schema: doc("One rule's versions, oldest first"),
  }, async (request) => {
    const { id } = request.params as { id: string };
    const versions = (await deps.store.read.risk.listRules()).filter((r) => r.id === id);
    if (versions.length === 0) throw new AppError('risk_rule_not_found', `no rule ${id}`);
    return { object: 'list', data: versions.map(ruleView), hasMore: false, nextCursor: null };
  });

  app.post('/v1/risk/rules', {
    config: operator,
    schema: {
      tags,
      summary: 'Save a new version of a rule (checked on save; a live version replaces the old)',
      description: 'Expression errors are 422 rule_* codes with param and position.',
      body: ruleBody,
      response: errorResponses,
    },
  }, async (request, reply) => {
    const saved = await createRuleVersion(deps, request.body as NewRuleVersion, actorOf(request));
    return reply.code(201).send({
      ...ruleView(saved.rule),
      disabledVersions: saved.disabled.map((r) => r.version),
    });
  });

  app.post('/v1/risk/rules/:id/versions/:version', {
    config: operator,
    schema: doc('Enable, disable, or switch a version between shadow and live', {
      body: stateBody,
    }),
  }, async (request) => {
    const { id, version } = request.params as { id: string; version: string };
    if (!/^[0-9]{1,9}$/.test(version)) {
      throw new AppError('risk_rule_not_found', `no version ${version}`);
    }
    const patch = request.body as { enabled?: boolean; mode?: RuleMode };
    const target = { id, version: Number(version) };
    return ruleView(await setRuleState(deps, target, patch, actorOf(request)));
  });

  app.get('/v1/risk/changes', {
    config: operator,
    schema: doc('Audit trail of rules and lists: who changed what and when, newest first'),
  }, async (request) => {
    const query = request.query as Query;
    const limit = limitOf(query);
    const cursor = query['cursor'];
    if (cursor !== undefined && !/^[0-9]{1,15}$/.test(cursor)) {
      throw badQuery('cursor', 'is a change id');
    }
    const rows = await deps.store.read.risk.listChanges(query['subject'],
      cursor === undefined ? undefined : Number(cursor), limit + 1);
    return listPage(rows, limit, changeView, (c) => String(c.id));
  });
}

function registerListRoutes(app: FastifyInstance, { deps }: HttpContext) {
  app.get('/v1/risk/lists', {
    config: operator,
    schema: doc('The allow and block lists, with their sizes'),
  }, async () => {
    const counts = await deps.store.read.risk.countEntries();
    const data = riskLists.map((l) => ({ object: 'risk_list', name: l.name,
      description: l.description, entries: counts.get(l.name) ?? 0 }));
    return { object: 'list', data, hasMore: false, nextCursor: null };
  });

  app.get('/v1/risk/lists/:name/entries', {
    config: operator,
    schema: doc("A list's entries in value order"),
  }, async (request) => {
    const { name } = request.params as { name: string };
    requireList(name);
    const query = request.query as Query;
    const limit = limitOf(query);
    const rows = await deps.store.read.risk.listEntries(name, query['cursor'], limit + 1);
    return listPage(rows, limit, entryView, (e) => e.value);
  });

  app.post('/v1/risk/lists/:name/entries', {
    config: operator,
    schema: doc('Add a value to a list (201; 200 when it was already there)', { body: entryBody }),
  }, async (request, reply) => {
    const { name } = request.params as { name: string };
    const body = request.body as { value: string; note?: string };
    const { entry, created } = await addListEntry(deps, name, body, actorOf(request));
    return reply.code(created ? 201 : 200).send(entryView(entry));
  });

  app.delete('/v1/risk/lists/:name/entries/:value', {
    config: operator,
    schema: doc('Remove a value from a list'),
  }, async (request) => {
    const { name, value } = request.params as { name: string; value: string };
    await removeListEntry(deps, name, value, actorOf(request));
    return { object: 'risk_list_entry', list: name, value, deleted: true };
  });
}

function registerReviewRoutes(app: FastifyInstance, { deps }: HttpContext) {
  app.get('/v1/risk/decisions', {
    config: operator,
    schema: doc('Decisions, newest first; filter: outcome, result, wallet, merchant, order, time'),
  }, async (request) => {
    const query = request.query as Query;
    const limit = limitOf(query);
    const rows = await deps.store.read.risk.listDecisions(decisionFilter(query, limit + 1));
    return listPage(rows, limit, (d) => decisionView(d, false), (d) => d.id);
  });

  app.get('/v1/risk/decisions/:id', {
    config: operator,
    schema: doc('One decision with every rule hit and the context it saw'),
  }, async (request) => {
    const { id } = request.params as { id: string };
    const decision = await deps.store.read.risk.getDecision(id);
    if (!decision) throw new AppError('risk_decision_not_found', `no decision ${id}`);
    return decisionView(decision, true);
  });

  app.get('/v1/risk/holds', {
    config: operator,
    schema: doc('The review queue: held payments (status=held by default), newest first'),
  }, async (request) => {
    const query = request.query as Query;
    const limit = limitOf(query);
    const status = query['status'] === 'all'
      ? undefined
      : (oneOf(query, 'status', holdStatuses) ?? 'held');
    const rows = await deps.store.read.risk.listHolds(status, query['cursor'], limit + 1);
    const view = listPage(rows, limit, (h) => h, (h) => h.orderId);
    const data = [];
    for (const hold of view.data) {
      data.push(holdView(hold, await deps.store.read.risk.getDecision(hold.decisionId)));
    }
    return { ...view, data };
  });

  app.post('/v1/risk/holds/:orderId/release', {
    config: operator,
    schema: doc("Release a held payment to the merchant's available balance"),
  }, async (request) => {
    const { orderId } = request.params as { orderId: string };
    const hold = await releaseHold(deps, orderId, actorOf(request));
    return holdView(hold, await deps.store.read.risk.getDecision(hold.decisionId));
  });

  app.post('/v1/risk/holds/:orderId/refund', {
    config: operator,
    schema: doc('Refund what is left of a held payment to the wallet'),
  }, async (request) => {
    const { orderId } = request.params as { orderId: string };
    const { order, refund } = await refundHold(deps, orderId);
    return { order: orderView(order), refund: refundView(refund) };
  });

  app.post('/v1/risk/backtests', {
    config: operator,
    schema: doc('Replay the decisions of a period through the live set and a candidate', {
      body: backtestBody,
    }),
  }, async (request) => {
    const body = request.body as { rules: object[]; from: string; to: string; replace?: boolean };
    const fromMs = Date.parse(body.from);
    const toMs = Date.parse(body.to);
    if (!Number.isFinite(fromMs) || !Number.isFinite(toMs)) {
      const message = 'from and to are ISO 8601 times';
      throw new AppError('risk_backtest_period_invalid', message, { param: 'from' });
    }
    const replace = body.replace ?? false;
    return runBacktest(deps.store, { rules: body.rules, fromMs, toMs, replace });
  });
}

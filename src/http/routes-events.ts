/**
 * Events: the live stream to a terminal (Server-Sent Events, resumable by Last-Event-ID) and a
 * cursor-paginated feed for merchant systems and terminals.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../app/errors.ts';
import type { StoredEvent, Terminal } from '../app/ports.ts';
import { eventView } from '../app/views.ts';
import { eventPageMax, pageSizeDefault, pageSizeMax, streamPumpPagesMax } from '../lib/limits.ts';
import { errorResponses } from './schemas.ts';
import type { HttpContext } from './server.ts';

/** The push hub, as these routes see it (main.ts passes src/push's EventHub). */
export interface StreamHub {
  admit(): void;
  open(
    terminal: Terminal,
    lastSeq: number | null,
    sink: { write(chunk: string): void; bufferedBytes(): number; end(): void },
  ): Promise<() => void>;
}

const seqPattern = /^[0-9]{1,15}$/;

function parseSeq(value: string | undefined, param: string): number | null {
  if (value === undefined || value === '') return null;
  if (!seqPattern.test(value)) {
    throw new AppError('request_query_invalid', `${param} is an event sequence number`, { param });
  }
  return Number(value);
}

function lastEventIdOf(request: FastifyRequest): number | null {
  const header = request.headers['last-event-id'];
  if (typeof header === 'string' && header !== '') return parseSeq(header, 'Last-Event-ID');
  return parseSeq((request.query as Record<string, string>)['lastEventId'], 'lastEventId');
}

async function openStream(hub: StreamHub, request: FastifyRequest, reply: FastifyReply) {
  const caller = request.caller;
  if (caller?.kind !== 'terminal') {
    throw new AppError('auth_forbidden', 'streams are for terminals');
  }
  const lastSeq = lastEventIdOf(request);
  hub.admit();
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  res.write('retry: 2000\n: connected\n\n');
  const sink = {
    write: (chunk: string) => void (res.writableEnded || res.write(chunk)),
    bufferedBytes: () => res.writableLength,
    end: () => void (res.writableEnded || res.end()),
  };
  try {
    const close = await hub.open(caller.terminal, lastSeq, sink);
    request.raw.socket.on('close', close);
    res.on('close', close);
    if (res.destroyed) close();
  } catch (error) {
    request.log.error({ err: error }, 'event stream could not start');
    sink.end();
  }
}

interface FeedQuery {
  after?: string;
  limit?: string;
  merchantId?: string;
}

function feedScope(request: FastifyRequest): { merchantId: string; terminalId: string | null } {
  const caller = request.caller;
  const query = request.query as FeedQuery;
  if (caller?.kind === 'terminal') {
    return { merchantId: caller.terminal.merchantId, terminalId: caller.terminal.id };
  }
  if (caller?.kind === 'merchant') return { merchantId: caller.merchantId, terminalId: null };
  if (caller?.kind === 'operator' && query.merchantId) {
    return { merchantId: query.merchantId, terminalId: null };
  }
  throw new AppError('request_query_invalid', 'the operator names a merchantId', {
    param: 'merchantId',
  });
}

/** A page of events after `after`; a terminal's page skips other terminals' events. */
async function readFeed(ctx: HttpContext, request: FastifyRequest) {
  const query = request.query as FeedQuery;
  const scope = feedScope(request);
  const limit = parseSeq(query.limit, 'limit') ?? pageSizeDefault;
  if (limit < 1 || limit > pageSizeMax) {
    throw new AppError('request_query_invalid', `limit is 1 to ${pageSizeMax}`, { param: 'limit' });
  }
  let cursor = parseSeq(query.after, 'after') ?? 0;
  const data: StoredEvent[] = [];
  let hasMore = false;
  for (let page = 0; page < streamPumpPagesMax && data.length < limit; page++) {
    const want = scope.terminalId === null ? limit - data.length : eventPageMax;
    const rows = await ctx.deps.store.read.listEvents(scope.merchantId, cursor, want);
    let read = 0;
    for (const row of rows) {
      if (data.length >= limit) break;
      read += 1;
      cursor = row.seq;
      if (scope.terminalId === null || row.terminalId === scope.terminalId) data.push(row);
    }
    hasMore = rows.length === want || read < rows.length;
    if (!hasMore) break;
  }
  return { object: 'list', data: data.map(eventView), hasMore, nextCursor: String(cursor) };
}

export function registerEventRoutes(app: FastifyInstance, ctx: HttpContext, hub: StreamHub) {
  app.get('/v1/terminals/me/events', {
    config: { auth: ['terminal'] },
    schema: {
      tags: ['terminal'],
      summary: 'Live events of this terminal\'s orders (text/event-stream)',
      description: 'Resume with the Last-Event-ID header or ?lastEventId=<sequence>.',
      querystring: {
        type: 'object',
        properties: { lastEventId: { type: 'string', maxLength: 15 } },
      },
      response: errorResponses,
    },
  }, async (request, reply) => openStream(hub, request, reply));

  app.get('/v1/events', {
    config: { auth: ['terminal', 'merchant', 'operator'] },
    schema: {
      tags: ['events'],
      summary: 'Events after a sequence number, oldest first',
      description: 'Pass nextCursor back as `after`. Terminals see their own orders\' events.',
      querystring: {
        type: 'object',
        properties: {
          after: { type: 'string', maxLength: 15 },
          limit: { type: 'string', maxLength: 3 },
          merchantId: { type: 'string', maxLength: 64 },
        },
      },
      response: errorResponses,
    },
  }, async (request) => readFeed(ctx, request));
}

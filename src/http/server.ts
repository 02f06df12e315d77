import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { AppError } from '../app/errors.ts';
import type { AppDeps } from '../app/deps.ts';
import { AssertionFailure } from '../lib/assert.ts';
import { requestBodyBytesMax } from '../lib/limits.ts';
import { type Authenticate, type Caller, type CallerKind, createAuthenticator } from './auth.ts';
import { statusFor } from './errors.ts';
import { registerIdempotency } from './idempotency.ts';
import {
  callerRateKey,
  createRateLimiter,
  defaultProtection,
  type ProtectionOptions,
  registerLoadShedding,
} from './protection.ts';
import { fieldErrorCodes, sharedSchemas } from './schemas.ts';
import { registerAdminRoutes } from './routes-admin.ts';
import { registerPublicRoutes } from './routes-public.ts';
import { registerTerminalRoutes } from './routes-terminal.ts';
import { registerWalletRoutes } from './routes-wallet.ts';

declare module 'fastify' {
  interface FastifyRequest {
    caller: Caller | null;
  }
  interface FastifyContextConfig {
    /** Who may call this route; absent means anyone. */
    auth?: readonly CallerKind[];
  }
}

export interface HttpOptions {
  adminKeyHash: string;
  protection?: ProtectionOptions;
  logger?: boolean;
  /** Extra routes (push, webhooks, web apps) registered by main.ts. */
  plugins?: ((app: FastifyInstance, ctx: HttpContext) => Promise<void> | void)[];
}

export interface HttpContext {
  deps: AppDeps;
  authenticate: Authenticate;
}

/** The error body, the same for every failure: {"error":{"code","message","param"?}}. */
export function sendError(reply: FastifyReply, error: AppError<string>) {
  const status = statusFor(error.code) ?? 500;
  const retryAfter = error.details['retryAfterSeconds'];
  if (typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
  return reply.code(status).send({ error: { code: error.code, message: error.message, ...error.details } });
}

function validationToAppError(error: FastifyError): AppError<string> {
  const first = error.validation?.[0];
  const context = error.validationContext;
  if (context === 'querystring' || context === 'params') {
    const param = first?.instancePath.replace(/^\//, '') || undefined;
    return new AppError('request_query_invalid', error.message, param ? { param } : {});
  }
  if (first?.keyword === 'required') {
    const param = String((first.params as { missingProperty?: string }).missingProperty ?? '');
    return new AppError('request_field_missing', `${param} is required`, { param });
  }
  if (first?.keyword === 'additionalProperties') {
    const param = String((first.params as { additionalProperty?: string }).additionalProperty ?? '');
    return new AppError('request_field_unknown', `${param} is not a field of this request`, { param });
  }
  const param = first?.instancePath.replace(/^\//, '').replace(/\//g, '.') ?? '';
  if (param === '') return new AppError('request_body_invalid', 'the body must be a JSON object');
  const code = fieldErrorCodes[param] ?? 'request_field_invalid';
  return new AppError(code, `${param} ${first?.message ?? 'is invalid'}`, { param });
}

/** Maps anything thrown to the one error body; only real bugs become 500s. */
function toAppError(error: unknown, request: FastifyRequest): AppError<string> {
  if (error instanceof AppError) return error;
  const fe = error as FastifyError;
  if (fe.validation) return validationToAppError(fe);
  switch (fe.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('request_body_too_large', `bodies are at most ${requestBodyBytesMax} bytes`);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('request_content_type_unsupported', 'send Content-Type: application/json');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError('request_body_invalid', 'the body is not valid JSON');
    default:
      break;
  }
  if (fe.statusCode === 400 && !(error instanceof AssertionFailure)) {
    return new AppError('request_body_invalid', 'the request could not be read');
  }
  request.log.error({ err: error }, 'unexpected failure');
  return new AppError('internal_error', 'an internal error occurred; nothing was changed');
}

export async function buildHttpApp(deps: AppDeps, options: HttpOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ? { level: 'info', redact: ['req.headers.authorization'] } : false,
    bodyLimit: requestBodyBytesMax,
    // Strings stay strings: "100" is not an amount. Query strings are parsed by the routes.
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false, allErrors: false } },
    return503OnClosing: true,
  });
  app.decorateRequest('caller', null);
  for (const schema of sharedSchemas) app.addSchema(schema);

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'qrpay API',
        version: '1',
        description: 'QR-code payments at the point of sale. Amounts are integers in minor units.',
      },
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      },
      security: [{ bearer: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  const protection = options.protection ?? defaultProtection;
  registerLoadShedding(app, protection);
  const takeToken = createRateLimiter(protection, deps.clock);
  const authenticate = createAuthenticator(deps.store, options.adminKeyHash);
  app.addHook('preHandler', async (request) => {
    const allowed = request.routeOptions.config.auth;
    if (!allowed) {
      // Open routes (wallet sign-up, public documents) are limited per IP, except for the operator.
      const operator = request.headers.authorization
        ? await authenticate(request, ['operator']).catch(() => null)
        : null;
      if (!operator) takeToken('ip', request.ip);
      return;
    }
    try {
      request.caller = await authenticate(request, allowed);
    } catch (error) {
      takeToken('ip', request.ip); // guessing keys costs the guesser's IP its budget
      throw error;
    }
    const key = callerRateKey(request.caller, request);
    if (key) takeToken(key.kind, key.id);
  });
  registerIdempotency(app, deps);

  app.setErrorHandler((error, request, reply) => sendError(reply, toAppError(error, request)));
  app.setNotFoundHandler((request, reply) =>
    sendError(reply, new AppError('route_not_found', `no route ${request.method} ${request.url.split('?')[0]}`)),
  );

  const ctx: HttpContext = { deps, authenticate };
  registerPublicRoutes(app, ctx);
  registerAdminRoutes(app, ctx);
  registerTerminalRoutes(app, ctx);
  registerWalletRoutes(app, ctx);
  for (const plugin of options.plugins ?? []) await plugin(app, ctx);
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  return app;
}

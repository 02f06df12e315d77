/**
 * The composition root: the one place that reads configuration, picks adapters and wires them.
 */
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from './app/deps.ts';
import { expireOverdueOrders } from './app/order-actions.ts';
import type { Store } from './app/ports.ts';
import { createQRCodes } from './app/qr-codes.ts';
import { seedPresetRules } from './app/risk/rules.ts';
import { registerCatalogRoutes } from './http/routes-catalog.ts';
import { registerRiskRoutes } from './http/routes-risk.ts';
import { walletTopUpRoutes } from './http/routes-top-ups.ts';
import type { ProtectionOptions } from './http/protection.ts';
import { buildHttpApp, type HttpOptions } from './http/server.ts';
import { webRoutes } from './http/routes-web.ts';
import { onboardingRoutes } from './http/routes-onboarding.ts';
import { runLicenceChecks } from './app/onboarding/licence-job.ts';
import { licenceJobIntervalMs } from './lib/limits.ts';
import { createIdGenerator } from './lib/ids.ts';
import { randomToken } from './lib/crypto.ts';
import { createPaymentPasswords } from './lib/payment-passwords.ts';
import { loadSecrets, type SigningKeyRecord } from './secrets.ts';
import { makeSigningKeyRecord, qrKeysFromRecords } from './qr-keys.ts';
import { SqliteStore } from './storage/sqlite/sqlite-store.ts';
import { PostgresStore } from './storage/postgres/postgres-store.ts';
import { registerEventRoutes } from './http/routes-events.ts';
import { registerWebhookRoutes } from './http/routes-webhooks.ts';
import { createUrlGuard } from './push/address-guard.ts';
import { defaultHubOptions, EventHub, type HubOptions } from './push/event-hub.ts';
import {
  defaultDispatcherOptions,
  WebhookDispatcher,
  type DispatcherOptions,
} from './push/webhook-dispatcher.ts';

export interface PlatformOptions {
  /** Folder for the embedded database and the secrets file. */
  dataDir: string;
  /** postgres://… to run on PostgreSQL instead of the embedded store. */
  dbUrl?: string | undefined;
  /** PostgreSQL schema (tests give each run its own). */
  pgSchema?: string | undefined;
  port?: number;
  host?: string;
  logger?: boolean;
  /** The QR merchant-account GUI of this deployment (template 26, sub-ID 00). */
  guid?: string;
  /** How often the expiry job looks for overdue orders. */
  expiryIntervalMs?: number;
  /** A clock for tests. */
  nowMs?: () => number;
  plugins?: HttpOptions['plugins'];
  /** Rate limits and load shedding (tests lower them to provoke overload). */
  protection?: ProtectionOptions;
  /** The operator key to accept (else QRPAY_ADMIN_KEY, else generated on first run). */
  adminKey?: string;
  /** Let webhooks reach private and loopback addresses (else QRPAY_ALLOW_PRIVATE_WEBHOOKS=1). */
  allowPrivateWebhooks?: boolean;
  /** Webhook retry and timing settings (tests shorten them). */
  webhooks?: Partial<Omit<DispatcherOptions, 'log' | 'allowPrivate'>>;
  /** Event stream settings (tests shorten them). */
  streams?: Partial<Omit<HubOptions, 'log'>>;
  /** Serve over TLS with this key and certificate (see src/https.ts for `serve --https`). */
  https?: { key: string; cert: string } | undefined;
  /** Let wallets top themselves up from the simulated bank (`qrpay serve` unless --no-demo). */
  demoTopUps?: boolean;
}

export interface Platform {
  app: FastifyInstance;
  deps: AppDeps;
  url: string;
  /** Set only on the run that generated the operator key. */
  newAdminKey: string | null;
  close(): Promise<void>;
}

export async function openStore(options: Pick<PlatformOptions, 'dataDir' | 'dbUrl' | 'pgSchema'>): Promise<Store> {
  if (options.dbUrl) {
    return PostgresStore.open(options.dbUrl, options.pgSchema ? { schema: options.pgSchema } : {});
  }
  return SqliteStore.open(join(options.dataDir, 'qrpay.db'));
}

export function secretsPath(dataDir: string) {
  return join(dataDir, 'secrets.json');
}

export async function startPlatform(options: PlatformOptions): Promise<Platform> {
  const secrets = loadSecrets(
    secretsPath(options.dataDir),
    (at) => makeSigningKeyRecord(at),
    options.adminKey === undefined ? process.env : { ...process.env, QRPAY_ADMIN_KEY: options.adminKey },
  );
  const store = await openStore(options);
  const now = options.nowMs ?? Date.now;
  const keys = qrKeysFromRecords(secrets.file.qrSigningKeys as SigningKeyRecord[]);
  const deps: AppDeps = {
    store,
    clock: { nowMs: now },
    ids: { id: createIdGenerator(now), secret: randomToken },
    passwords: createPaymentPasswords(secrets.peppers),
    qrCodes: createQRCodes({ guid: options.guid ?? 'io.qrpay', ...keys }),
  };
  await seedPresetRules(deps);
  const push = startPush(deps, options);
  const app = await buildHttpApp(deps, {
    adminKeyHash: secrets.file.adminKeyHash,
    logger: options.logger ?? false,
    ...(options.protection ? { protection: options.protection } : {}),
    plugins: [push.routes, registerRiskRoutes, registerCatalogRoutes,
      walletTopUpRoutes({ enabled: options.demoTopUps ?? false }), ...(options.plugins ?? []), onboardingRoutes({
      dataDir: options.dataDir,
      webDir: fileURLToPath(new URL('../web/dist-onboarding', import.meta.url)),
    }), webRoutes()],
  });
  push.attach(app);
  const listen = { port: options.port ?? 0, host: options.host ?? '127.0.0.1' };
  const tls = options.https ? await listenHttps(app, options.https, listen) : null;
  const url = tls ? tls.url : await app.listen(listen);
  const expiry = startExpiryJob(deps, options.expiryIntervalMs ?? 500, app);
  const licences = startLicenceJob(deps, app);
  return {
    app,
    deps,
    url,
    newAdminKey: secrets.newAdminKey,
    async close() {
      clearInterval(expiry);
      await licences.stop();
      await push.stop();
      await tls?.close();
      await app.close();
      await store.close();
    },
  };
}

/**
 * Fastify's own server is plain HTTP (its options are fixed in http/server.ts); for TLS a node
 * https server hands each request to the same routing.
 */
async function listenHttps(
  app: FastifyInstance,
  tls: { key: string; cert: string },
  listen: { port: number; host: string },
) {
  await app.ready();
  const server = createHttpsServer({ key: tls.key, cert: tls.cert }, (req, res) =>
    app.routing(req, res));
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(listen.port, listen.host, () => done());
  });
  const { port } = server.address() as AddressInfo;
  const host = listen.host.includes(':') ? `[${listen.host}]` : listen.host;
  return {
    url: `https://${host}:${port}`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

/** The event hub (streams to terminals) and the webhook dispatcher, with their routes. */
function startPush(deps: AppDeps, options: PlatformOptions) {
  const allowPrivate = options.allowPrivateWebhooks
    ?? process.env['QRPAY_ALLOW_PRIVATE_WEBHOOKS'] === '1';
  let log: FastifyInstance['log'] | null = null;
  const logger = {
    warn: (obj: object, msg: string) => log?.warn(obj, msg),
    error: (obj: object, msg: string) => log?.error(obj, msg),
  };
  const hub = new EventHub(deps.store, { ...defaultHubOptions, ...options.streams, log: logger });
  const dispatcher = new WebhookDispatcher(deps, {
    ...defaultDispatcherOptions,
    ...options.webhooks,
    allowPrivate,
    log: logger,
  });
  const guard = createUrlGuard(allowPrivate);
  const routes: NonNullable<HttpOptions['plugins']>[number] = (app, ctx) => {
    registerEventRoutes(app, ctx, hub);
    registerWebhookRoutes(app, ctx, guard);
  };
  return {
    routes,
    attach(app: FastifyInstance) {
      log = app.log;
      // Streams never end by themselves: end them first, or app.close() would wait for them.
      app.addHook('preClose', (done) => {
        hub.stop();
        done();
      });
      hub.start();
      dispatcher.start();
    },
    async stop() {
      await dispatcher.stop();
      hub.stop();
    },
  };
}

/** Every node runs it; the guarded status update makes each order expire exactly once. */
function startExpiryJob(deps: AppDeps, intervalMs: number, app: FastifyInstance) {
  let running = false;
  return setInterval(() => {
    if (running) return;
    running = true;
    expireOverdueOrders(deps)
      .catch((error: unknown) => app.log.error({ err: error }, 'expiry job failed'))
      .finally(() => {
        running = false;
      });
  }, intervalMs).unref();
}

/**
 * The licence check (suspend expired, warn 30 days ahead) is idempotent per day, so each node
 * runs it at start and then hourly: a day boundary is acted on within the hour.
 */
function startLicenceJob(deps: AppDeps, app: FastifyInstance) {
  let running: Promise<unknown> = Promise.resolve();
  const run = () => {
    running = running
      .then(() => runLicenceChecks(deps))
      .catch((error: unknown) => app.log.error({ err: error }, 'licence job failed'));
  };
  run();
  const timer = setInterval(run, licenceJobIntervalMs).unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

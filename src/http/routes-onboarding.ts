import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { checkSession, signInApplicant, signUpApplicant } from '../app/onboarding/applicants.ts';
import {
  applicationHistory,
  createApplication,
  editApplication,
  listOwnApplications,
  requireApplication,
  requireOwnApplication,
  submitApplication,
  type FieldPatch,
} from '../app/onboarding/applications.ts';
import {
  DocumentFiles,
  documentMediaTypes,
  readDocument,
  uploadDocument,
} from '../app/onboarding/documents.ts';
import { documentKinds, fieldNames } from '../app/onboarding/fields.ts';
import { runLicenceChecks } from '../app/onboarding/licence-job.ts';
import {
  automaticChecks,
  claimApplication,
  decide,
  reviewQueue,
  setSuspended,
} from '../app/onboarding/review.ts';
import type { Application, ApplicationKind, ApplicationState,
  DocumentKind } from '../app/onboarding/types.ts';
import { applicationView, historyView, noticeView } from '../app/onboarding/views.ts';
import { AppError } from '../app/errors.ts';
import { createTerminal } from '../app/merchants.ts';
import type { AppDeps } from '../app/deps.ts';
import { terminalView } from '../app/views.ts';
import {
  applicantPasswordLengthMax,
  documentBytesMax,
  historyEntriesMax,
  nameLengthMax,
  pageSizeMax,
  reviewReasonLengthMax,
} from '../lib/limits.ts';
import { iso } from '../app/views.ts';
import type { HttpContext } from './server.ts';

const applicant = { auth: ['applicant'] } as const;
const applicantOrOperator = { auth: ['applicant', 'operator'] } as const;
const operator = { auth: ['operator'] } as const;
const tags = ['onboarding'];
const states = ['draft', 'submitted', 'in_review', 'approved', 'rejected', 'needs_changes',
  'suspended'];

const text = (maxLength: number) => ({ type: 'string', minLength: 1, maxLength }) as const;
const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', maxLength: 64 } },
} as const;
const documentParams = {
  type: 'object',
  required: ['id', 'kind'],
  properties: { id: { type: 'string', maxLength: 64 }, kind: { type: 'string',
    enum: documentKinds } },
} as const;
/** Raw values up to 400 characters; the validators decide the rest. */
const fieldsSchema = {
  type: 'object',
  additionalProperties: false,
  properties: Object.fromEntries(fieldNames.map((n) => [n, { type: ['string', 'null'],
    maxLength: 400 }])),
} as const;
const credentials = {
  type: 'object',
  additionalProperties: false,
  required: ['email', 'password'],
  properties: { email: { type: 'string', maxLength: 400 }, password: { type: 'string',
    maxLength: applicantPasswordLengthMax * 4 } },
} as const;
const claimBody = {
  type: 'object',
  additionalProperties: false,
  required: ['claimToken'],
  properties: { claimToken: text(64), reason: text(reviewReasonLengthMax) },
} as const;

function applicantId(deps: AppDeps, request: FastifyRequest): string {
  const caller = request.caller;
  if (caller?.kind !== 'applicant') throw new AppError('auth_forbidden', 'sign in as an applicant');
  checkSession(deps, caller);
  return caller.applicantId;
}

/** The applicant's own application, or any application for the operator. */
async function visibleApplication(deps: AppDeps, request: FastifyRequest, id: string) {
  if (request.caller?.kind === 'operator') return requireApplication(deps, id);
  return requireOwnApplication(deps, applicantId(deps, request), id);
}

async function fullView(deps: AppDeps, a: Application, full = false) {
  return applicationView(a, await deps.store.read.kyc.listDocuments(a.id), full);
}

export interface OnboardingOptions {
  dataDir: string;
  /** The built pages (vite.onboarding.config.ts); absent in tests that do not build them. */
  webDir?: string | undefined;
}

/** Applicants, applications, documents, review and the licence check, as a main.ts plugin. */
export function onboardingRoutes(options: OnboardingOptions) {
  const files = new DocumentFiles(join(options.dataDir, 'uploads'));
  return async function registerOnboarding(app: FastifyInstance, ctx: HttpContext) {
    registerApplicantRoutes(app, ctx);
    registerApplicationRoutes(app, ctx);
    registerDocumentRoutes(app, ctx, files);
    registerReviewRoutes(app, ctx);
    registerDecisionRoutes(app, ctx);
    await registerOnboardingPages(app, options.webDir);
  };
}

function registerApplicantRoutes(app: FastifyInstance, { deps }: HttpContext) {
  app.post('/v1/applicants', {
    schema: { tags, summary: 'Sign up to apply as a merchant', body: credentials },
  }, async (request, reply) => {
    const { email, password } = request.body as { email: string; password: string };
    const a = await signUpApplicant(deps, email, password);
    return reply.code(201).send({ id: a.id, email: a.email, createdAt: iso(a.createdAtMs) });
  });

  app.post('/v1/applicants/sessions', {
    schema: { tags, summary: 'Sign in; returns a qrp_app_ session token', body: credentials },
  }, async (request, reply) => {
    const { email, password } = request.body as { email: string; password: string };
    const s = await signInApplicant(deps, email, password);
    return reply.code(201).send({ token: s.token, applicantId: s.applicantId,
      expiresAt: iso(s.expiresAtMs) });
  });

  app.get('/v1/applicants/me', {
    config: applicant,
    schema: { tags, summary: 'The signed-in applicant and their applications' },
  }, async (request) => {
    const id = applicantId(deps, request);
    const found = await deps.store.read.kyc.getApplicant(id);
    const list = await listOwnApplications(deps, id);
    const applications = await Promise.all(list.map((a) => fullView(deps, a)));
    return { id, email: found?.email ?? null, applications };
  });
}

function registerApplicationRoutes(app: FastifyInstance, { deps }: HttpContext) {
  app.post('/v1/applications', {
    config: applicant,
    schema: {
      tags,
      summary: 'Start a draft application',
      body: {
        type: 'object',
        additionalProperties: false,
        required: ['kind'],
        properties: { kind: { type: 'string', enum: ['business', 'micro'] }, fields: fieldsSchema },
      },
    },
  }, async (request, reply) => {
    const body = request.body as { kind: ApplicationKind; fields?: FieldPatch };
    const a = await createApplication(deps, applicantId(deps, request), body.kind,
      body.fields ?? {});
    return reply.code(201).send(await fullView(deps, a));
  });

  app.get('/v1/applications/:id', {
    config: applicantOrOperator,
    schema: { tags,
      summary: 'An application, with per-field reasons (numbers masked once submitted)',
        params: idParams },
  }, async (request) => {
    const a = await visibleApplication(deps, request, (request.params as { id: string }).id);
    const notices = await deps.store.read.kyc.listLicenceNotices(a.id, historyEntriesMax);
    return { ...(await fullView(deps, a)), notices: notices.map(noticeView) };
  });

  app.patch('/v1/applications/:id', {
    config: applicant,
    schema: {
      tags,
      summary: 'Edit fields of a draft (or of an application sent back); null clears a field',
      params: idParams,
      body: { type: 'object', additionalProperties: false, required: ['fields'],
        properties: { fields: fieldsSchema } },
    },
  }, async (request) => {
    const { id } = request.params as { id: string };
    const { fields } = request.body as { fields: FieldPatch };
    return fullView(deps, await editApplication(deps, applicantId(deps, request), id, fields));
  });

  app.post('/v1/applications/:id/submit', {
    config: applicant,
    schema: { tags, summary: 'Submit (or resubmit) for review', params: idParams },
  }, async (request) => {
    const { id } = request.params as { id: string };
    return fullView(deps, await submitApplication(deps, applicantId(deps, request), id));
  });

  app.get('/v1/applications/:id/history', {
    config: applicantOrOperator,
    schema: { tags, summary: 'Every transition: who, when, why, which fields', params: idParams },
  }, async (request) => {
    const a = await visibleApplication(deps, request, (request.params as { id: string }).id);
    return { object: 'list', data: (await applicationHistory(deps, a.id)).map(historyView) };
  });

  app.post('/v1/applications/:id/terminals', {
    config: applicantOrOperator,
    schema: {
      tags,
      summary: 'Create a terminal for the approved merchant; its API key is returned once',
      params: idParams,
      body: { type: 'object', additionalProperties: false,
        properties: { name: text(nameLengthMax) } },
    },
  }, async (request, reply) => {
    const a = await visibleApplication(deps, request, (request.params as { id: string }).id);
    if (a.merchantId === null) {
      throw new AppError('merchant_not_approved', 'the application has not been approved');
    }
    const name = (request.body as { name?: string } | undefined)?.name ?? 'Terminal';
    const { terminal, apiKey } = await createTerminal(deps, a.merchantId, name);
    return reply.code(201).send({ ...terminalView(terminal), apiKey });
  });
}

function registerDocumentRoutes(app: FastifyInstance, { deps }: HttpContext, files: DocumentFiles) {
  app.addContentTypeParser(
    [...documentMediaTypes],
    { parseAs: 'buffer', bodyLimit: documentBytesMax },
    (_request, body, done) => done(null, body),
  );

  app.put('/v1/applications/:id/documents/:kind', {
    config: applicant,
    bodyLimit: documentBytesMax,
    schema: { tags, summary: 'Upload a document: the raw bytes, typed by Content-Type',
      params: documentParams },
    preParsing: async (request) => {
      const length = Number(request.headers['content-length'] ?? 0);
      if (length > documentBytesMax) {
        throw new AppError('document_too_large', `documents are at most ${documentBytesMax} bytes`);
      }
    },
  }, async (request, reply) => {
    const { id, kind } = request.params as { id: string; kind: DocumentKind };
    const before = await requireOwnApplication(deps, applicantId(deps, request), id);
    const declaredType = String(request.headers['content-type'] ?? '').split(';')[0]?.trim() ?? '';
    if (!Buffer.isBuffer(request.body)) {
      throw new AppError('request_content_type_unsupported',
        `send ${documentMediaTypes.join(', ')}`);
    }
    const stored = await uploadDocument(deps, files, before, { kind, declaredType,
      bytes: request.body });
    return reply.code(200).send({ kind: stored.kind, mediaType: stored.mediaType,
      bytes: stored.bytes,
      sha256: stored.sha256, uploadedAt: iso(stored.uploadedAtMs) });
  });

  app.get('/v1/applications/:id/documents/:kind', {
    config: applicantOrOperator,
    schema: { tags, summary: 'A document, to its applicant and reviewers only',
      params: documentParams },
  }, async (request, reply) => {
    const { id, kind } = request.params as { id: string; kind: DocumentKind };
    const a = await visibleApplication(deps, request, id);
    const { document, bytes } = await readDocument(deps, files, a.id, kind);
    return reply
      .header('content-type', document.mediaType)
      .header('cache-control', 'private, no-store')
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .send(bytes);
  });
}

function registerReviewRoutes(app: FastifyInstance, { deps }: HttpContext) {
  app.get('/v1/review/applications', {
    config: operator,
    schema: {
      tags,
      summary: 'The review queue, oldest submission first',
      querystring: {
        type: 'object',
        additionalProperties: false,
        properties: { state: { type: 'string', enum: states }, limit: { type: 'string',
          pattern: '^[0-9]{1,3}$' } },
      },
    },
  }, async (request) => {
    const q = request.query as { state?: ApplicationState; limit?: string };
    const limit = Math.max(1, Math.min(Number(q.limit ?? pageSizeMax), pageSizeMax));
    const rows = await reviewQueue(deps, q.state ?? 'submitted', limit);
    return { object: 'list', data: await Promise.all(rows.map((a) => fullView(deps, a))) };
  });

  app.get('/v1/review/applications/:id', {
    config: operator,
    schema: { tags, summary: 'The case: every field unmasked, documents, checks, history',
      params: idParams },
  }, async (request) => {
    const a = await requireApplication(deps, (request.params as { id: string }).id);
    const history = await applicationHistory(deps, a.id);
    const checks = await automaticChecks(deps, a);
    return {
      ...(await fullView(deps, a, true)),
      checks: { ...checks, notices: checks.notices.map(noticeView) },
      history: history.map(historyView),
    };
  });

  app.post('/v1/review/applications/:id/claim', {
    config: operator,
    schema: {
      tags,
      summary: 'Take the case for a while; actions need the claim token',
      params: idParams,
      body: { type: 'object', additionalProperties: false, required: ['reviewer'],
        properties: { reviewer: text(nameLengthMax) } },
    },
  }, async (request) => {
    const { id } = request.params as { id: string };
    const { reviewer } = request.body as { reviewer: string };
    const claim = await claimApplication(deps, id, reviewer);
    return { claimToken: claim.claimToken, claimedBy: claim.claimedBy,
      leaseExpiresAt: iso(claim.leaseExpiresAtMs) };
  });

  app.post('/v1/review/licence-checks', {
    config: operator,
    schema: { tags,
      summary: 'Run the daily licence check now (suspend expired, warn 30 days ahead)' },
  }, async () => runLicenceChecks(deps));
}

function registerDecisionRoutes(app: FastifyInstance, { deps }: HttpContext) {
  const post = (path: string, summary: string, body: object, act: (id: string,
    b: any) => Promise<Application>) =>
    app.post(`/v1/review/applications/:id/${path}`, { config: operator, schema: { tags, summary,
      params: idParams, body } },
      async (request) => fullView(deps, await act((request.params as { id: string }).id,
        request.body), true));

  post('approve', 'Approve: creates the merchant', claimBody, (id,
    b: { claimToken: string; reason?: string }) =>
    decide(deps, id, b.claimToken, { action: 'approve', reason: b.reason ?? null }));
  post('reject', 'Reject with a reason', { ...claimBody, required: ['claimToken', 'reason'] },
    (id, b: { claimToken: string; reason: string }) => decide(deps, id, b.claimToken,
      { action: 'reject', reason: b.reason }));
  post('request-changes', 'Send back, with a reason per named field or document', {
    type: 'object',
    additionalProperties: false,
    required: ['claimToken', 'fields'],
    properties: {
      claimToken: text(64),
      fields: { type: 'object', minProperties: 1, maxProperties: 30,
        additionalProperties: text(reviewReasonLengthMax) },
    },
  }, (id, b: { claimToken: string; fields: Record<string, string> }) =>
    decide(deps, id, b.claimToken, { action: 'request_changes', fields: b.fields }));
  const reasonBody = { type: 'object', additionalProperties: false, required: ['reason'],
    properties: { reason: text(reviewReasonLengthMax) } };
  post('suspend', 'Suspend an approved merchant', reasonBody, (id, b: { reason: string }) =>
    setSuspended(deps, id, true, { actor: 'operator', reason: b.reason }));
  post('reinstate', 'Reinstate a suspended merchant (licence must be current)', reasonBody, (id,
    b: { reason: string }) =>
    setSuspended(deps, id, false, { actor: 'operator', reason: b.reason }));
}

/**
 * The applicant's and the reviewers' pages (built by vite.onboarding.config.ts into
 * web/dist-onboarding): assets under /onboarding/, the two documents at /apply and /review.
 */
async function registerOnboardingPages(app: FastifyInstance, webDir: string | undefined) {
  if (webDir === undefined || !existsSync(join(webDir, 'apply.html'))) return;
  await app.register(fastifyStatic, { root: webDir, prefix: '/onboarding/', decorateReply: false });
  for (const page of ['apply', 'review'] as const) {
    const html = readFileSync(join(webDir, `${page}.html`), 'utf8');
    app.get(`/${page}`, { schema: { hide: true } }, async (_request, reply) =>
      reply.header('content-type', 'text/html; charset=utf-8').send(html));
  }
}

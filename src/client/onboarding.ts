/**
 * Typed helpers and wire types for merchant onboarding (docs/onboarding.md): applicants,
 * applications, documents, and the reviewers' queue and decisions. JSON calls go through
 * createClient's `request`; documents travel as raw bytes with their own Content-Type.
 */
import { ApiError, createClient, type ClientOptions } from './client.ts';
import type { ApiErrorBody, TerminalView } from './types.ts';

export type ApplicationKind = 'business' | 'micro';
export type ApplicationState =
  | 'draft'
  | 'submitted'
  | 'in_review'
  | 'approved'
  | 'rejected'
  | 'needs_changes'
  | 'suspended';

/** The fields in the order the platform checks them; `kinds` says which applications have it. */
export const applicationFieldSpecs = [
  { name: 'legalName', kinds: ['business'] },
  { name: 'uscc', kinds: ['business'] },
  { name: 'licenceValidFrom', kinds: ['business'] },
  { name: 'licenceValidTo', kinds: ['business'] },
  { name: 'registeredAddress', kinds: ['business'] },
  { name: 'legalRepName', kinds: ['business', 'micro'] },
  { name: 'legalRepIdNumber', kinds: ['business', 'micro'] },
  { name: 'contactPhone', kinds: ['business', 'micro'] },
  { name: 'contactEmail', kinds: ['business', 'micro'] },
  { name: 'settlementAccountHolder', kinds: ['business', 'micro'] },
  { name: 'settlementCardNumber', kinds: ['business', 'micro'] },
  { name: 'storeName', kinds: ['business', 'micro'] },
  { name: 'storeCity', kinds: ['business', 'micro'] },
  { name: 'storeAddress', kinds: ['business', 'micro'] },
  { name: 'mcc', kinds: ['business', 'micro'] },
] as const satisfies readonly { name: string; kinds: readonly ApplicationKind[] }[];

export type ApplicationFieldName = (typeof applicationFieldSpecs)[number]['name'];

export const documentKinds = [
  'licence', 'id_front', 'id_back', 'storefront', 'counter', 'interior',
] as const;
export type DocumentKind = (typeof documentKinds)[number];

/** What submitting needs, besides every field of the kind (docs/onboarding.md). */
export function requiredDocumentKinds(kind: ApplicationKind): DocumentKind[] {
  return kind === 'business'
    ? ['licence', 'id_front', 'id_back', 'storefront']
    : ['id_front', 'id_back', 'storefront'];
}

export function fieldNamesFor(kind: ApplicationKind): ApplicationFieldName[] {
  return applicationFieldSpecs
    .filter((s) => (s.kinds as readonly ApplicationKind[]).includes(kind))
    .map((s) => s.name);
}

/** A licence that does not end (长期), as `licenceValidTo`. */
export const licenceLongTerm = 'long_term';

export const documentMediaTypes = [
  'image/jpeg', 'image/png', 'image/webp', 'application/pdf',
] as const;
export type DocumentMediaType = (typeof documentMediaTypes)[number];

export interface ApplicantView {
  id: string;
  email: string;
  createdAt: string;
}

export interface ApplicantSession {
  token: string;
  applicantId: string;
  expiresAt: string;
}

export interface DocumentView {
  kind: DocumentKind;
  mediaType: DocumentMediaType;
  bytes: number;
  sha256: string;
  uploadedAt: string;
  url: string;
}

export interface ApplicationView {
  id: string;
  kind: ApplicationKind;
  state: ApplicationState;
  /** Normalized values; the ID and card numbers are masked once submitted (not for reviewers). */
  fields: Partial<Record<ApplicationFieldName, string>>;
  /** Reviewers' reasons per field or document kind, after a request for changes. */
  reasons: Record<string, string>;
  merchantId: string | null;
  documents: DocumentView[];
  claim: { claimedBy: string; leaseExpiresAt: string | null } | null;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
}

export interface LicenceNoticeView {
  kind: string;
  licenceValidTo: string;
  at: string;
}

export interface HistoryEntryView {
  from: ApplicationState | null;
  to: ApplicationState;
  actor: string;
  reason: string | null;
  detail: { changedFields?: string[]; fields?: Record<string, string>; merchantId?: string }
    | null;
  at: string;
}

export type CheckResult =
  | { valid: true; facts: Record<string, unknown> }
  | { valid: false; code: string }
  | null;

export interface DuplicateHit {
  field: 'uscc' | 'legalRepIdNumber' | 'settlementCardNumber';
  applicationId: string;
  state: ApplicationState;
  merchantId: string | null;
}

export interface ReviewCaseView extends ApplicationView {
  checks: {
    uscc: CheckResult;
    legalRepIdNumber: CheckResult;
    settlementCardNumber: CheckResult;
    accountHolderMatches: boolean;
    duplicates: DuplicateHit[];
    notices: LicenceNoticeView[];
  };
  history: HistoryEntryView[];
}

export interface ClaimView {
  claimToken: string;
  claimedBy: string;
  leaseExpiresAt: string;
}

/** A field patch: a value sets a field, null clears it. */
export type FieldPatch = Partial<Record<ApplicationFieldName, string | null>>;

/** Throws the API's error for a failed response (the same shape createClient throws). */
async function failure(response: Response): Promise<never> {
  const text = await response.text();
  let body: ApiErrorBody | null = null;
  try {
    body = text === '' ? null : (JSON.parse(text) as ApiErrorBody);
  } catch {
    body = null;
  }
  const { code = 'http_error', message = response.statusText, ...details } = body?.error ?? {};
  throw new ApiError(response.status, String(code), String(message), details);
}

export function createOnboardingClient(options: ClientOptions) {
  const base = createClient(options);
  const { request } = base;
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const auth = (): Record<string, string> =>
    options.key ? { authorization: `Bearer ${options.key}` } : {};
  const app = (id: string) => `/v1/applications/${encodeURIComponent(id)}`;
  const review = (id: string) => `/v1/review/applications/${encodeURIComponent(id)}`;
  return {
    ...base,
    // applicants
    signUp: (email: string, password: string) =>
      request<ApplicantView>('POST', '/v1/applicants', { email, password }),
    signIn: (email: string, password: string) =>
      request<ApplicantSession>('POST', '/v1/applicants/sessions', { email, password }),
    applicant: () => request<ApplicantView & { applications: ApplicationView[] }>(
      'GET', '/v1/applicants/me'),
    // applications
    createApplication: (kind: ApplicationKind, fields: FieldPatch = {}) =>
      request<ApplicationView>('POST', '/v1/applications', { kind, fields }),
    getApplication: (id: string) =>
      request<ApplicationView & { notices: LicenceNoticeView[] }>('GET', app(id)),
    editApplication: (id: string, fields: FieldPatch) =>
      request<ApplicationView>('PATCH', app(id), { fields }),
    submitApplication: (id: string) =>
      request<ApplicationView>('POST', `${app(id)}/submit`, {}),
    history: (id: string) =>
      request<{ object: 'list'; data: HistoryEntryView[] }>('GET', `${app(id)}/history`),
    createApplicationTerminal: (id: string, name?: string) =>
      request<TerminalView & { apiKey: string }>('POST', `${app(id)}/terminals`,
        name === undefined ? {} : { name }),
    // documents: raw bytes, typed by Content-Type (the platform checks the magic bytes)
    async uploadDocument(id: string, kind: DocumentKind, body: Blob | Uint8Array,
      mediaType: string): Promise<Omit<DocumentView, 'url'>> {
      const response = await doFetch(`${options.baseUrl}${app(id)}/documents/${kind}`, {
        method: 'PUT',
        headers: { ...auth(), accept: 'application/json', 'content-type': mediaType },
        body: body as BodyInit,
      });
      if (!response.ok) return failure(response);
      return (await response.json()) as Omit<DocumentView, 'url'>;
    },
    async downloadDocument(id: string, kind: DocumentKind): Promise<Blob> {
      const response = await doFetch(`${options.baseUrl}${app(id)}/documents/${kind}`, {
        headers: auth(),
      });
      if (!response.ok) return failure(response);
      return response.blob();
    },
    // review (operator key)
    reviewQueue: (state: ApplicationState = 'submitted', limit?: number) =>
      request<{ object: 'list'; data: ApplicationView[] }>('GET',
        `/v1/review/applications?state=${state}${limit === undefined ? '' : `&limit=${limit}`}`),
    reviewCase: (id: string) => request<ReviewCaseView>('GET', review(id)),
    claim: (id: string, reviewer: string) =>
      request<ClaimView>('POST', `${review(id)}/claim`, { reviewer }),
    approve: (id: string, claimToken: string, reason?: string) =>
      request<ApplicationView>('POST', `${review(id)}/approve`,
        reason === undefined || reason === '' ? { claimToken } : { claimToken, reason }),
    reject: (id: string, claimToken: string, reason: string) =>
      request<ApplicationView>('POST', `${review(id)}/reject`, { claimToken, reason }),
    requestChanges: (id: string, claimToken: string, fields: Record<string, string>) =>
      request<ApplicationView>('POST', `${review(id)}/request-changes`, { claimToken, fields }),
    suspend: (id: string, reason: string) =>
      request<ApplicationView>('POST', `${review(id)}/suspend`, { reason }),
    reinstate: (id: string, reason: string) =>
      request<ApplicationView>('POST', `${review(id)}/reinstate`, { reason }),
  };
}

export type OnboardingClient = ReturnType<typeof createOnboardingClient>;

import type {
  Application,
  HistoryEntry,
  LicenceNotice,
  StoredDocument,
} from '../modules/kyc-ports.ts';
import { iso } from '../views.ts';
import { maskFields } from './fields.ts';

const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));

export function documentView(d: StoredDocument) {
  return {
    kind: d.kind,
    mediaType: d.mediaType,
    bytes: d.bytes,
    sha256: d.sha256,
    uploadedAt: iso(d.uploadedAtMs),
    url: `/v1/applications/${d.applicationId}/documents/${d.kind}`,
  };
}

export function historyView(h: HistoryEntry) {
  return {
    from: h.fromState,
    to: h.toState,
    actor: h.actor,
    reason: h.reason,
    detail: h.detail === null ? null : (JSON.parse(h.detail) as unknown),
    at: iso(h.createdAtMs),
  };
}

export function noticeView(n: LicenceNotice) {
  return { kind: n.kind, licenceValidTo: n.licenceValidTo, at: iso(n.createdAtMs) };
}

/**
 * What an applicant (and the review queue) sees. Once an application has been submitted the ID
 * and card numbers are masked; only the reviewers' case page shows them whole.
 */
export function applicationView(a: Application, documents: StoredDocument[], full = false) {
  const mask = !full && a.submittedAtMs !== null;
  return {
    id: a.id,
    kind: a.kind,
    state: a.state,
    fields: mask ? maskFields(a.fields) : a.fields,
    reasons: a.reasons,
    merchantId: a.merchantId,
    documents: documents.map(documentView),
    claim: a.state === 'in_review' && a.claimedBy !== null
      ? { claimedBy: a.claimedBy, leaseExpiresAt: isoOrNull(a.claimUntilMs) }
      : null,
    createdAt: iso(a.createdAtMs),
    updatedAt: iso(a.updatedAtMs),
    submittedAt: isoOrNull(a.submittedAtMs),
  };
}

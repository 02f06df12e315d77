import type {
  Applicant,
  ApplicantSession,
  Application,
  ApplicationKind,
  ApplicationState,
  ClaimRequest,
  DocumentKind,
  DuplicateHit,
  HistoryEntry,
  KycTx,
  LicenceNotice,
  LicenceNoticeKind,
  MediaType,
  StoredDocument,
} from '../../app/modules/kyc-ports.ts';
import type { Row, SqlExecutor, SqlValue } from './executor.ts';
import { num, numOrNull, SqlQueries, str, strOrNull } from './columns.ts';


function json<T>(text: string): T {
  return JSON.parse(text) as T;
}

function toApplicant(row: Row): Applicant {
  return {
    id: str(row, 'id'),
    email: str(row, 'email'),
    passwordSalt: str(row, 'password_salt'),
    passwordHash: str(row, 'password_hash'),
    createdAtMs: num(row, 'created_at_ms'),
  };
}

function toSession(row: Row): ApplicantSession {
  return {
    tokenHash: str(row, 'token_hash'),
    applicantId: str(row, 'applicant_id'),
    createdAtMs: num(row, 'created_at_ms'),
    expiresAtMs: num(row, 'expires_at_ms'),
  };
}

function toApplication(row: Row): Application {
  const submitted = strOrNull(row, 'submitted');
  return {
    id: str(row, 'id'),
    applicantId: str(row, 'applicant_id'),
    kind: str(row, 'kind') as ApplicationKind,
    state: str(row, 'state') as ApplicationState,
    fields: json(str(row, 'fields')),
    reasons: json(str(row, 'reasons')),
    submitted: submitted === null ? null : json(submitted),
    merchantId: strOrNull(row, 'merchant_id'),
    claimedBy: strOrNull(row, 'claimed_by'),
    claimTokenHash: strOrNull(row, 'claim_token_hash'),
    claimUntilMs: numOrNull(row, 'claim_until_ms'),
    uploads: num(row, 'uploads'),
    createdAtMs: num(row, 'created_at_ms'),
    updatedAtMs: num(row, 'updated_at_ms'),
    submittedAtMs: numOrNull(row, 'submitted_at_ms'),
  };
}

function toHistory(row: Row): HistoryEntry {
  return {
    applicationId: str(row, 'application_id'),
    fromState: strOrNull(row, 'from_state') as ApplicationState | null,
    toState: str(row, 'to_state') as ApplicationState,
    actor: str(row, 'actor'),
    reason: strOrNull(row, 'reason'),
    detail: strOrNull(row, 'detail'),
    createdAtMs: num(row, 'created_at_ms'),
  };
}

function toDocument(row: Row): StoredDocument {
  return {
    applicationId: str(row, 'application_id'),
    kind: str(row, 'kind') as DocumentKind,
    sha256: str(row, 'sha256'),
    mediaType: str(row, 'media_type') as MediaType,
    bytes: num(row, 'bytes'),
    uploadedAtMs: num(row, 'uploaded_at_ms'),
  };
}

function toNotice(row: Row): LicenceNotice {
  return {
    applicationId: str(row, 'application_id'),
    merchantId: str(row, 'merchant_id'),
    kind: str(row, 'kind') as LicenceNoticeKind,
    licenceValidTo: str(row, 'licence_valid_to'),
    createdAtMs: num(row, 'created_at_ms'),
  };
}

/** The columns of an application row, in insert order. */
function applicationValues(a: Application): SqlValue[] {
  const f = a.fields;
  return [
    a.applicantId, a.kind, a.state, JSON.stringify(f), JSON.stringify(a.reasons),
    a.submitted === null ? null : JSON.stringify(a.submitted), f['uscc'] ?? null,
    f['legalRepIdNumber'] ?? null, f['settlementCardNumber'] ?? null,
    f['licenceValidTo'] ?? null, a.merchantId, a.claimedBy, a.claimTokenHash, a.claimUntilMs,
    a.uploads, a.createdAtMs, a.updatedAtMs, a.submittedAtMs,
  ];
}

const duplicateColumns = [
  ['uscc', 'uscc'],
  ['legalRepIdNumber', 'legal_rep_id'],
  ['settlementCardNumber', 'card_number'],
] as const;

/** SQL for the kyc module, over the same executor (and transaction) as the core. */
export class SqlKycTx extends SqlQueries implements KycTx {
  getApplicant(id: string) {
    return this.one('SELECT * FROM applicants WHERE id = ?', [id], toApplicant);
  }
  getApplicantByEmail(email: string) {
    return this.one('SELECT * FROM applicants WHERE email = ?', [email], toApplicant);
  }
  async insertApplicant(a: Applicant) {
    await this.db.run(
      `INSERT INTO applicants (id, email, password_salt, password_hash, created_at_ms)
       VALUES (?,?,?,?,?)`,
      [a.id, a.email, a.passwordSalt, a.passwordHash, a.createdAtMs],
    );
  }
  async insertApplicantSession(s: ApplicantSession) {
    await this.db.run(
      `INSERT INTO applicant_sessions (token_hash, applicant_id, created_at_ms, expires_at_ms)
       VALUES (?,?,?,?)`,
      [s.tokenHash, s.applicantId, s.createdAtMs, s.expiresAtMs],
    );
  }
  getApplicantSession(tokenHash: string) {
    return this.one(
      'SELECT * FROM applicant_sessions WHERE token_hash = ?',
      [tokenHash],
      toSession,
    );
  }

  getApplication(id: string) {
    return this.one('SELECT * FROM applications WHERE id = ?', [id], toApplication);
  }
  async countApplications(applicantId: string) {
    const row = await this.db.get(
      'SELECT COUNT(*) AS n FROM applications WHERE applicant_id = ?',
      [applicantId],
    );
    return row === undefined ? 0 : Number(row['n']);
  }
  listApplicationsOf(applicantId: string, limit: number) {
    return this.many(
      'SELECT * FROM applications WHERE applicant_id = ? ORDER BY id LIMIT ?',
      [applicantId, limit],
      toApplication,
    );
  }
  listApplicationsByState(state: ApplicationState, limit: number) {
    return this.many(
      `SELECT * FROM applications WHERE state = ?
       ORDER BY COALESCE(submitted_at_ms, ?), id LIMIT ?`,
      [state, Number.MAX_SAFE_INTEGER, limit],
      toApplication,
    );
  }
  listApprovedLicencesEndingBy(validToMax: string, limit: number) {
    return this.many(
      `SELECT * FROM applications WHERE state = 'approved' AND licence_valid_to IS NOT NULL
       AND licence_valid_to <= ? ORDER BY licence_valid_to, id LIMIT ?`,
      [validToMax, limit],
      toApplication,
    );
  }
  async insertApplication(a: Application) {
    await this.db.run(
      `INSERT INTO applications (id, applicant_id, kind, state, fields, reasons, submitted, uscc,
       legal_rep_id, card_number, licence_valid_to, merchant_id, claimed_by, claim_token_hash,
       claim_until_ms, uploads, created_at_ms, updated_at_ms, submitted_at_ms)
       VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
      [a.id, ...applicationValues(a)],
    );
  }
  async updateApplication(a: Application, expected: ApplicationState) {
    const changed = await this.db.run(
      `UPDATE applications SET applicant_id = ?, kind = ?, state = ?, fields = ?, reasons = ?,
       submitted = ?, uscc = ?, legal_rep_id = ?, card_number = ?, licence_valid_to = ?,
       merchant_id = ?, claimed_by = ?, claim_token_hash = ?, claim_until_ms = ?, uploads = ?,
       created_at_ms = ?, updated_at_ms = ?, submitted_at_ms = ?
       WHERE id = ? AND state = ?`,
      [...applicationValues(a), a.id, expected],
    );
    return changed === 1;
  }
  async claimApplication(c: ClaimRequest) {
    // The guard is repeated by PostgreSQL on the newest row version after a competing claim
    // commits, so of two racing reviewers exactly one takes the lease.
    const changed = await this.db.run(
      `UPDATE applications SET state = 'in_review', claimed_by = ?, claim_token_hash = ?,
       claim_until_ms = ?, updated_at_ms = ?
       WHERE id = ? AND (state = 'submitted'
         OR (state = 'in_review' AND (claim_until_ms IS NULL OR claim_until_ms <= ?)))`,
      [c.reviewer, c.tokenHash, c.untilMs, c.nowMs, c.id, c.nowMs],
    );
    return changed === 1;
  }
  async findDuplicates(a: Application) {
    const hits: DuplicateHit[] = [];
    for (const [field, column] of duplicateColumns) {
      const value = a.fields[field];
      if (value === undefined) continue;
      const rows = await this.db.all(
        `SELECT id, state, merchant_id FROM applications
         WHERE ${column} = ? AND id <> ? AND state <> 'draft' ORDER BY id LIMIT 20`,
        [value, a.id],
      );
      for (const row of rows) {
        hits.push({
          field,
          applicationId: str(row, 'id'),
          state: str(row, 'state') as ApplicationState,
          merchantId: strOrNull(row, 'merchant_id'),
        });
      }
    }
    return hits;
  }

  async appendHistory(h: HistoryEntry) {
    await this.db.run(
      `INSERT INTO application_history (application_id, from_state, to_state, actor, reason,
       detail, created_at_ms) VALUES (?,?,?,?,?,?,?)`,
      [h.applicationId, h.fromState, h.toState, h.actor, h.reason, h.detail, h.createdAtMs],
    );
  }
  listHistory(applicationId: string, limit: number) {
    return this.many(
      'SELECT * FROM application_history WHERE application_id = ? ORDER BY id LIMIT ?',
      [applicationId, limit],
      toHistory,
    );
  }

  async putDocument(d: StoredDocument) {
    await this.db.run(
      'DELETE FROM application_documents WHERE application_id = ? AND kind = ?',
      [d.applicationId, d.kind],
    );
    await this.db.run(
      `INSERT INTO application_documents (application_id, kind, sha256, media_type, bytes,
       uploaded_at_ms) VALUES (?,?,?,?,?,?)`,
      [d.applicationId, d.kind, d.sha256, d.mediaType, d.bytes, d.uploadedAtMs],
    );
  }
  getDocument(applicationId: string, kind: DocumentKind) {
    return this.one(
      'SELECT * FROM application_documents WHERE application_id = ? AND kind = ?',
      [applicationId, kind],
      toDocument,
    );
  }
  listDocuments(applicationId: string) {
    return this.many(
      'SELECT * FROM application_documents WHERE application_id = ? ORDER BY kind',
      [applicationId],
      toDocument,
    );
  }

  async insertLicenceNotice(n: LicenceNotice) {
    const changed = await this.db.run(
      `INSERT INTO licence_notices (application_id, merchant_id, kind, licence_valid_to,
       created_at_ms) VALUES (?,?,?,?,?)
       ON CONFLICT (application_id, kind, licence_valid_to) DO NOTHING`,
      [n.applicationId, n.merchantId, n.kind, n.licenceValidTo, n.createdAtMs],
    );
    return changed === 1;
  }
  listLicenceNotices(applicationId: string, limit: number) {
    return this.many(
      `SELECT * FROM licence_notices WHERE application_id = ?
       ORDER BY created_at_ms, kind LIMIT ?`,
      [applicationId, limit],
      toNotice,
    );
  }
  async setMerchantStatus(id: string, status: string, expected: string) {
    const changed = await this.db.run(
      'UPDATE merchants SET status = ? WHERE id = ? AND status = ?',
      [status, id, expected],
    );
    return changed === 1;
  }
  async paidAmountSince(merchantId: string, fromMs: number) {
    const row = await this.db.get(
      `SELECT COALESCE(SUM(amount), 0) AS total FROM orders
       WHERE merchant_id = ? AND paid_at_ms >= ?`,
      [merchantId, fromMs],
    );
    return row === undefined ? 0 : Number(row['total']);
  }
}

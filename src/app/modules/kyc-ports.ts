/**
 * Storage operations of the kyc module (merchant onboarding), reached as `tx.kyc` inside a
 * transaction and `store.read.kyc` for reads.
 */

export type ApplicationKind = 'business' | 'micro';

export type ApplicationState =
  | 'draft'
  | 'submitted'
  | 'in_review'
  | 'approved'
  | 'rejected'
  | 'needs_changes'
  | 'suspended';

export type DocumentKind = 'licence' | 'id_front' | 'id_back' | 'storefront' | 'counter' |
  'interior';

export type MediaType = 'image/jpeg' | 'image/png' | 'image/webp' | 'application/pdf';

export interface Applicant {
  readonly id: string;
  readonly email: string;
  readonly passwordSalt: string;
  readonly passwordHash: string;
  readonly createdAtMs: number;
}

export interface ApplicantSession {
  readonly tokenHash: string;
  readonly applicantId: string;
  readonly createdAtMs: number;
  readonly expiresAtMs: number;
}

/** Normalized field values by field name; absent means not filled in yet. */
export type ApplicationFields = Readonly<Record<string, string>>;

export interface Application {
  readonly id: string;
  readonly applicantId: string;
  readonly kind: ApplicationKind;
  readonly state: ApplicationState;
  readonly fields: ApplicationFields;
  /** Per-field reasons from the last request for changes (field or document kind → reason). */
  readonly reasons: Readonly<Record<string, string>>;
  /** Fields and document hashes as they were at the last submission, to show what changed. */
  readonly submitted: Readonly<Record<string, string>> | null;
  readonly merchantId: string | null;
  readonly claimedBy: string | null;
  readonly claimTokenHash: string | null;
  readonly claimUntilMs: number | null;
  readonly uploads: number;
  readonly createdAtMs: number;
  readonly updatedAtMs: number;
  readonly submittedAtMs: number | null;
}

export interface HistoryEntry {
  readonly applicationId: string;
  readonly fromState: ApplicationState | null;
  readonly toState: ApplicationState;
  /** `applicant:<id>`, `reviewer:<name>`, `operator` or `system:licence-job`. */
  readonly actor: string;
  readonly reason: string | null;
  /** Changed fields (resubmission), per-field reasons (changes requested), or null. */
  readonly detail: string | null;
  readonly createdAtMs: number;
}

export interface StoredDocument {
  readonly applicationId: string;
  readonly kind: DocumentKind;
  readonly sha256: string;
  readonly mediaType: MediaType;
  readonly bytes: number;
  readonly uploadedAtMs: number;
}

export type LicenceNoticeKind = 'expiring' | 'expired';

export interface LicenceNotice {
  readonly applicationId: string;
  readonly merchantId: string;
  readonly kind: LicenceNoticeKind;
  readonly licenceValidTo: string;
  readonly createdAtMs: number;
}

/** Another application holding the same licence, ID or card number. */
export interface DuplicateHit {
  readonly field: 'uscc' | 'legalRepIdNumber' | 'settlementCardNumber';
  readonly applicationId: string;
  readonly state: ApplicationState;
  readonly merchantId: string | null;
}

export interface ClaimRequest {
  readonly id: string;
  readonly reviewer: string;
  readonly tokenHash: string;
  readonly untilMs: number;
  readonly nowMs: number;
}

export interface KycTx {
  getApplicant(id: string): Promise<Applicant | undefined>;
  getApplicantByEmail(email: string): Promise<Applicant | undefined>;
  insertApplicant(applicant: Applicant): Promise<void>;
  insertApplicantSession(session: ApplicantSession): Promise<void>;
  getApplicantSession(tokenHash: string): Promise<ApplicantSession | undefined>;

  getApplication(id: string): Promise<Application | undefined>;
  countApplications(applicantId: string): Promise<number>;
  listApplicationsOf(applicantId: string, limit: number): Promise<Application[]>;
  /** Oldest submission first; drafts have no submission time and come last. */
  listApplicationsByState(state: ApplicationState, limit: number): Promise<Application[]>;
  /** Approved applications whose licence ends on or before `validToMax` (YYYY-MM-DD). */
  listApprovedLicencesEndingBy(validToMax: string, limit: number): Promise<Application[]>;
  insertApplication(application: Application): Promise<void>;
  /** Writes the application only if it is still in `expected` state; false otherwise. */
  updateApplication(application: Application, expected: ApplicationState): Promise<boolean>;
  /** Takes the review lease if the case is submitted or its lease has run out. */
  claimApplication(claim: ClaimRequest): Promise<boolean>;
  findDuplicates(application: Application): Promise<DuplicateHit[]>;

  appendHistory(entry: HistoryEntry): Promise<void>;
  listHistory(applicationId: string, limit: number): Promise<HistoryEntry[]>;

  putDocument(document: StoredDocument): Promise<void>;
  getDocument(applicationId: string, kind: DocumentKind): Promise<StoredDocument | undefined>;
  listDocuments(applicationId: string): Promise<StoredDocument[]>;

  /** False when this notice was already recorded. */
  insertLicenceNotice(notice: LicenceNotice): Promise<boolean>;
  listLicenceNotices(applicationId: string, limit: number): Promise<LicenceNotice[]>;
  /** Sets a merchant's status only from `expected`; false otherwise. */
  setMerchantStatus(id: string, status: string, expected: string): Promise<boolean>;
  /** Sum of the merchant's payments paid at or after `fromMs`, in minor units. */
  paidAmountSince(merchantId: string, fromMs: number): Promise<number>;
}

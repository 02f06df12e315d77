import type { ColumnTypes, Migration } from '../schema.ts';

/**
 * Merchant onboarding: applicants and their sessions, applications (fields as JSON, with the
 * licence, ID and card numbers also in columns for duplicate checks), the append-only history,
 * uploaded documents (bytes live in the data directory by content hash) and licence notices.
 */
export function onboardingMigration(t: ColumnTypes): Migration {
  return {
    version: 4,
    statements: [
      `CREATE TABLE applicants (
        id ${t.text} PRIMARY KEY, email ${t.text} NOT NULL UNIQUE,
        password_salt ${t.text} NOT NULL, password_hash ${t.text} NOT NULL,
        created_at_ms ${t.int} NOT NULL)`,
      `CREATE TABLE applicant_sessions (
        token_hash ${t.text} PRIMARY KEY, applicant_id ${t.text} NOT NULL,
        created_at_ms ${t.int} NOT NULL, expires_at_ms ${t.int} NOT NULL)`,
      `CREATE TABLE applications (
        id ${t.text} PRIMARY KEY, applicant_id ${t.text} NOT NULL, kind ${t.text} NOT NULL,
        state ${t.text} NOT NULL, fields ${t.text} NOT NULL, reasons ${t.text} NOT NULL,
        submitted ${t.text}, uscc ${t.text}, legal_rep_id ${t.text}, card_number ${t.text},
        licence_valid_to ${t.text}, merchant_id ${t.text}, claimed_by ${t.text},
        claim_token_hash ${t.text}, claim_until_ms ${t.int}, uploads ${t.int} NOT NULL,
        created_at_ms ${t.int} NOT NULL, updated_at_ms ${t.int} NOT NULL, submitted_at_ms ${t.int})`,
      `CREATE INDEX applications_applicant ON applications (applicant_id, id)`,
      `CREATE INDEX applications_queue ON applications (state, submitted_at_ms)`,
      `CREATE INDEX applications_uscc ON applications (uscc)`,
      `CREATE INDEX applications_legal_rep_id ON applications (legal_rep_id)`,
      `CREATE INDEX applications_card_number ON applications (card_number)`,
      `CREATE TABLE application_history (
        id ${t.serial}, application_id ${t.text} NOT NULL, from_state ${t.text},
        to_state ${t.text} NOT NULL, actor ${t.text} NOT NULL, reason ${t.text},
        detail ${t.text}, created_at_ms ${t.int} NOT NULL)`,
      `CREATE INDEX application_history_application ON application_history (application_id, id)`,
      `CREATE TABLE application_documents (
        application_id ${t.text} NOT NULL, kind ${t.text} NOT NULL, sha256 ${t.text} NOT NULL,
        media_type ${t.text} NOT NULL, bytes ${t.int} NOT NULL, uploaded_at_ms ${t.int} NOT NULL,
        PRIMARY KEY (application_id, kind))`,
      `CREATE TABLE licence_notices (
        application_id ${t.text} NOT NULL, merchant_id ${t.text} NOT NULL,
        kind ${t.text} NOT NULL, licence_valid_to ${t.text} NOT NULL,
        created_at_ms ${t.int} NOT NULL,
        PRIMARY KEY (application_id, kind, licence_valid_to))`,
      `CREATE INDEX orders_merchant_paid ON orders (merchant_id, paid_at_ms)`,
    ],
  };
}

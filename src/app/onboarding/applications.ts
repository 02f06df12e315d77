import { applicationsPerApplicantMax, historyEntriesMax, pageSizeMax } from '../../lib/limits.ts';
import type { AppDeps } from '../deps.ts';
import { AppError } from '../errors.ts';
import type {
  Application,
  ApplicationKind,
  ApplicationState,
  HistoryEntry,
  StoredDocument,
  WriteKyc,
} from './types.ts';
import { chinaIsoDate } from './dates.ts';
import {
  applyFieldPatch,
  documentKinds,
  fieldNames,
  longTerm,
  requiredDocuments,
  requiredFields,
} from './fields.ts';

/** States in which the applicant may edit fields and documents. */
export const editableStates: readonly ApplicationState[] = ['draft', 'needs_changes', 'rejected'];

export type FieldPatch = Readonly<Record<string, string | null>>;

export function applicantActor(applicantId: string) {
  return `applicant:${applicantId}`;
}

export async function requireApplication(deps: AppDeps, id: string): Promise<Application> {
  const application = await deps.store.read.kyc.getApplication(id);
  if (!application) throw new AppError('application_not_found', `no application ${id}`);
  return application;
}

/** The applicant's own application; another applicant's looks like one that does not exist. */
export async function requireOwnApplication(deps: AppDeps, applicantId: string, id: string) {
  const application = await requireApplication(deps, id);
  if (application.applicantId !== applicantId) {
    throw new AppError('application_not_found', `no application ${id}`);
  }
  return application;
}

export function requireEditable(application: Application) {
  if (!editableStates.includes(application.state)) {
    throw new AppError('application_not_editable',
      `a ${application.state} application cannot be edited`, {
      state: application.state,
    });
  }
}

/** Writes the application guarded by its previous state and records the transition. */
export async function transition(
  tx: WriteKyc,
  before: Application,
  after: Application,
  entry: Pick<HistoryEntry, 'actor' | 'reason' | 'detail'>,
) {
  if (!(await tx.kyc.updateApplication(after, before.state))) {
    throw new AppError('application_state_invalid', 'the application changed meanwhile; reload it');
  }
  if (before.state === after.state && entry.reason === null && entry.detail === null) return;
  await tx.kyc.appendHistory({
    applicationId: after.id,
    fromState: before.state,
    toState: after.state,
    createdAtMs: after.updatedAtMs,
    ...entry,
  });
}

export async function createApplication(
  deps: AppDeps,
  applicantId: string,
  kind: ApplicationKind,
  patch: FieldPatch,
) {
  const now = deps.clock.nowMs();
  const application: Application = {
    id: deps.ids.id('apn'),
    applicantId,
    kind,
    state: 'draft',
    fields: applyFieldPatch(kind, {}, patch, now),
    reasons: {},
    submitted: null,
    merchantId: null,
    claimedBy: null,
    claimTokenHash: null,
    claimUntilMs: null,
    uploads: 0,
    createdAtMs: now,
    updatedAtMs: now,
    submittedAtMs: null,
  };
  await deps.store.write(async (tx) => {
    if ((await tx.kyc.countApplications(applicantId)) >= applicationsPerApplicantMax) {
      throw new AppError('applicant_applications_exhausted',
        `at most ${applicationsPerApplicantMax} applications`);
    }
    await tx.kyc.insertApplication(application);
    await tx.kyc.appendHistory({
      applicationId: application.id, fromState: null, toState: 'draft',
      actor: applicantActor(applicantId), reason: null, detail: null, createdAtMs: now,
    });
  });
  return application;
}

export async function editApplication(deps: AppDeps, applicantId: string, id: string,
  patch: FieldPatch) {
  const before = await requireOwnApplication(deps, applicantId, id);
  requireEditable(before);
  const now = deps.clock.nowMs();
  const after: Application = {
    ...before,
    fields: applyFieldPatch(before.kind, before.fields, patch, now),
    updatedAtMs: now,
  };
  await deps.store.write((tx) => transition(tx, before, after, { actor: '', reason: null,
    detail: null }));
  return after;
}

/** The fields and document hashes a submission is compared by. */
function snapshot(application: Application, documents: StoredDocument[]): Record<string, string> {
  const values: Record<string, string> = { ...application.fields };
  for (const d of documents) values[`document:${d.kind}`] = d.sha256;
  return values;
}

const comparedKeys = [...fieldNames, ...documentKinds.map((k) => `document:${k}`)];

function changedKeys(before: Readonly<Record<string, string>>, after: Record<string, string>) {
  return comparedKeys.filter((key) => before[key] !== after[key]);
}

function checkComplete(application: Application, documents: StoredDocument[], nowMs: number) {
  for (const name of requiredFields(application.kind)) {
    if (application.fields[name] === undefined) {
      throw new AppError('application_field_missing', `${name} is required to submit`,
        { param: name });
    }
  }
  const have = new Set(documents.map((d) => d.kind));
  for (const kind of requiredDocuments(application.kind)) {
    if (!have.has(kind)) {
      throw new AppError('application_document_missing', `the ${kind} document is required`, {
        param: kind,
      });
    }
  }
  checkLicenceCurrent(application, nowMs);
}

export function checkLicenceCurrent(application: Application, nowMs: number) {
  const validTo = application.fields['licenceValidTo'];
  if (validTo !== undefined && validTo !== longTerm && validTo < chinaIsoDate(nowMs)) {
    throw new AppError('application_licence_expired', `the licence ended on ${validTo}`, {
      param: 'licenceValidTo',
    });
  }
}

/** Submits (or resubmits) for review; a resubmission records which fields changed. */
export async function submitApplication(deps: AppDeps, applicantId: string, id: string) {
  const before = await requireOwnApplication(deps, applicantId, id);
  requireEditable(before);
  const now = deps.clock.nowMs();
  const documents = await deps.store.read.kyc.listDocuments(id);
  checkComplete(before, documents, now);
  const current = snapshot(before, documents);
  const changed = before.submitted === null ? null : changedKeys(before.submitted, current);
  const after: Application = {
    ...before,
    state: 'submitted',
    submitted: current,
    reasons: {},
    updatedAtMs: now,
    submittedAtMs: now,
  };
  const detail = changed === null ? null : JSON.stringify({ changedFields: changed });
  await deps.store.write((tx) =>
    transition(tx, before, after, { actor: applicantActor(applicantId), reason: null, detail }),
  );
  return after;
}

export async function listOwnApplications(deps: AppDeps, applicantId: string) {
  return deps.store.read.kyc.listApplicationsOf(applicantId, pageSizeMax);
}

export async function applicationHistory(deps: AppDeps, id: string) {
  return deps.store.read.kyc.listHistory(id, historyEntriesMax);
}

import { merchantAccountId } from '../../domain/ledger/ledger.ts';
import {
  validateBankCard,
  validateResidentId,
  validateUSCC,
} from '../../domain/kyc/index.ts';
import { safeEqual, sha256Hex } from '../../lib/crypto.ts';
import { historyEntriesMax, pageSizeMax, reviewClaimLeaseMs } from '../../lib/limits.ts';
import type { AppDeps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { feeRateBpDefault } from '../merchants.ts';
import type { Merchant } from '../ports.ts';
import type { Application, ApplicationState, WriteKyc } from './types.ts';
import { checkLicenceCurrent, requireApplication, transition } from './applications.ts';
import { chinaDate } from './dates.ts';
import { documentKinds, requiredFields } from './fields.ts';

export function reviewerActor(reviewer: string) {
  return `reviewer:${reviewer}`;
}

export async function reviewQueue(deps: AppDeps, state: ApplicationState, limit = pageSizeMax) {
  return deps.store.read.kyc.listApplicationsByState(state, Math.min(limit, pageSizeMax));
}

/** What a reviewer sees besides the fields: re-run validators, duplicates, licence notices. */
export async function automaticChecks(deps: AppDeps, a: Application) {
  const f = a.fields;
  const today = chinaDate(deps.clock.nowMs());
  const facts = (result: { ok: true; value: object } | { ok: false; code: string }) =>
    result.ok ? { valid: true, facts: result.value } : { valid: false, code: result.code };
  return {
    uscc: f['uscc'] === undefined ? null : facts(validateUSCC(f['uscc'])),
    legalRepIdNumber:
      f['legalRepIdNumber'] === undefined ? null : facts(validateResidentId(f['legalRepIdNumber'],
        today)),
    settlementCardNumber:
      f['settlementCardNumber'] === undefined
        ? null : facts(validateBankCard(f['settlementCardNumber'])),
    accountHolderMatches:
      f['settlementAccountHolder'] === (a.kind === 'business'
        ? f['legalName'] : f['legalRepName']) ||
      f['settlementAccountHolder'] === f['legalRepName'],
    duplicates: await deps.store.read.kyc.findDuplicates(a),
    notices: await deps.store.read.kyc.listLicenceNotices(a.id, historyEntriesMax),
  };
}

/**
 * Takes the case for `reviewClaimLeaseMs`. Of two reviewers racing, one gets the lease and the
 * other application_claimed; the token must come with every action.
 */
export async function claimApplication(deps: AppDeps, id: string, reviewer: string) {
  const token = deps.ids.secret(18);
  const now = deps.clock.nowMs();
  const untilMs = now + reviewClaimLeaseMs;
  await deps.store.write(async (tx) => {
    const before = await tx.kyc.getApplication(id);
    if (!before) throw new AppError('application_not_found', `no application ${id}`);
    const won = await tx.kyc.claimApplication({ id, reviewer, tokenHash: sha256Hex(token), untilMs,
      nowMs: now });
    // The loser of a race re-reads the case: the winner's claim has committed by now.
    if (!won) throw claimRefusal((await tx.kyc.getApplication(id)) ?? before, now);
    await tx.kyc.appendHistory({
      applicationId: id, fromState: before.state, toState: 'in_review',
      actor: reviewerActor(reviewer), reason: 'claimed', detail: null, createdAtMs: now,
    });
  });
  return { claimToken: token, claimedBy: reviewer, leaseExpiresAtMs: untilMs };
}

function claimRefusal(a: Application, now: number) {
  if (a.state === 'in_review' && (a.claimUntilMs ?? 0) > now) {
    return new AppError('application_claimed',
      `${a.claimedBy ?? 'another reviewer'} has this case`, {
      claimedBy: a.claimedBy,
      leaseExpiresAt: new Date(a.claimUntilMs ?? now).toISOString(),
    });
  }
  return new AppError('application_state_invalid', `a ${a.state} application cannot be claimed`, {
    state: a.state,
  });
}

/** The case as the caller's claim sees it: in review, the token matches, the lease holds. */
function requireClaim(a: Application, token: string, now: number) {
  const held =
    a.state === 'in_review' &&
    a.claimTokenHash !== null &&
    safeEqual(a.claimTokenHash, sha256Hex(token)) &&
    (a.claimUntilMs ?? 0) > now;
  if (!held) {
    throw new AppError('application_claim_required',
      'claim the case first (or again: the lease ran out)', {
      param: 'claimToken',
    });
  }
  return a.claimedBy ?? 'reviewer';
}

const released = { claimedBy: null, claimTokenHash: null, claimUntilMs: null } as const;

type Decision =
  | { action: 'approve'; reason: string | null }
  | { action: 'reject'; reason: string }
  | { action: 'request_changes'; fields: Readonly<Record<string, string>> };

/** Approve, reject or ask for changes; only the holder of the claim may. */
export async function decide(deps: AppDeps, id: string, claimToken: string, decision: Decision) {
  const now = deps.clock.nowMs();
  return deps.store.write(async (tx) => {
    const before = await tx.kyc.getApplication(id);
    if (!before) throw new AppError('application_not_found', `no application ${id}`);
    const reviewer = requireClaim(before, claimToken, now);
    const actor = reviewerActor(reviewer);
    const base = { ...before, ...released, updatedAtMs: now };
    if (decision.action === 'reject') {
      const after: Application = { ...base, state: 'rejected', reasons: {} };
      await transition(tx, before, after, { actor, reason: decision.reason, detail: null });
      return after;
    }
    if (decision.action === 'request_changes') {
      checkReasonFields(before, decision.fields);
      const after: Application = { ...base, state: 'needs_changes', reasons: decision.fields };
      const detail = JSON.stringify({ fields: decision.fields });
      await transition(tx, before, after, { actor, reason: 'changes requested', detail });
      return after;
    }
    checkLicenceCurrent(before, now);
    const merchant = newMerchant(deps, before, now);
    await tx.insertMerchant(merchant);
    await tx.ensureAccount(merchantAccountId(merchant.id), 'merchant', merchant.id,
      merchant.currency);
    const after: Application = { ...base, state: 'approved', reasons: {}, merchantId: merchant.id };
    const detail = JSON.stringify({ merchantId: merchant.id });
    await transition(tx, before, after, { actor, reason: decision.reason, detail });
    return after;
  });
}

function checkReasonFields(a: Application, fields: Readonly<Record<string, string>>) {
  const allowed = new Set<string>([...requiredFields(a.kind), ...documentKinds]);
  for (const name of Object.keys(fields)) {
    if (!allowed.has(name)) {
      throw new AppError('application_field_unknown',
        `${name} is not a field of a ${a.kind} application`, {
        param: `fields.${name}`,
      });
    }
  }
}

/**
 * The merchant an approval creates: what createMerchant makes, written in the approval's own
 * transaction so an approved application and its merchant exist together or not at all.
 */
function newMerchant(deps: AppDeps, a: Application, now: number): Merchant {
  const f = a.fields;
  const legalName = a.kind === 'business' ? f['legalName'] : f['legalRepName'];
  return {
    id: deps.ids.id('mer'),
    legalName: legalName ?? '',
    displayName: f['storeName'] ?? '',
    city: f['storeCity'] ?? '',
    country: 'CN',
    mcc: f['mcc'] ?? '',
    currency: 'CNY',
    feeRateBp: feeRateBpDefault,
    status: 'approved',
    tier: a.kind === 'micro' ? 'micro' : 'standard',
    createdAtMs: now,
  };
}

/** approved → suspended (the merchant stops taking payments) and back. */
export async function setSuspended(
  deps: AppDeps,
  id: string,
  suspend: boolean,
  entry: { actor: string; reason: string },
  tx?: WriteKyc,
) {
  const now = deps.clock.nowMs();
  const run = async (t: WriteKyc) => {
    const before = await t.kyc.getApplication(id);
    if (!before) throw new AppError('application_not_found', `no application ${id}`);
    const from: ApplicationState = suspend ? 'approved' : 'suspended';
    if (before.state !== from || before.merchantId === null) {
      throw new AppError('application_state_invalid',
        `a ${before.state} application cannot be ${suspend ? 'suspended' : 'reinstated'}`);
    }
    if (!suspend) checkLicenceCurrent(before, now);
    const after: Application = { ...before, state: suspend ? 'suspended' : 'approved',
      updatedAtMs: now };
    await transition(t, before, after, { ...entry, detail: null });
    const status = suspend ? ['suspended', 'approved'] : ['approved', 'suspended'];
    await t.kyc.setMerchantStatus(before.merchantId, status[0]!, status[1]!);
    return after;
  };
  return tx ? run(tx) : deps.store.write(run);
}

export async function requireReviewCase(deps: AppDeps, id: string) {
  return requireApplication(deps, id);
}

import { licenceJobBatchMax, licenceWarningDays } from '../../lib/limits.ts';
import type { AppDeps } from '../deps.ts';
import { chinaIsoDate } from './dates.ts';
import { setSuspended } from './review.ts';

export const licenceJobActor = 'system:licence-job';

/**
 * The daily licence check. A licence is valid through its last date (China time): the day
 * after, the merchant is suspended (orders then fail with merchant_not_approved); from
 * `licenceWarningDays` before, a warning is recorded once per licence end date. Idempotent, so
 * every node may run it as often as it likes; a renewed licence (new end date) warns again.
 */
export async function runLicenceChecks(deps: AppDeps) {
  const now = deps.clock.nowMs();
  const today = chinaIsoDate(now);
  const warnBy = chinaIsoDate(now, licenceWarningDays);
  const due = await deps.store.read.kyc.listApprovedLicencesEndingBy(warnBy, licenceJobBatchMax);
  const suspended: string[] = [];
  const warned: string[] = [];
  for (const a of due) {
    const validTo = a.fields['licenceValidTo'];
    if (validTo === undefined || a.merchantId === null) continue;
    const merchantId = a.merchantId;
    const expired = validTo < today;
    const notice = { applicationId: a.id, merchantId, licenceValidTo: validTo, createdAtMs: now };
    const acted = await deps.store.write(async (tx) => {
      if (!expired) return tx.kyc.insertLicenceNotice({ ...notice, kind: 'expiring' });
      const fresh = await tx.kyc.getApplication(a.id);
      if (fresh?.state !== 'approved') return false;
      await setSuspended(deps, a.id, true, { actor: licenceJobActor, reason: 'licence_expired' },
        tx);
      await tx.kyc.insertLicenceNotice({ ...notice, kind: 'expired' });
      return true;
    });
    if (acted) (expired ? suspended : warned).push(a.id);
  }
  return { suspended, warned };
}

import { riskCatalogue } from '../../domain/risk/index.ts';
import type { AppDeps } from '../deps.ts';
import { AppError } from '../errors.ts';
import type { ListEntry } from '../modules/risk-ports.ts';
import { audit } from './rules.ts';

/** The lists rules may name; entries of any other name would never be read. */
export function requireList(name: string) {
  const spec = riskCatalogue.lists.get(name);
  if (!spec) throw new AppError('risk_list_not_found', `no list ${name}`, { param: 'name' });
  return spec;
}

export async function addListEntry(
  deps: AppDeps,
  listName: string,
  input: { value: string; note?: string },
  actor: string,
): Promise<{ entry: ListEntry; created: boolean }> {
  requireList(listName);
  const now = deps.clock.nowMs();
  const entry: ListEntry = {
    listName, value: input.value, note: input.note ?? '', createdBy: actor, createdAtMs: now,
  };
  return deps.store.write(async (tx) => {
    const created = await tx.risk.putEntry(entry);
    if (created) {
      await audit(tx, { kind: 'list', subject: listName, version: null, action: 'entry_added',
        actor, detail: { value: entry.value, note: entry.note } }, now);
    }
    return { entry, created };
  });
}

export async function removeListEntry(
  deps: AppDeps,
  listName: string,
  value: string,
  actor: string,
) {
  requireList(listName);
  const now = deps.clock.nowMs();
  await deps.store.write(async (tx) => {
    if (!(await tx.risk.deleteEntry(listName, value))) {
      throw new AppError('risk_list_entry_not_found', `${value} is not on ${listName}`);
    }
    await audit(tx, { kind: 'list', subject: listName, version: null, action: 'entry_removed',
      actor, detail: { value } }, now);
  });
}

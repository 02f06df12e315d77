import {
  type CompiledRuleSet,
  compileRuleSet,
  presetRules,
  type RuleDefinition,
  type RuleFailure,
  type RuleMode,
  type RuleOutcome,
} from '../../domain/risk/index.ts';
import { assert } from '../../lib/assert.ts';
import type { AppDeps } from '../deps.ts';
import { AppError } from '../errors.ts';
import type { StoredRule } from '../modules/risk-ports.ts';
import type { ReadTx, Store, WriteTx } from '../ports.ts';

/**
 * Rules live in the database as versions; every change appends to the audit trail, whose
 * highest id is the revision. Each node keeps the compiled set of the revision it last read and
 * recompiles when the revision moves, so all nodes enforce a change from their next payment.
 */
interface CachedSet {
  readonly revision: number;
  readonly compiled: CompiledRuleSet;
}

const cache = new WeakMap<Store, CachedSet>();

export function definitionOf(rule: StoredRule): RuleDefinition {
  const { createdBy: _by, createdAtMs: _at, ...definition } = rule;
  return definition;
}

function compileStored(rules: readonly RuleDefinition[]): CompiledRuleSet {
  const result = compileRuleSet(rules);
  assert(result.ok, 'stored rules were checked when saved');
  return result.value;
}

/** The rule set in force, read in the caller's transaction (presets until rules are seeded). */
export async function liveRuleSet(store: Store, tx: ReadTx): Promise<CompiledRuleSet> {
  const revision = await tx.risk.rulesRevision();
  const cached = cache.get(store);
  if (cached && cached.revision === revision) return cached.compiled;
  const stored = await tx.risk.listRules();
  const rules = stored.length === 0 && revision === 0 ? presetRules : stored.map(definitionOf);
  const compiled = compileStored(rules);
  cache.set(store, { revision, compiled });
  return compiled;
}

/** Writes the preset rules on a fresh database (any node; concurrent runs insert once). */
export async function seedPresetRules(deps: AppDeps): Promise<number> {
  const now = deps.clock.nowMs();
  return deps.store.write(async (tx) => {
    if ((await tx.risk.rulesRevision()) !== 0) return 0;
    let inserted = 0;
    for (const rule of presetRules) {
      if (await tx.risk.insertRule({ ...rule, createdBy: 'system', createdAtMs: now })) inserted++;
    }
    await audit(tx, { subject: '*', version: null, action: 'presets_seeded', actor: 'system',
      detail: { rules: inserted } }, now);
    return inserted;
  });
}

export async function audit(
  tx: WriteTx,
  change: { subject: string; version: number | null; action: string; actor: string;
    detail: unknown; kind?: 'rule' | 'list' },
  nowMs: number,
) {
  await tx.risk.insertChange({
    subjectKind: change.kind ?? 'rule',
    subject: change.subject,
    version: change.version,
    action: change.action,
    actor: change.actor,
    detail: JSON.stringify(change.detail),
    createdAtMs: nowMs,
  });
}

/** Save-time failures become one 422 naming the rule field and the position in the expression. */
function rejectFailures(failures: readonly RuleFailure[], rules: readonly RuleDefinition[]) {
  const first = failures[0];
  assert(first !== undefined, 'a failed compilation reports a failure');
  const ruleId = rules[first.ruleIndex]?.id ?? first.ruleId;
  throw new AppError(first.code, first.message, {
    ...(first.param === undefined ? {} : { param: first.param }),
    ...(first.position === undefined ? {} : { position: first.position }),
    ruleId,
  });
}

/** Checks that the set, with a change applied, compiles as a whole (one live version per id). */
export function checkWholeSet(rules: readonly RuleDefinition[]) {
  const result = compileRuleSet(rules);
  if (!result.ok) rejectFailures(result.failures, rules);
}

export interface NewRuleVersion {
  id: string;
  name: string;
  expression: string;
  outcome: RuleOutcome;
  reasonCode: string;
  description?: string;
  enabled?: boolean;
  mode?: RuleMode;
}

function supersedes(rule: RuleDefinition, next: RuleDefinition): boolean {
  return rule.id === next.id && rule.enabled && rule.mode === 'live' && next.enabled &&
    next.mode === 'live';
}

/**
 * Saves a new version of a rule (version = highest + 1). A new enabled live version replaces
 * the live one, which is disabled in the same transaction; a shadow version runs beside it.
 */
export async function createRuleVersion(deps: AppDeps, input: NewRuleVersion, actor: string) {
  const now = deps.clock.nowMs();
  return deps.store.write(async (tx) => {
    const stored = (await tx.risk.listRules()).map(definitionOf);
    const versions = stored.filter((r) => r.id === input.id).map((r) => r.version);
    const version = 1 + Math.max(0, ...versions);
    const next: RuleDefinition = {
      id: input.id, name: input.name, version, expression: input.expression,
      outcome: input.outcome, reasonCode: input.reasonCode, enabled: input.enabled ?? true,
      mode: input.mode ?? 'live', description: input.description ?? '',
    };
    const replaced = stored.filter((r) => supersedes(r, next));
    const rest = stored.map((r) => (replaced.includes(r) ? { ...r, enabled: false } : r));
    checkWholeSet([...rest, next]);
    await tx.risk.insertRule({ ...next, createdBy: actor, createdAtMs: now });
    for (const old of replaced) {
      await tx.risk.updateRuleState(old.id, old.version, false, old.mode);
    }
    await audit(tx, { subject: next.id, version, action: 'version_created', actor,
      detail: { rule: next, disabledVersions: replaced.map((r) => r.version) } }, now);
    return { rule: { ...next, createdBy: actor, createdAtMs: now }, disabled: replaced };
  });
}

/**
 * Enables, disables or switches a version between shadow and live. Making a version live and
 * enabled disables the other live version of the same id, so exactly one stays in force.
 */
export async function setRuleState(
  deps: AppDeps,
  target: { id: string; version: number },
  patch: { enabled?: boolean; mode?: RuleMode },
  actor: string,
) {
  const now = deps.clock.nowMs();
  return deps.store.write(async (tx) => {
    const rules = await tx.risk.listRules();
    const current = rules.find((r) => r.id === target.id && r.version === target.version);
    if (!current) {
      throw new AppError('risk_rule_not_found', `no rule ${target.id} version ${target.version}`);
    }
    const next = { ...current, enabled: patch.enabled ?? current.enabled,
      mode: patch.mode ?? current.mode };
    const replaced = rules.filter((r) => r.version !== next.version && supersedes(r, next));
    const set = rules.map((r) => (r === current ? next : replaced.includes(r)
      ? { ...r, enabled: false } : r));
    checkWholeSet(set.map(definitionOf));
    await tx.risk.updateRuleState(next.id, next.version, next.enabled, next.mode);
    for (const old of replaced) await tx.risk.updateRuleState(old.id, old.version, false, old.mode);
    await audit(tx, { subject: next.id, version: next.version, action: 'state_changed', actor,
      detail: { from: { enabled: current.enabled, mode: current.mode },
        to: { enabled: next.enabled, mode: next.mode },
        disabledVersions: replaced.map((r) => r.version) } }, now);
    return next;
  });
}

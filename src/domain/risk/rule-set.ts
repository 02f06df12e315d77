import { type Failure, type Result, fail, ok } from '../../lib/result.ts';
import { type RiskCatalogue, riskCatalogue } from './catalogue.ts';
import { type CheckedExpression, checkExpression } from './check-expression.ts';
import type { RiskContext } from './context.ts';
import type { RiskErrorCode } from './errors.ts';
import {
  ruleDescriptionLengthMax,
  ruleIdLengthMax,
  ruleNameLengthMax,
  rulesPerSetMax,
} from './limits.ts';

/** The outcomes, in the order rules are evaluated: an allow match wins over everything. */
export const ruleOutcomes = ['allow', 'block', 'hold', 'challenge'] as const;
export type RuleOutcome = (typeof ruleOutcomes)[number];
export const ruleModes = ['live', 'shadow'] as const;
export type RuleMode = (typeof ruleModes)[number];

/** A rule as data, as stored and edited. (id, version) is unique within a set. */
export interface RuleDefinition {
  readonly id: string;
  readonly name: string;
  readonly version: number;
  readonly expression: string;
  readonly outcome: RuleOutcome;
  readonly reasonCode: string;
  readonly enabled: boolean;
  /** 'shadow': evaluated and recorded, never changes the outcome. */
  readonly mode: RuleMode;
  readonly description: string;
}

export interface RuleMatch {
  readonly id: string;
  readonly version: number;
  readonly outcome: RuleOutcome;
  readonly reasonCode: string;
}

export interface CompiledRule {
  readonly definition: RuleDefinition;
  readonly condition: CheckedExpression;
  /** The record a match leaves in a decision (shared, immutable). */
  readonly match: RuleMatch;
}

export interface CompiledRuleSet {
  /** Every rule as given, disabled ones included (they were checked too). */
  readonly rules: readonly CompiledRule[];
  /** Enabled live rules in evaluation order: allow, block, hold, challenge; then set order. */
  readonly live: readonly CompiledRule[];
  /** Enabled shadow rules in the same order. */
  readonly shadow: readonly CompiledRule[];
  /** Ids that have an enabled shadow version (the candidates `shadowOutcome` swaps in). */
  readonly shadowIds: ReadonlySet<string>;
}

export interface Decision {
  readonly outcome: RuleOutcome;
  /** Distinct reason codes of the live matches that decided the outcome; [] when none. */
  readonly reasonCodes: readonly string[];
  /** Every live rule that matched, in evaluation order. */
  readonly matchedRules: readonly RuleMatch[];
  /** Every shadow rule that matched, in evaluation order. */
  readonly shadowMatches: readonly RuleMatch[];
  /**
   * The outcome had the shadow rules been live in place of the live versions of the same ids:
   * what switching the candidate versions on would do to this payment.
   */
  readonly shadowOutcome: RuleOutcome;
}

export interface RuleFailure extends Failure<RiskErrorCode> {
  /** Index of the rule in the given array, and its id as given. */
  readonly ruleIndex: number;
  readonly ruleId: string;
}

export type RuleSetCompilation =
  | { readonly ok: true; readonly value: CompiledRuleSet }
  | { readonly ok: false; readonly failures: readonly RuleFailure[] };

const identifierPattern = /^[a-z][a-z0-9_]*$/;

function invalid(param: string, message: string): Failure<RiskErrorCode> {
  return fail('rule_definition_invalid', message, { param });
}

function isIdentifier(value: unknown): value is string {
  return (
    typeof value === 'string' && value.length <= ruleIdLengthMax && identifierPattern.test(value)
  );
}

function isText(value: unknown, max: number, allowEmpty: boolean): value is string {
  return typeof value === 'string' && value.length <= max && (allowEmpty || value.trim() !== '');
}

/** Field checks in a fixed order, so one bad rule yields one code. */
function checkDefinition(rule: RuleDefinition): Failure<RiskErrorCode> | undefined {
  const r = rule as unknown as Record<string, unknown>;
  if (typeof r !== 'object' || r === null) return invalid('rule', 'a rule is an object');
  if (!isIdentifier(r['id'])) return invalid('id', 'id is lower-case snake_case, ≤ 64 chars');
  const version = r['version'];
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1) {
    return invalid('version', 'version is a positive integer');
  }
  if (!isText(r['name'], ruleNameLengthMax, false)) {
    return invalid('name', `name is 1–${ruleNameLengthMax} characters`);
  }
  if (typeof r['expression'] !== 'string') return invalid('expression', 'expression is a string');
  if (!ruleOutcomes.includes(r['outcome'] as RuleOutcome)) {
    return invalid('outcome', `outcome is one of ${ruleOutcomes.join(', ')}`);
  }
  if (!isIdentifier(r['reasonCode'])) {
    return invalid('reasonCode', 'reasonCode is lower-case snake_case, ≤ 64 chars');
  }
  if (typeof r['enabled'] !== 'boolean') return invalid('enabled', 'enabled is a boolean');
  if (!ruleModes.includes(r['mode'] as RuleMode)) return invalid('mode', 'mode is live or shadow');
  if (!isText(r['description'], ruleDescriptionLengthMax, true)) {
    return invalid('description', `description is at most ${ruleDescriptionLengthMax} chars`);
  }
  return undefined;
}

/** Checks one rule's fields, then parses and type-checks its expression. */
export function compileRule(
  rule: RuleDefinition,
  catalogue: RiskCatalogue = riskCatalogue,
): Result<CompiledRule, RiskErrorCode> {
  const bad = checkDefinition(rule);
  if (bad) return bad;
  const condition = checkExpression(rule.expression, catalogue);
  if (!condition.ok) return { ...condition, param: 'expression' };
  const { id, version, outcome, reasonCode } = rule;
  const match: RuleMatch = Object.freeze({ id, version, outcome, reasonCode });
  return ok({ definition: rule, condition: condition.value, match });
}

function duplicateFailures(rules: readonly CompiledRule[], indexes: readonly number[]) {
  const failures: RuleFailure[] = [];
  const versions = new Set<string>();
  const liveIds = new Set<string>();
  rules.forEach(({ definition: d }, i) => {
    const ruleIndex = indexes[i] ?? i;
    const key = `${d.id}@${d.version}`;
    const live = d.enabled && d.mode === 'live';
    if (versions.has(key) || (live && liveIds.has(d.id))) {
      const message = versions.has(key)
        ? `rule ${d.id} version ${d.version} appears twice`
        : `rule ${d.id} has more than one enabled live version`;
      failures.push({ ...fail('rule_id_duplicate', message, { param: 'id' }), ruleIndex,
        ruleId: d.id });
    }
    versions.add(key);
    if (live) liveIds.add(d.id);
  });
  return failures;
}

function ordered(rules: readonly CompiledRule[], mode: RuleMode): CompiledRule[] {
  const chosen = rules.filter((r) => r.definition.enabled && r.definition.mode === mode);
  return ruleOutcomes.flatMap((o) => chosen.filter((r) => r.definition.outcome === o));
}

/**
 * Checks and compiles every rule once. All failing rules are reported, each with its index,
 * code, message, `param` (the field at fault) and `position` inside the expression.
 */
export function compileRuleSet(
  rules: readonly RuleDefinition[],
  catalogue: RiskCatalogue = riskCatalogue,
): RuleSetCompilation {
  if (rules.length > rulesPerSetMax) {
    const failure = fail('rule_set_too_large', `a rule set holds at most ${rulesPerSetMax} rules`);
    return { ok: false, failures: [{ ...failure, ruleIndex: rulesPerSetMax, ruleId: '' }] };
  }
  const failures: RuleFailure[] = [];
  const compiled: CompiledRule[] = [];
  const indexes: number[] = [];
  rules.forEach((rule, ruleIndex) => {
    const result = compileRule(rule, catalogue);
    if (result.ok) {
      compiled.push(result.value);
      indexes.push(ruleIndex);
      return;
    }
    const ruleId = typeof rule?.id === 'string' ? rule.id : '';
    failures.push({ ...result, ruleIndex, ruleId });
  });
  failures.push(...duplicateFailures(compiled, indexes));
  if (failures.length > 0) {
    return { ok: false, failures: failures.sort((x, y) => x.ruleIndex - y.ruleIndex) };
  }
  const shadow = ordered(compiled, 'shadow');
  const shadowIds = new Set(shadow.map((r) => r.definition.id));
  const live = ordered(compiled, 'live');
  return { ok: true, value: { rules: compiled, live, shadow, shadowIds } };
}

function matches(rules: readonly CompiledRule[], context: RiskContext): RuleMatch[] {
  const out: RuleMatch[] = [];
  for (const rule of rules) if (rule.condition.test(context)) out.push(rule.match);
  return out;
}

/** The first outcome (in evaluation order) that has a match decides; no match allows. */
function decide(matched: readonly RuleMatch[]): RuleOutcome {
  for (const outcome of ruleOutcomes) {
    if (matched.some((m) => m.outcome === outcome)) return outcome;
  }
  return 'allow';
}

function reasonsFor(matched: readonly RuleMatch[], outcome: RuleOutcome): string[] {
  const reasons: string[] = [];
  for (const m of matched) {
    if (m.outcome === outcome && !reasons.includes(m.reasonCode)) reasons.push(m.reasonCode);
  }
  return reasons;
}

function candidateOutcome(ruleSet: CompiledRuleSet, live: RuleMatch[], shadow: RuleMatch[]) {
  if (ruleSet.shadowIds.size === 0) return decide(live);
  return decide([...shadow, ...live.filter((m) => !ruleSet.shadowIds.has(m.id))]);
}

/** Evaluates every enabled rule against one payment. Pure; the context is only read. */
export function evaluate(ruleSet: CompiledRuleSet, context: RiskContext): Decision {
  const matchedRules = matches(ruleSet.live, context);
  const shadowMatches = matches(ruleSet.shadow, context);
  const outcome = decide(matchedRules);
  return {
    outcome,
    reasonCodes: reasonsFor(matchedRules, outcome),
    matchedRules,
    shadowMatches,
    shadowOutcome: candidateOutcome(ruleSet, matchedRules, shadowMatches),
  };
}

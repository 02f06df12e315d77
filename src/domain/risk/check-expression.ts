import { type Failure, type Result, fail, ok } from '../../lib/result.ts';
import type { Expression, Literal, SetNode } from './ast.ts';
import type { Attribute, RiskCatalogue, Value, ValueType } from './catalogue.ts';
import type { RiskContext } from './context.ts';
import type { RiskErrorCode } from './errors.ts';
import { parseExpression } from './parser.ts';

/** An expression that parsed and type-checked, turned into a function of the context. */
export interface CheckedExpression {
  readonly source: string;
  readonly tree: Expression;
  /** Attribute names the expression reads, in order of first use. */
  readonly attributes: readonly string[];
  /** List names the expression tests membership of. */
  readonly lists: readonly string[];
  readonly test: (context: RiskContext) => boolean;
}

type Run = (context: RiskContext) => Value;
interface Typed {
  readonly type: ValueType;
  readonly run: Run;
  /** The attribute itself when the node is a bare attribute (for value checks). */
  readonly attribute?: Attribute;
}
type Checked = Result<Typed, RiskErrorCode>;

/**
 * Parses and type-checks a rule condition against a catalogue. Checks run depth first, left to
 * right, so one bad expression always yields the same single failure. Never throws.
 */
export function checkExpression(
  source: string,
  catalogue: RiskCatalogue,
): Result<CheckedExpression, RiskErrorCode> {
  const tree = parseExpression(source);
  if (!tree.ok) return tree;
  const used = { attributes: new Set<string>(), lists: new Set<string>() };
  const typed = new Checker(catalogue, used).check(tree.value);
  if (!typed.ok) return typed;
  if (typed.value.type !== 'boolean') {
    return mismatch(`a rule condition is a boolean, not ${a(typed.value.type)}`, 0);
  }
  const run = typed.value.run;
  return ok({
    source,
    tree: tree.value,
    attributes: [...used.attributes],
    lists: [...used.lists],
    test: (context) => run(context) === true,
  });
}

function a(type: ValueType): string {
  return type === 'integer' ? 'an integer' : `a ${type}`;
}

function mismatch(message: string, position: number): Failure<RiskErrorCode> {
  return fail('rule_type_mismatch', message, { position });
}

function operatorInvalid(operator: string, type: ValueType, position: number) {
  return fail('rule_operator_invalid', `"${operator}" does not apply to ${a(type)}`, {
    position,
  });
}

/** Names within two edits of `name`, for "did you mean" hints. */
function nearest(name: string, names: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of names) {
    const d = editDistance(name, candidate, bestDistance);
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best;
}

function editDistance(x: string, y: string, cap: number): number {
  if (Math.abs(x.length - y.length) >= cap) return cap;
  let previous = Array.from({ length: y.length + 1 }, (_, i) => i);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      const [up, left, diagonal] = [previous[j] ?? 0, row[j - 1] ?? 0, previous[j - 1] ?? 0];
      row.push(Math.min(up + 1, left + 1, diagonal + cost));
    }
    previous = row;
  }
  return previous[y.length] ?? cap;
}

class Checker {
  constructor(
    private readonly catalogue: RiskCatalogue,
    private readonly used: { attributes: Set<string>; lists: Set<string> },
  ) {}

  check(node: Expression): Checked {
    switch (node.kind) {
      case 'integer':
      case 'string':
      case 'boolean':
        return this.literal(node);
      case 'attribute':
        return this.attribute(node.name, node.position);
      case 'logical':
        return this.logical(node.operator, node.operands);
      case 'not':
        return this.not(node.operand);
      case 'negate':
        return this.negate(node.operand, node.position);
      case 'arithmetic':
        return this.arithmetic(node.operator, node.left, node.right, node.position);
      case 'compare':
        return this.compare(node);
      case 'in':
        return this.in(node.subject, node.set, node.negated);
      case 'between':
        return this.between(node);
    }
  }

  private literal(node: Literal): Checked {
    const value = node.value;
    return ok({ type: node.kind, run: () => value });
  }

  private attribute(name: string, position: number): Checked {
    const attribute = this.catalogue.attributes.get(name);
    if (!attribute) {
      const hint = nearest(name, this.catalogue.attributes.keys());
      const message = `unknown attribute "${name}"${hint ? `; did you mean "${hint}"?` : ''}`;
      return fail('rule_attribute_unknown', message, { position });
    }
    this.used.attributes.add(name);
    return ok({ type: attribute.type, run: attribute.read, attribute });
  }

  private booleans(operands: readonly Expression[], what: string): Result<Run[], RiskErrorCode> {
    const runs: Run[] = [];
    for (const operand of operands) {
      const typed = this.check(operand);
      if (!typed.ok) return typed;
      if (typed.value.type !== 'boolean') {
        return mismatch(`${what} needs a boolean, not ${a(typed.value.type)}`, operand.position);
      }
      runs.push(typed.value.run);
    }
    return ok(runs);
  }

  private logical(operator: 'and' | 'or', operands: readonly Expression[]): Checked {
    const runs = this.booleans(operands, `"${operator}"`);
    if (!runs.ok) return runs;
    const all = runs.value;
    return ok({ type: 'boolean', run: operator === 'and' ? every(all) : some(all) });
  }

  private not(operand: Expression): Checked {
    const runs = this.booleans([operand], '"not"');
    if (!runs.ok) return runs;
    const [inner] = runs.value;
    if (!inner) return mismatch('"not" needs an operand', operand.position);
    return ok({ type: 'boolean', run: (c) => inner(c) !== true });
  }

  /** Checks that every operand is an integer; the first decides operator vs type errors. */
  private integers(operator: string, operands: readonly Expression[], position: number) {
    const runs: Array<(c: RiskContext) => number> = [];
    for (const [index, operand] of operands.entries()) {
      const typed = this.check(operand);
      if (!typed.ok) return typed;
      const type = typed.value.type;
      if (type !== 'integer') {
        if (index === 0) return operatorInvalid(operator, type, position);
        return mismatch(`"${operator}" needs an integer here, not ${a(type)}`, operand.position);
      }
      runs.push(typed.value.run as (c: RiskContext) => number);
    }
    return ok(runs);
  }

  private negate(operand: Expression, position: number): Checked {
    const runs = this.integers('-', [operand], position);
    if (!runs.ok) return runs;
    const [inner] = runs.value;
    if (!inner) return mismatch('"-" needs an operand', position);
    return ok({ type: 'integer', run: (c) => -inner(c) });
  }

  private arithmetic(op: '+' | '-', left: Expression, right: Expression, at: number): Checked {
    const runs = this.integers(op, [left, right], at);
    if (!runs.ok) return runs;
    const [l, r] = runs.value;
    if (!l || !r) return mismatch(`"${op}" needs two operands`, at);
    const run: Run = op === '+' ? (c) => l(c) + r(c) : (c) => l(c) - r(c);
    return ok({ type: 'integer', run });
  }

  private compare(node: Extract<Expression, { kind: 'compare' }>): Checked {
    const { operator, position } = node;
    if (operator !== '==' && operator !== '!=') {
      const runs = this.integers(operator, [node.left, node.right], position);
      if (!runs.ok) return runs;
      const [l, r] = runs.value;
      if (!l || !r) return mismatch(`"${operator}" needs two operands`, position);
      return ok({ type: 'boolean', run: ordering(operator, l, r) });
    }
    const left = this.check(node.left);
    if (!left.ok) return left;
    const right = this.check(node.right);
    if (!right.ok) return right;
    if (left.value.type !== right.value.type) {
      const message = `cannot compare ${a(left.value.type)} with ${a(right.value.type)}`;
      return mismatch(message, node.right.position);
    }
    const known = checkValue(left.value, node.right) ?? checkValue(right.value, node.left);
    if (known) return known;
    const [l, r] = [left.value.run, right.value.run];
    const run: Run = operator === '==' ? (c) => l(c) === r(c) : (c) => l(c) !== r(c);
    return ok({ type: 'boolean', run });
  }

  private in(subjectNode: Expression, set: SetNode, negated: boolean): Checked {
    const subject = this.check(subjectNode);
    if (!subject.ok) return subject;
    const member = set.kind === 'list' ? this.list(subject.value, subjectNode, set) :
      this.literals(subject.value, set.items);
    if (!member.ok) return member;
    const test = member.value;
    const run = subject.value.run;
    return ok({ type: 'boolean', run: (c) => test(run(c), c) !== negated });
  }

  private list(subject: Typed, node: Expression, set: { name: string; position: number }) {
    const spec = this.catalogue.lists.get(set.name);
    if (!spec) {
      const hint = nearest(set.name, this.catalogue.lists.keys());
      const message = `unknown list "${set.name}"${hint ? `; did you mean "${hint}"?` : ''}`;
      return fail('rule_list_unknown', message, { position: set.position });
    }
    if (subject.type !== spec.type) {
      return mismatch(`list "${spec.name}" holds strings, not ${a(subject.type)}`, node.position);
    }
    this.used.lists.add(spec.name);
    const name = spec.name;
    return ok((value: Value, c: RiskContext): boolean => {
      if (!Object.hasOwn(c.lists, name)) return false;
      const entries = c.lists[name];
      return Array.isArray(entries) && entries.includes(value);
    });
  }

  private literals(subject: Typed, items: readonly Literal[]) {
    for (const item of items) {
      if (item.kind !== subject.type) {
        return mismatch(`this set holds ${a(subject.type)}, not ${a(item.kind)}`, item.position);
      }
      const known = checkValue(subject, item);
      if (known) return known;
    }
    const values = new Set<Value>(items.map((i) => i.value));
    return ok((value: Value): boolean => values.has(value));
  }

  private between(node: Extract<Expression, { kind: 'between' }>): Checked {
    const operands = [node.subject, node.low, node.high];
    const runs = this.integers('between', operands, node.position);
    if (!runs.ok) return runs;
    const [s, low, high] = runs.value;
    if (!s || !low || !high) return mismatch('"between" needs three operands', node.position);
    const negated = node.negated;
    const run: Run = (c) => {
      const value = s(c);
      return (value >= low(c) && value <= high(c)) !== negated;
    };
    return ok({ type: 'boolean', run });
  }
}

/** A string literal compared with an attribute that has a fixed set of values must be one. */
function checkValue(side: Typed, other: Expression): Failure<RiskErrorCode> | undefined {
  const attribute = side.attribute;
  if (!attribute || attribute.type !== 'string' || !attribute.values) return undefined;
  if (other.kind !== 'string' || attribute.values.includes(other.value)) return undefined;
  const allowed = attribute.values.map((v) => `"${v}"`).join(', ');
  return fail('rule_value_invalid', `${attribute.name} is one of ${allowed}`, {
    position: other.position,
  });
}

function every(runs: readonly Run[]): Run {
  return (c) => {
    for (const run of runs) if (run(c) !== true) return false;
    return true;
  };
}

function some(runs: readonly Run[]): Run {
  return (c) => {
    for (const run of runs) if (run(c) === true) return true;
    return false;
  };
}

type IntRun = (c: RiskContext) => number;

function ordering(operator: '<' | '<=' | '>' | '>=', l: IntRun, r: IntRun): Run {
  switch (operator) {
    case '<':
      return (c) => l(c) < r(c);
    case '<=':
      return (c) => l(c) <= r(c);
    case '>':
      return (c) => l(c) > r(c);
    case '>=':
      return (c) => l(c) >= r(c);
  }
}

import { type Failure, type Result, fail, ok } from '../../lib/result.ts';
import type { CompareOperator, Expression, Literal, SetNode } from './ast.ts';
import type { RiskErrorCode } from './errors.ts';
import { type Token, tokenize } from './lexer.ts';
import { expressionLengthMax, nestingDepthMax, setLiteralsMax } from './limits.ts';

/**
 * Grammar (docs/risk.md has the full description):
 *   expression = or
 *   or         = and { "or" and }
 *   and        = not { "and" not }
 *   not        = "not" not | comparison
 *   comparison = sum [ compare-op sum
 *                    | ["not"] "in" set
 *                    | ["not"] "between" sum "and" sum ]
 *   set        = "list" "(" string ")" | "(" literal { "," literal } ")"
 *   sum        = unary { ("+" | "-") unary }
 *   unary      = "-" unary | primary
 *   primary    = integer | string | "true" | "false" | name | "(" expression ")"
 */

const compareOperators = new Set<string>(['==', '!=', '<', '<=', '>', '>=']);

/**
 * Thrown only inside this module to unwind the recursive descent at the first error; turned
 * back into a value by `parseExpression`. Nothing else is caught.
 */
class ParseStop {
  constructor(readonly failure: Failure<RiskErrorCode>) {}
}

function stop(code: RiskErrorCode, message: string, position: number): never {
  throw new ParseStop(fail(code, message, { position }));
}

/** Parses a rule expression into a tree with positions. Never throws. */
export function parseExpression(source: string): Result<Expression, RiskErrorCode> {
  if (source.length > expressionLengthMax) {
    const message = `expressions are at most ${expressionLengthMax} characters`;
    return fail('rule_expression_too_long', message, { position: expressionLengthMax });
  }
  const tokens = tokenize(source);
  if (!tokens.ok) return tokens;
  try {
    return ok(new Parser(tokens.value).parseAll());
  } catch (error) {
    if (error instanceof ParseStop) return error.failure;
    throw error;
  }
}

function describe(token: Token): string {
  if (token.kind === 'end') return 'the end of the expression';
  return JSON.stringify(token.text);
}

class Parser {
  private at = 0;
  private depth = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  parseAll(): Expression {
    if (this.peek().kind === 'end') stop('rule_syntax_invalid', 'the expression is empty', 0);
    const expression = this.parseOr();
    const next = this.peek();
    if (next.kind !== 'end') this.unexpected(next, 'an operator or the end');
    return expression;
  }

  private peek(): Token {
    const token = this.tokens[this.at] ?? this.tokens[this.tokens.length - 1];
    if (!token) return { kind: 'end', text: '', value: 0, position: 0 };
    return token;
  }

  private advance(): Token {
    const token = this.peek();
    if (token.kind !== 'end') this.at += 1;
    return token;
  }

  private isWord(text: string): boolean {
    const token = this.peek();
    return token.kind === 'keyword' && token.text === text;
  }

  private isSymbol(text: string): boolean {
    const token = this.peek();
    return token.kind === 'symbol' && token.text === text;
  }

  private expectSymbol(text: string): Token {
    if (!this.isSymbol(text)) this.unexpected(this.peek(), `"${text}"`);
    return this.advance();
  }

  private unexpected(token: Token, wanted: string): never {
    stop('rule_syntax_invalid', `expected ${wanted}, found ${describe(token)}`, token.position);
  }

  private enter(position: number): void {
    this.depth += 1;
    if (this.depth > nestingDepthMax) {
      stop('rule_nesting_too_deep', `nesting is at most ${nestingDepthMax} deep`, position);
    }
  }

  private parseOr(): Expression {
    return this.parseLogical('or', () => this.parseAnd());
  }

  private parseAnd(): Expression {
    return this.parseLogical('and', () => this.parseNot());
  }

  private parseLogical(operator: 'and' | 'or', operand: () => Expression): Expression {
    const first = operand();
    if (!this.isWord(operator)) return first;
    const operands = [first];
    while (this.isWord(operator)) {
      this.advance();
      operands.push(operand());
    }
    return { kind: 'logical', operator, operands, position: first.position };
  }

  private parseNot(): Expression {
    if (!this.isWord('not')) return this.parseComparison();
    const position = this.advance().position;
    this.enter(position);
    const operand = this.parseNot();
    this.depth -= 1;
    return { kind: 'not', operand, position };
  }

  private parseComparison(): Expression {
    const left = this.parseSum();
    const token = this.peek();
    if (token.kind === 'symbol' && compareOperators.has(token.text)) {
      this.advance();
      const right = this.parseSum();
      const operator = token.text as CompareOperator;
      return { kind: 'compare', operator, left, right, position: token.position };
    }
    const negated = this.isWord('not');
    if (negated) this.advance();
    if (this.isWord('in')) return this.parseIn(left, negated, token.position);
    if (this.isWord('between')) return this.parseBetween(left, negated, token.position);
    if (negated) this.unexpected(this.peek(), '"in" or "between" after "not"');
    return left;
  }

  private parseIn(subject: Expression, negated: boolean, position: number): Expression {
    this.advance();
    const set = this.parseSet();
    return { kind: 'in', negated, subject, set, position };
  }

  private parseBetween(subject: Expression, negated: boolean, position: number): Expression {
    this.advance();
    const low = this.parseSum();
    if (!this.isWord('and')) this.unexpected(this.peek(), '"and" in "between … and …"');
    this.advance();
    const high = this.parseSum();
    return { kind: 'between', negated, subject, low, high, position };
  }

  private parseSet(): SetNode {
    const token = this.peek();
    if (token.kind === 'name') {
      if (token.text !== 'list') {
        stop('rule_function_unknown', `"${token.text}" is not a function; use list("…")`,
          token.position);
      }
      this.advance();
      this.expectSymbol('(');
      const name = this.advance();
      if (name.kind !== 'string') this.unexpected(name, 'a list name in double quotes');
      this.expectSymbol(')');
      return { kind: 'list', name: name.text, position: name.position };
    }
    if (!this.isSymbol('(')) this.unexpected(token, 'list("…") or ( values )');
    this.advance();
    const items = [this.parseLiteral()];
    while (this.isSymbol(',')) {
      this.advance();
      items.push(this.parseLiteral());
      if (items.length > setLiteralsMax) {
        stop('rule_syntax_invalid', `a set holds at most ${setLiteralsMax} values`,
          this.peek().position);
      }
    }
    this.expectSymbol(')');
    return { kind: 'literals', items, position: token.position };
  }

  private parseLiteral(): Literal {
    const token = this.advance();
    const position = token.position;
    if (token.kind === 'integer') return { kind: 'integer', value: token.value, position };
    if (token.kind === 'string') return { kind: 'string', value: token.text, position };
    if (token.kind === 'symbol' && token.text === '-' && this.peek().kind === 'integer') {
      const value = -this.advance().value;
      return { kind: 'integer', value, position: token.position };
    }
    if (token.kind === 'keyword' && (token.text === 'true' || token.text === 'false')) {
      return { kind: 'boolean', value: token.text === 'true', position: token.position };
    }
    this.unexpected(token, 'a literal value');
  }

  private parseSum(): Expression {
    let left = this.parseUnary();
    while (this.isSymbol('+') || this.isSymbol('-')) {
      const token = this.advance();
      const right = this.parseUnary();
      const operator = token.text === '+' ? '+' : '-';
      left = { kind: 'arithmetic', operator, left, right, position: token.position };
    }
    return left;
  }

  private parseUnary(): Expression {
    if (!this.isSymbol('-')) return this.parsePrimary();
    const position = this.advance().position;
    this.enter(position);
    const operand = this.parseUnary();
    this.depth -= 1;
    return { kind: 'negate', operand, position };
  }

  private parsePrimary(): Expression {
    const token = this.peek();
    if (token.kind === 'name') {
      this.advance();
      if (this.isSymbol('(')) {
        stop('rule_function_unknown', `"${token.text}(" is not allowed here; functions are only `
          + 'list("…") after "in"', token.position);
      }
      return { kind: 'attribute', name: token.text, position: token.position };
    }
    if (token.kind === 'symbol' && token.text === '(') {
      this.advance();
      this.enter(token.position);
      const inner = this.parseOr();
      this.depth -= 1;
      this.expectSymbol(')');
      return inner;
    }
    if (token.kind === 'integer' || token.kind === 'string') return this.parseLiteral();
    if (this.isWord('true') || this.isWord('false')) return this.parseLiteral();
    this.unexpected(token, 'a value, a name or "("');
  }
}

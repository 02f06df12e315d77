import { type Failure, type Result, fail, ok } from '../../lib/result.ts';
import type { RiskErrorCode } from './errors.ts';

export type TokenKind = 'integer' | 'string' | 'name' | 'keyword' | 'symbol' | 'end';

export interface Token {
  readonly kind: TokenKind;
  /** Source text for names, keywords and symbols; the decoded value for strings. */
  readonly text: string;
  /** Integer literals only. */
  readonly value: number;
  /** Index of the token's first character. */
  readonly position: number;
}

export const keywords = new Set(['and', 'or', 'not', 'in', 'between', 'true', 'false']);

const symbols = ['==', '!=', '<=', '>=', '<', '>', '+', '-', '(', ')', ','];

/** Names are dotted lower-case segments: `wallet.payments_1h.count`. */
const namePattern = /[a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*)*/y;
/** Digits, optionally grouped with single underscores: `500_000`. */
const integerPattern = /[0-9]+(?:_[0-9]+)*/y;

type LexResult = Result<Token[], RiskErrorCode>;

function syntax(message: string, position: number): Failure<RiskErrorCode> {
  return fail('rule_syntax_invalid', message, { position });
}

/** Splits an expression into tokens, ending with an `end` token. Never throws. */
export function tokenize(source: string): LexResult {
  const tokens: Token[] = [];
  let at = 0;
  while (at < source.length) {
    const char = source[at] ?? '';
    if (char === ' ' || char === '\t' || char === '\n' || char === '\r') {
      at += 1;
      continue;
    }
    const read = readToken(source, at);
    if (!read.ok) return read;
    tokens.push(read.value);
    at = read.value.position + read.value.length;
  }
  tokens.push({ kind: 'end', text: '', value: 0, position: source.length });
  return ok(tokens);
}

type Sized = Token & { readonly length: number };

function readToken(source: string, at: number): Result<Sized, RiskErrorCode> {
  const char = source[at] ?? '';
  if (char === '"') return readString(source, at);
  if (char >= '0' && char <= '9') return readInteger(source, at);
  namePattern.lastIndex = at;
  const name = namePattern.exec(source);
  if (name) {
    const text = name[0];
    if (/[a-z0-9_]/i.test(source[at + text.length] ?? '')) {
      return syntax(`names are lower case: "${source.slice(at, at + text.length + 1)}"`, at);
    }
    const kind = keywords.has(text) ? 'keyword' : 'name';
    return ok({ kind, text, value: 0, position: at, length: text.length });
  }
  for (const symbol of symbols) {
    if (source.startsWith(symbol, at)) {
      return ok({ kind: 'symbol', text: symbol, value: 0, position: at, length: symbol.length });
    }
  }
  if (char === '=') return syntax('use == to compare', at);
  if (char === "'") return syntax('strings use double quotes', at);
  if (char >= 'A' && char <= 'Z') return syntax('names and keywords are lower case', at);
  return syntax(`unexpected character ${JSON.stringify(char)}`, at);
}

function readInteger(source: string, at: number): Result<Sized, RiskErrorCode> {
  integerPattern.lastIndex = at;
  const text = integerPattern.exec(source)?.[0] ?? '';
  const next = source[at + text.length] ?? '';
  if (/[A-Za-z0-9_.]/.test(next)) {
    return syntax('integers are digits with single _ between groups, no decimals', at);
  }
  const value = Number(text.replaceAll('_', ''));
  if (!Number.isSafeInteger(value)) {
    return fail('rule_value_invalid', `integer ${text} is larger than 2^53 - 1`, {
      position: at,
    });
  }
  return ok({ kind: 'integer', text, value, position: at, length: text.length });
}

/** A double-quoted string; `\"` and `\\` are the only escapes. */
function readString(source: string, start: number): Result<Sized, RiskErrorCode> {
  let at = start + 1;
  let text = '';
  while (at < source.length) {
    const char = source[at] ?? '';
    if (char === '"') {
      return ok({ kind: 'string', text, value: 0, position: start, length: at + 1 - start });
    }
    if (char === '\\') {
      const next = source[at + 1] ?? '';
      if (next !== '"' && next !== '\\') return syntax('only \\" and \\\\ escapes exist', at);
      text += next;
      at += 2;
      continue;
    }
    if (char === '\n' || char === '\r') break;
    text += char;
    at += 1;
  }
  return syntax('string is not closed', start);
}

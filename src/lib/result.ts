/** Expected failures are values: a stable snake_case code plus a human message. */
export interface Failure<Code extends string = string> {
  readonly ok: false;
  readonly code: Code;
  readonly message: string;
  /** The request field at fault, when there is one. */
  readonly param?: string;
  /** A character position inside a parsed input (EMV payloads, rule expressions). */
  readonly position?: number;
}

export interface Success<T> {
  readonly ok: true;
  readonly value: T;
}

export type Result<T, Code extends string = string> = Success<T> | Failure<Code>;

export function ok<T>(value: T): Success<T> {
  return { ok: true, value };
}

export function fail<Code extends string>(
  code: Code,
  message: string,
  extra: { param?: string; position?: number } = {},
): Failure<Code> {
  return { ok: false, code, message, ...extra };
}

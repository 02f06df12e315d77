/**
 * Assertions are for programmer errors and broken invariants, never for bad input.
 * A failed assertion reaches only the top-level handler (logged, HTTP 500).
 */
export class AssertionFailure extends Error {
  override name = 'AssertionFailure';
}

export function assert(condition: unknown, why: string): asserts condition {
  if (!condition) throw new AssertionFailure(why);
}

export function assertNever(value: never, why = 'unreachable'): never {
  throw new AssertionFailure(`${why}: ${JSON.stringify(value)}`);
}

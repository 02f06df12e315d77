import { type Result, fail, ok } from '../../lib/result.ts';

/** Five wrong payment passwords in a row lock payments for three hours. */
export const passwordFailuresMax = 5;
export const passwordLockMs = 3 * 60 * 60 * 1000;

export interface PasswordLockState {
  readonly failedAttempts: number; // wrong passwords in a row
  readonly lockedUntilMs: number | null;
}

export type PasswordErrorCode = 'wallet_password_invalid' | 'wallet_locked';

export function isPaymentPasswordFormat(password: unknown): password is string {
  return typeof password === 'string' && /^[0-9]{6}$/.test(password);
}

/** Locked wallets are refused before the password is even checked. */
export function checkNotLocked(
  state: PasswordLockState,
  nowMs: number,
): Result<true, PasswordErrorCode> & { lockedUntilMs?: number } {
  if (state.lockedUntilMs !== null && nowMs < state.lockedUntilMs) {
    const until = new Date(state.lockedUntilMs).toISOString();
    return { ...fail('wallet_locked', `payments are locked until ${until}`), lockedUntilMs: state.lockedUntilMs };
  }
  return ok(true);
}

/** The state after a wrong password, and how many tries remain before the lock. */
export function afterWrongPassword(
  state: PasswordLockState,
  nowMs: number,
): { state: PasswordLockState; triesRemaining: number } {
  const lockExpired = state.lockedUntilMs !== null && nowMs >= state.lockedUntilMs;
  const failed = (lockExpired ? 0 : state.failedAttempts) + 1;
  if (failed >= passwordFailuresMax) {
    return { state: { failedAttempts: failed, lockedUntilMs: nowMs + passwordLockMs }, triesRemaining: 0 };
  }
  return { state: { failedAttempts: failed, lockedUntilMs: null }, triesRemaining: passwordFailuresMax - failed };
}

export const passwordStateCleared: PasswordLockState = { failedAttempts: 0, lockedUntilMs: null };

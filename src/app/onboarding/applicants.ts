import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { validateEmail } from '../../domain/kyc/index.ts';
import { sha256Hex } from '../../lib/crypto.ts';
import {
  applicantPasswordLengthMax,
  applicantPasswordLengthMin,
  applicantSessionTtlMs,
} from '../../lib/limits.ts';
import type { AppDeps } from '../deps.ts';
import { AppError } from '../errors.ts';
import type { Applicant } from '../modules/kyc-ports.ts';

/**
 * Sign-in passwords are chosen by people, so they get a slow, salted hash (scrypt, N = 2^14,
 * r = 8, p = 1: about 50 ms and 16 MiB here). Session tokens are random and get SHA-256.
 */
const scryptOptions = { N: 16_384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;
const keyBytes = 32;
/** Hashed when the email is unknown, so both failures cost the same and look the same. */
const dummySalt = '00000000000000000000000000000000';

function scryptHex(password: string, saltHex: string): Promise<string> {
  return new Promise((resolve, reject) => {
    scrypt(password, Buffer.from(saltHex, 'hex'), keyBytes, scryptOptions, (error, key) => {
      if (error) reject(error);
      else resolve(key.toString('hex'));
    });
  });
}

/** Emails identify applicants case-insensitively (what people expect of an address). */
function normalizeEmail(email: string): string {
  const result = validateEmail(email);
  if (!result.ok) throw new AppError(result.code, result.message, { param: 'email' });
  return result.value.normalized.toLowerCase();
}

function checkPassword(password: string) {
  const length = [...password].length;
  if (length < applicantPasswordLengthMin || length > applicantPasswordLengthMax) {
    throw new AppError(
      'applicant_password_length_invalid',
      `the password is ${applicantPasswordLengthMin} to ${applicantPasswordLengthMax} characters`,
      { param: 'password' },
    );
  }
}

export async function signUpApplicant(deps: AppDeps, email: string, password: string) {
  const normalized = normalizeEmail(email);
  checkPassword(password);
  if (await deps.store.read.kyc.getApplicantByEmail(normalized)) {
    throw new AppError('applicant_email_taken', 'an applicant with this email exists', {
      param: 'email',
    });
  }
  const salt = randomBytes(16).toString('hex');
  const applicant: Applicant = {
    id: deps.ids.id('apl'),
    email: normalized,
    passwordSalt: salt,
    passwordHash: await scryptHex(password, salt),
    createdAtMs: deps.clock.nowMs(),
  };
  await deps.store.write((tx) => tx.kyc.insertApplicant(applicant));
  return applicant;
}

/** One failure for an unknown email and a wrong password, after the same amount of work. */
export async function signInApplicant(deps: AppDeps, email: unknown, password: string) {
  const normalized = typeof email === 'string' ? validateEmail(email) : undefined;
  const key = normalized?.ok ? normalized.value.normalized.toLowerCase() : '';
  const applicant = key === '' ? undefined : await deps.store.read.kyc.getApplicantByEmail(key);
  const salt = applicant?.passwordSalt ?? dummySalt;
  const hash = await scryptHex(password.slice(0, applicantPasswordLengthMax * 4), salt);
  const expected = Buffer.from(applicant?.passwordHash ?? hash, 'hex');
  const matches = timingSafeEqual(Buffer.from(hash, 'hex'), expected);
  if (!applicant || !matches) {
    throw new AppError('applicant_credentials_invalid', 'the email or password is wrong');
  }
  const token = `qrp_app_${deps.ids.secret(24)}`;
  const now = deps.clock.nowMs();
  const session = {
    tokenHash: sha256Hex(token),
    applicantId: applicant.id,
    createdAtMs: now,
    expiresAtMs: now + applicantSessionTtlMs,
  };
  await deps.store.write((tx) => tx.kyc.insertApplicantSession(session));
  return { token, applicantId: applicant.id, expiresAtMs: session.expiresAtMs };
}

/** Routes call this with the authenticated caller: sessions end after applicantSessionTtlMs. */
export function checkSession(deps: AppDeps, session: { expiresAtMs: number }) {
  if (session.expiresAtMs <= deps.clock.nowMs()) {
    throw new AppError('applicant_session_expired', 'the session has ended; sign in again');
  }
}

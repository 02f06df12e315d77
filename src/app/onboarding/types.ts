/** The kyc storage types, re-exported for the onboarding use cases. */
import type { WriteTx } from '../ports.ts';

export type * from '../modules/kyc-ports.ts';
/** A transaction: the core's operations and the kyc module's (`tx.kyc`). */
export type WriteKyc = WriteTx;

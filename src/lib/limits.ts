/**
 * Every loop, queue, page, retry and body has a named bound. Change them here, with a reason.
 */
/** Writes committed together by the embedded store (the measured knee: 16–128 per commit). */
export const groupCommitBatchMax = 128;
/** Largest JSON body accepted by the HTTP API. */
export const requestBodyBytesMax = 64 * 1024;
/** Page sizes for listings. */
export const pageSizeDefault = 20;
export const pageSizeMax = 100;
/** Order deadlines. */
export const orderExpiresInSecondsDefault = 900;
export const orderExpiresInSecondsMin = 30;
export const orderExpiresInSecondsMax = 24 * 60 * 60;
/** Field lengths. */
export const outTradeNoLengthMax = 64;
export const descriptionLengthMax = 128;
export const idempotencyKeyLengthMax = 255;
export const nameLengthMax = 100;
/** How long an in-progress idempotency key blocks a retry before it may run again. */
export const idempotencyInProgressMs = 60_000;
/** Orders expired per run of the expiry job. */
export const expiryBatchMax = 500;
/** Wallet top-ups in the demo setup. */
export const topUpAmountMinorMax = 100_000_000;
/** Events per read when following the outbox. */
export const eventPageMax = 500;
/** Transfers per page when verifying the ledger. */
export const ledgerVerifyPageSize = 5_000;

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
/** A consumer's own demo top-up, per call: enough to try things, small enough to notice abuse. */
export const walletTopUpAmountMinorMax = 500_000;
/** Catalog (the POS product grid): items per merchant, name length, price in minor units. */
export const catalogItemsPerMerchantMax = 200;
export const catalogItemNameLengthMax = 40;
export const catalogItemPriceMinorMax = 10_000_000;
/** Events per read when following the outbox. */
export const eventPageMax = 500;
/** Transfers per page when verifying the ledger. */
export const ledgerVerifyPageSize = 5_000;
/** Push: event streams (SSE) to terminals. */
export const streamsPerTerminalMax = 4;
export const streamsMax = 10_000;
export const streamHeartbeatMs = 15_000;
/** The hub re-reads the outbox this often even without a commit signal (lost NOTIFY, restarts). */
export const streamPollMs = 1_000;
/** Pages of events one pump reads per merchant before yielding to the event loop. */
export const streamPumpPagesMax = 20;
/** A client this far behind (bytes queued in its socket) is dropped; it resumes by Last-Event-ID. */
export const streamBufferedBytesMax = 1024 * 1024;
/** Webhooks. */
export const webhookEndpointsPerMerchantMax = 16;
export const webhookEventTypesMax = 20;
export const webhookUrlLengthMax = 2048;
export const webhookAttemptsMax = 16;
export const webhookRetryBaseMs = 15_000;
export const webhookRetryCapMs = 4 * 60 * 60 * 1000;
export const webhookRequestTimeoutMs = 10_000;
/** A claimed delivery whose node died is claimed again after this long. */
export const webhookLeaseMs = 60_000;
export const webhookPollMs = 1_000;
export const webhookClaimBatchMax = 32;
/** Claim rounds per dispatcher tick (each round sends up to webhookClaimBatchMax in parallel). */
export const webhookRoundsPerTickMax = 8;
export const webhookResponseExcerptBytesMax = 1024;
export const webhookDisableAfterFailedAttempts = 100;
export const webhookDisableAfterFailingMs = 3 * 24 * 60 * 60 * 1000;
export const webhookAttemptsListedMax = webhookAttemptsMax;
export const merchantApiKeysPerMerchantMax = 20;
/** Risk: a challenge must be answered within this long; it is then spent. */
export const riskChallengeTtlMs = 5 * 60 * 1000;
/** Risk: the longest `X-Device-Id` a wallet may send. */
export const riskDeviceIdLengthMax = 128;
/** Risk: list entries (a wallet, device, merchant id or an IP) and their notes. */
export const riskListValueLengthMax = 128;
export const riskListNoteLengthMax = 500;
/** Risk: the name an operator gives in `X-Actor` for the audit trail. */
export const riskActorLengthMax = 64;
/** Risk: decisions replayed by one backtest, read in pages of this size. */
export const riskBacktestDecisionsMax = 200_000;
export const riskReplayPageSize = 1_000;
/** Risk: a (device, wallet) pair not seen for this long is forgotten. */
export const riskDeviceWalletKeepMs = 180 * 24 * 60 * 60 * 1000;
/** Merchant onboarding (src/app/onboarding). */
export const applicantPasswordLengthMin = 10;
export const applicantPasswordLengthMax = 128;
export const applicantSessionTtlMs = 12 * 60 * 60 * 1000;
export const applicationsPerApplicantMax = 5;
/** Free-text fields of an application (names, addresses). */
export const applicationTextLengthMax = 200;
/** One uploaded document; larger bodies fail with document_too_large. */
export const documentBytesMax = 5 * 1024 * 1024;
/** Uploads per application, replacements included, so a client cannot fill the disk. */
export const documentUploadsPerApplicationMax = 30;
/** Segments or chunks walked when stripping image metadata. */
export const imageSegmentsMax = 4096;
/** How long a reviewer's claim on a case lasts before another reviewer may take it. */
export const reviewClaimLeaseMs = 15 * 60 * 1000;
export const reviewReasonLengthMax = 500;
export const historyEntriesMax = 500;
/** Licences ending within this many days get a warning. */
export const licenceWarningDays = 30;
export const licenceJobBatchMax = 500;
export const licenceJobIntervalMs = 60 * 60 * 1000;
/** Micro merchants (no licence): per payment and per calendar day (UTC+8), minor units. */
export const microPaymentAmountMinorMax = 50_000;
export const microDailyAmountMinorMax = 200_000;
/** Callers tracked by the in-memory rate limiter (least recently used are forgotten first). */
export const rateLimitKeysMax = 100_000;

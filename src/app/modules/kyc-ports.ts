/**
 * Storage operations of the kyc module, reached as `tx.kyc` inside a transaction (and
 * `store.read.kyc` for reads). The module's engineer extends this interface.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface KycTx {}

/**
 * Storage operations of the risk module, reached as `tx.risk` inside a transaction (and
 * `store.read.risk` for reads). The module's engineer extends this interface.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface RiskTx {}

/**
 * Storage operations of the webhooks module, reached as `tx.webhooks` inside a transaction (and
 * `store.read.webhooks` for reads). The module's engineer extends this interface.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface WebhooksTx {}

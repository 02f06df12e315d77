import type { WebhooksTx } from '../../app/modules/webhooks-ports.ts';
import type { SqlExecutor } from './executor.ts';

/** SQL for the webhooks module, over the same executor (and transaction) as the core. */
export class SqlWebhooksTx implements WebhooksTx {
  constructor(protected readonly db: SqlExecutor) {}
}

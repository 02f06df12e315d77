import type { KycTx } from '../../app/modules/kyc-ports.ts';
import type { SqlExecutor } from './executor.ts';

/** SQL for the kyc module, over the same executor (and transaction) as the core. */
export class SqlKycTx implements KycTx {
  constructor(protected readonly db: SqlExecutor) {}
}

import type { RiskTx } from '../../app/modules/risk-ports.ts';
import type { SqlExecutor } from './executor.ts';

/** SQL for the risk module, over the same executor (and transaction) as the core. */
export class SqlRiskTx implements RiskTx {
  constructor(protected readonly db: SqlExecutor) {}
}

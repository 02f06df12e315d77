/** The risk engine's public surface: what the payment use cases, HTTP and CLI import. */
export type { Expression } from './ast.ts';
export {
  backtest,
  type BacktestDifference,
  type BacktestPayment,
  type BacktestReport,
  type OutcomeCounts,
} from './backtest.ts';
export {
  type Attribute,
  createRiskCatalogue,
  type ListSpec,
  merchantTiers,
  riskAttributes,
  riskCatalogue,
  type RiskCatalogue,
  riskLists,
  type ValueType,
} from './catalogue.ts';
export { type CheckedExpression, checkExpression } from './check-expression.ts';
export type {
  RiskContext,
  RiskDevice,
  RiskMerchant,
  RiskWallet,
  Velocity,
  VelocityWindow,
} from './context.ts';
export { type RiskErrorCode, riskErrorCodes } from './errors.ts';
export * from './limits.ts';
export { parseExpression } from './parser.ts';
export { presetRules } from './presets.ts';
export {
  type CompiledRule,
  type CompiledRuleSet,
  compileRule,
  compileRuleSet,
  type Decision,
  evaluate,
  type RuleDefinition,
  type RuleFailure,
  type RuleMatch,
  type RuleMode,
  ruleModes,
  type RuleOutcome,
  ruleOutcomes,
  type RuleSetCompilation,
} from './rule-set.ts';

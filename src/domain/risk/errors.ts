/**
 * Every expected failure of the risk engine, one stable snake_case code each. A code is never
 * renamed or reused; the HTTP layer maps each one to a status (all are 422: the rule is readable
 * JSON but its content cannot be accepted).
 */
export const riskErrorCodes = [
  'rule_expression_too_long',
  'rule_nesting_too_deep',
  'rule_syntax_invalid',
  'rule_function_unknown',
  'rule_attribute_unknown',
  'rule_list_unknown',
  'rule_type_mismatch',
  'rule_operator_invalid',
  'rule_value_invalid',
  'rule_definition_invalid',
  'rule_id_duplicate',
  'rule_set_too_large',
] as const;

export type RiskErrorCode = (typeof riskErrorCodes)[number];

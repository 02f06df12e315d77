/** Bounds of the rule language and the rule engine: a limit on everything. */

/** Longest rule expression, in UTF-16 code units (what a JS string and an editor count). */
export const expressionLengthMax = 2_000;

/** Deepest nesting of parentheses, `not` and unary minus in one expression. */
export const nestingDepthMax = 32;

/** Most literals in one `in (…)` set. */
export const setLiteralsMax = 100;

/** Most rules in one rule set (live, shadow and disabled together). */
export const rulesPerSetMax = 500;

/** Most differing payments a backtest lists (all are still counted). */
export const backtestDifferencesMax = 10_000;

/** Longest rule name, reason code or list name; longest description. */
export const ruleNameLengthMax = 100;
export const ruleIdLengthMax = 64;
export const ruleDescriptionLengthMax = 2_000;

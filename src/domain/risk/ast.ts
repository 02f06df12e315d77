/** The syntax tree of a rule expression. Every node keeps the position of its source text. */

export type CompareOperator = '==' | '!=' | '<' | '<=' | '>' | '>=';

export type Literal =
  | { readonly kind: 'integer'; readonly value: number; readonly position: number }
  | { readonly kind: 'string'; readonly value: string; readonly position: number }
  | { readonly kind: 'boolean'; readonly value: boolean; readonly position: number };

export type SetNode =
  | { readonly kind: 'list'; readonly name: string; readonly position: number }
  | { readonly kind: 'literals'; readonly items: readonly Literal[]; readonly position: number };

export type Expression =
  | Literal
  | { readonly kind: 'attribute'; readonly name: string; readonly position: number }
  | {
      readonly kind: 'logical';
      readonly operator: 'and' | 'or';
      readonly operands: readonly Expression[];
      readonly position: number;
    }
  | { readonly kind: 'not'; readonly operand: Expression; readonly position: number }
  | { readonly kind: 'negate'; readonly operand: Expression; readonly position: number }
  | {
      readonly kind: 'arithmetic';
      readonly operator: '+' | '-';
      readonly left: Expression;
      readonly right: Expression;
      readonly position: number;
    }
  | {
      readonly kind: 'compare';
      readonly operator: CompareOperator;
      readonly left: Expression;
      readonly right: Expression;
      readonly position: number;
    }
  | {
      readonly kind: 'in';
      readonly negated: boolean;
      readonly subject: Expression;
      readonly set: SetNode;
      readonly position: number;
    }
  | {
      readonly kind: 'between';
      readonly negated: boolean;
      readonly subject: Expression;
      readonly low: Expression;
      readonly high: Expression;
      readonly position: number;
    };

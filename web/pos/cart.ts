/**
 * The catering cart: catalog items and quantities, a table number and a note. It becomes one
 * order: amount = the total in minor units, description = "T12 · 2×Latte, 1×Bagel · no sugar",
 * cut to the platform's 128 characters (the items are what is shortened).
 */
import type { CatalogItemView } from '../../src/client/catalog.ts';

export const descriptionLengthMax = 128;
/** Quantities a cashier can reach with +; more is a catering order, not a till. */
export const quantityMax = 99;
export const tableLengthMax = 8;
export const cartNoteLengthMax = 60;

export interface Cart {
  /** Item id → quantity (> 0). */
  readonly quantities: Readonly<Record<string, number>>;
  readonly table: string;
  readonly note: string;
}

export const emptyCart: Cart = { quantities: {}, table: '', note: '' };

export function changeQuantity(cart: Cart, itemId: string, delta: 1 | -1): Cart {
  const next = Math.min(quantityMax, Math.max(0, (cart.quantities[itemId] ?? 0) + delta));
  const quantities = { ...cart.quantities };
  if (next === 0) delete quantities[itemId];
  else quantities[itemId] = next;
  return { ...cart, quantities };
}

export interface CartLine {
  readonly item: CatalogItemView;
  readonly quantity: number;
}

/** The cart's lines in grid order; items no longer in the catalog drop out. */
export function cartLines(cart: Cart, items: readonly CatalogItemView[]): CartLine[] {
  return items
    .filter((item) => (cart.quantities[item.id] ?? 0) > 0)
    .map((item) => ({ item, quantity: cart.quantities[item.id] ?? 0 }));
}

/** Integer sum: each price is minor units, quantities are small integers. */
export function cartTotal(lines: readonly CartLine[]): number {
  return lines.reduce((sum, line) => sum + line.item.price * line.quantity, 0);
}

export function cartDescription(cart: Cart, lines: readonly CartLine[]): string {
  const table = cart.table.trim();
  const note = cart.note.trim();
  const head = table === '' ? '' : `T${table} · `;
  const tail = note === '' ? '' : ` · ${note}`;
  let items = lines.map((l) => `${l.quantity}×${l.item.name}`).join(', ');
  const room = descriptionLengthMax - head.length - tail.length;
  if (items.length > room) items = `${items.slice(0, Math.max(0, room - 1))}…`;
  return `${head}${items}${tail}`.slice(0, descriptionLengthMax);
}

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CatalogItemView } from '../../src/client/catalog.ts';
import {
  cartDescription, cartLines, cartTotal, changeQuantity, descriptionLengthMax, emptyCart, quantityMax,
} from '../../web/pos/cart.ts';

const item = (id: string, name: string, price: number): CatalogItemView => ({
  object: 'catalog_item', id, merchantId: 'mer_1', name, price, currency: 'CNY', position: 0,
  status: 'active', createdAt: '2026-01-01T00:00:00.000Z',
});
const latte = item('itm_1', 'Latte', 2800);
const bagel = item('itm_2', 'Bagel', 1650);

test('a cart sums integer minor units and describes itself as "T12 · 2×Latte, 1×Bagel · note"', () => {
  let cart = changeQuantity(changeQuantity(emptyCart, latte.id, 1), latte.id, 1);
  cart = changeQuantity(cart, bagel.id, 1);
  cart = { ...cart, table: ' 12 ', note: 'no sugar ' };
  const lines = cartLines(cart, [latte, bagel]);
  assert.equal(cartTotal(lines), 7250);
  assert.equal(cartDescription(cart, lines), 'T12 · 2×Latte, 1×Bagel · no sugar');
  assert.equal(cartDescription({ ...cart, table: '', note: '' }, lines), '2×Latte, 1×Bagel');
});

test('quantities stay within 0..quantityMax and a line at 0 leaves the cart', () => {
  let cart = changeQuantity(emptyCart, latte.id, -1);
  assert.deepEqual(cart.quantities, {});
  for (let i = 0; i < quantityMax + 5; i++) cart = changeQuantity(cart, latte.id, 1);
  assert.equal(cart.quantities[latte.id], quantityMax);
});

test('a long cart is cut in its items, keeping table and note, within the 128-character limit', () => {
  const items = Array.from({ length: 30 }, (_, i) => item(`itm_${i}`, `Dumplings no. ${i}`, 100));
  const cart = { quantities: Object.fromEntries(items.map((x) => [x.id, 2])), table: '7', note: 'spicy' };
  const text = cartDescription(cart, cartLines(cart, items));
  assert.ok(text.length <= descriptionLengthMax, `${text.length}`);
  assert.ok(text.startsWith('T7 · 2×Dumplings no. 0'));
  assert.ok(text.endsWith('… · spicy'));
});

/**
 * The catalog: products a catering merchant sells from the POS grid. The POS turns a cart into
 * one order (amount = the cart total, description = the cart summary), so the catalog never
 * touches money itself: it only has to hold honest prices in the merchant's currency.
 */
import type { CatalogItemView } from '../client/catalog.ts';
import {
  catalogItemNameLengthMax,
  catalogItemPriceMinorMax,
  catalogItemsPerMerchantMax,
} from '../lib/limits.ts';
import type { AppDeps } from './deps.ts';
import { AppError } from './errors.ts';
import { requireMerchant } from './merchants.ts';
import type { CatalogItem } from './modules/catalog-ports.ts';
import type { Merchant } from './ports.ts';
import { iso } from './views.ts';

export interface NewCatalogItem {
  name: unknown;
  price: unknown;
  position?: number;
}

/** Checked in this order, so one bad input always yields one code: name, then price. */
function checkItem(input: NewCatalogItem): { name: string; priceMinor: number } {
  const name = typeof input.name === 'string' ? input.name.trim() : '';
  if (name === '' || name.length > catalogItemNameLengthMax || /[\u0000-\u001f\u007f]/.test(name)) {
    throw new AppError(
      'catalog_item_name_invalid',
      `name is 1–${catalogItemNameLengthMax} printable characters`,
      { param: 'name' },
    );
  }
  const price = input.price;
  const integer = typeof price === 'number' && Number.isSafeInteger(price);
  if (!integer || price < 1 || price > catalogItemPriceMinorMax) {
    throw new AppError(
      'catalog_item_price_invalid',
      `price is an integer in minor units from 1 to ${catalogItemPriceMinorMax}`,
      { param: 'price' },
    );
  }
  return { name, priceMinor: price };
}

export async function addCatalogItem(
  deps: AppDeps,
  merchantId: string,
  input: NewCatalogItem,
): Promise<{ item: CatalogItem; merchant: Merchant }> {
  const merchant = await requireMerchant(deps, merchantId);
  const { name, priceMinor } = checkItem(input);
  const item = await deps.store.write(async (tx) => {
    const count = await tx.catalog.countActiveItems(merchant.id);
    if (count >= catalogItemsPerMerchantMax) {
      throw new AppError(
        'catalog_items_exhausted',
        `a merchant has at most ${catalogItemsPerMerchantMax} active catalog items`,
      );
    }
    const created: CatalogItem = {
      id: deps.ids.id('itm'),
      merchantId: merchant.id,
      name,
      priceMinor,
      position: input.position ?? count,
      status: 'active',
      createdAtMs: deps.clock.nowMs(),
      archivedAtMs: null,
    };
    await tx.catalog.insertItem(created);
    return created;
  });
  return { item, merchant };
}

export async function archiveCatalogItem(
  deps: AppDeps,
  merchantId: string,
  itemId: string,
): Promise<{ item: CatalogItem; merchant: Merchant }> {
  const merchant = await requireMerchant(deps, merchantId);
  const item = await deps.store.write(async (tx) => {
    const found = await tx.catalog.getItem(merchant.id, itemId);
    if (!found) throw new AppError('catalog_item_not_found', `no catalog item ${itemId}`);
    if (!(await tx.catalog.archiveItem(merchant.id, itemId, deps.clock.nowMs()))) {
      throw new AppError('catalog_item_archived', `catalog item ${itemId} is already archived`);
    }
    return tx.catalog.getItem(merchant.id, itemId);
  });
  if (!item) throw new AppError('catalog_item_not_found', `no catalog item ${itemId}`);
  return { item, merchant };
}

/** The merchant's active items in grid order (what a terminal of the merchant shows). */
export async function listCatalog(
  deps: AppDeps,
  merchantId: string,
): Promise<{ items: CatalogItem[]; merchant: Merchant }> {
  const merchant = await requireMerchant(deps, merchantId);
  const items = await deps.store.read.catalog.listItems(
    merchant.id,
    false,
    catalogItemsPerMerchantMax,
  );
  return { items, merchant };
}

export function catalogItemView(item: CatalogItem, merchant: Merchant): CatalogItemView {
  return {
    object: 'catalog_item',
    id: item.id,
    merchantId: item.merchantId,
    name: item.name,
    price: item.priceMinor,
    currency: merchant.currency,
    position: item.position,
    status: item.status,
    createdAt: iso(item.createdAtMs),
  };
}

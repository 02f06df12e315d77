/**
 * Storage operations of the catalog module (the products a catering merchant sells from the POS
 * grid), reached as `tx.catalog` inside a transaction and `store.read.catalog` for reads.
 */

/** Archived items leave the POS grid but stay readable (an order's description names them). */
export type CatalogItemStatus = 'active' | 'archived';

export interface CatalogItem {
  readonly id: string;
  readonly merchantId: string;
  readonly name: string;
  /** In the merchant's currency. */
  readonly priceMinor: number;
  /** Grid order, ascending; ties by id (creation order). */
  readonly position: number;
  readonly status: CatalogItemStatus;
  readonly createdAtMs: number;
  readonly archivedAtMs: number | null;
}

export interface CatalogTx {
  getItem(merchantId: string, id: string): Promise<CatalogItem | undefined>;
  /** Grid order; archived items only when asked. */
  listItems(merchantId: string, includeArchived: boolean, limit: number): Promise<CatalogItem[]>;
  countActiveItems(merchantId: string): Promise<number>;
  insertItem(item: CatalogItem): Promise<void>;
  /** False when the item is not active (already archived or not this merchant's). */
  archiveItem(merchantId: string, id: string, nowMs: number): Promise<boolean>;
}

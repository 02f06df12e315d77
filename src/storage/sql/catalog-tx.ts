import type {
  CatalogItem,
  CatalogItemStatus,
  CatalogTx,
} from '../../app/modules/catalog-ports.ts';
import type { Row } from './executor.ts';
import { num, numOrNull, SqlQueries, str } from './columns.ts';

function toItem(row: Row): CatalogItem {
  return {
    id: str(row, 'id'),
    merchantId: str(row, 'merchant_id'),
    name: str(row, 'name'),
    priceMinor: num(row, 'price'),
    position: num(row, 'position'),
    status: str(row, 'status') as CatalogItemStatus,
    createdAtMs: num(row, 'created_at_ms'),
    archivedAtMs: numOrNull(row, 'archived_at_ms'),
  };
}

/** The catalog module's SQL, the same for SQLite and PostgreSQL. */
export class SqlCatalogTx extends SqlQueries implements CatalogTx {
  getItem(merchantId: string, id: string) {
    return this.one(
      'SELECT * FROM catalog_items WHERE merchant_id = ? AND id = ?',
      [merchantId, id],
      toItem,
    );
  }

  listItems(merchantId: string, includeArchived: boolean, limit: number) {
    const status = includeArchived ? '' : `AND status = 'active'`;
    return this.many(
      `SELECT * FROM catalog_items WHERE merchant_id = ? ${status}
       ORDER BY position, id LIMIT ?`,
      [merchantId, limit],
      toItem,
    );
  }

  async countActiveItems(merchantId: string) {
    const row = await this.db.get(
      `SELECT COUNT(*) AS n FROM catalog_items WHERE merchant_id = ? AND status = 'active'`,
      [merchantId],
    );
    return row === undefined ? 0 : Number(row['n']);
  }

  async insertItem(item: CatalogItem) {
    await this.db.run(
      `INSERT INTO catalog_items (id, merchant_id, name, price, position, status, created_at_ms,
       archived_at_ms) VALUES (?,?,?,?,?,?,?,?)`,
      [item.id, item.merchantId, item.name, item.priceMinor, item.position, item.status,
        item.createdAtMs, item.archivedAtMs],
    );
  }

  async archiveItem(merchantId: string, id: string, nowMs: number) {
    const changed = await this.db.run(
      `UPDATE catalog_items SET status = 'archived', archived_at_ms = ?
       WHERE merchant_id = ? AND id = ? AND status = 'active'`,
      [nowMs, merchantId, id],
    );
    return changed === 1;
  }
}

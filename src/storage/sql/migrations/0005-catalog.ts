import type { ColumnTypes, Migration } from '../schema.ts';

/** Catalog items per merchant, for the POS product grid (catering). Prices in minor units. */
export function catalogMigration(t: ColumnTypes): Migration {
  return {
    version: 5,
    statements: [
      `CREATE TABLE catalog_items (
        id ${t.text} PRIMARY KEY, merchant_id ${t.text} NOT NULL REFERENCES merchants(id),
        name ${t.text} NOT NULL, price ${t.int} NOT NULL, position ${t.int} NOT NULL,
        status ${t.text} NOT NULL, created_at_ms ${t.int} NOT NULL, archived_at_ms ${t.int})`,
      `CREATE INDEX catalog_items_merchant ON catalog_items (merchant_id, status, position)`,
    ],
  };
}

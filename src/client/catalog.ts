/**
 * Typed helpers and wire types for the catalog (the POS product grid, src/http/routes-catalog.ts)
 * and the consumer's demo top-up. They wrap a client's `request`, so its key and fetch apply.
 */
import type { QrpayClient } from './client.ts';
import type { ListPage, WalletView } from './types.ts';

export interface CatalogItemView {
  object: 'catalog_item';
  id: string;
  merchantId: string;
  name: string;
  /** Minor units of `currency` (the merchant's). */
  price: number;
  currency: string;
  position: number;
  status: 'active' | 'archived';
  createdAt: string;
}

export interface NewCatalogItem {
  name: string;
  price: number;
  position?: number;
}

export interface TopUpPolicyView {
  object: 'top_up_policy';
  enabled: boolean;
  /** Largest amount of one top-up, minor units. */
  amountMax: number;
}

/** The terminal's own merchant's active items, in grid order. */
export const terminalCatalog = (client: QrpayClient) =>
  client.request<ListPage<CatalogItemView>>('GET', '/v1/terminals/me/catalog');

export const merchantCatalog = (client: QrpayClient, merchantId: string) =>
  client.request<ListPage<CatalogItemView>>('GET', `/v1/merchants/${merchantId}/catalog`);

export const addCatalogItem = (client: QrpayClient, merchantId: string, item: NewCatalogItem) =>
  client.request<CatalogItemView>('POST', `/v1/merchants/${merchantId}/catalog`, item);

export const archiveCatalogItem = (client: QrpayClient, merchantId: string, itemId: string) =>
  client.request<CatalogItemView>(
    'POST',
    `/v1/merchants/${merchantId}/catalog/${itemId}/archive`,
    {},
  );

export const topUpPolicy = (client: QrpayClient) =>
  client.request<TopUpPolicyView>('GET', '/v1/wallets/me/top-up-policy');

export const topUpOwnWallet = (client: QrpayClient, amount: number, currency: string) =>
  client.request<WalletView>('POST', '/v1/wallets/me/top-ups', { amount, currency });

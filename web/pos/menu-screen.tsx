/** The catering menu: a grid of the merchant's items, a cart with quantities, table and note. */
import type { CatalogItemView } from '../../src/client/catalog.ts';
import { useI18n } from '../shared/i18n.tsx';
import { formatMoney } from '../shared/money.ts';
import {
  cartLines,
  cartNoteLengthMax,
  cartTotal,
  changeQuantity,
  emptyCart,
  tableLengthMax,
  type Cart,
} from './cart.ts';

export function MenuScreen(props: {
  items: readonly CatalogItemView[];
  cart: Cart;
  onCart(cart: Cart): void;
  busy: boolean;
  online: boolean;
  error: string | null;
  onCharge(): void;
}) {
  const { t, lang } = useI18n();
  const { cart, items } = props;
  const currency = items[0]?.currency ?? 'CNY';
  const lines = cartLines(cart, items);
  const total = cartTotal(lines);
  const money = (minor: number) => formatMoney(minor, currency, lang);
  return (
    <section className="pos-home" aria-label={t('menu')}>
      <div className="card">
        <h2 className="menu-heading">{t('menuItems')}</h2>
        <ul className="menu-grid">
          {items.map((item) => (
            <li key={item.id}>
              <button
                type="button"
                className="btn menu-item"
                onClick={() => props.onCart(changeQuantity(cart, item.id, 1))}
              >
                <span className="menu-name">{item.name}</span>
                <span className="menu-price">{money(item.price)}</span>
                {(cart.quantities[item.id] ?? 0) > 0 && (
                  <span className="badge ok" aria-hidden="true">×{cart.quantities[item.id]}</span>
                )}
              </button>
            </li>
          ))}
        </ul>
      </div>
      <form className="card" aria-label={t('cart')} onSubmit={(e) => { e.preventDefault(); props.onCharge(); }}>
        <h2 className="menu-heading">{t('cart')}</h2>
        {lines.length === 0 && <p className="muted">{t('cartEmpty')}</p>}
        <ul className="cart-lines">
          {lines.map(({ item, quantity }) => (
            <li key={item.id} className="cart-line">
              <span className="cart-name">{item.name}</span>
              <button type="button" className="btn" aria-label={t('less', { name: item.name })}
                onClick={() => props.onCart(changeQuantity(cart, item.id, -1))}>−</button>
              <output aria-label={t('quantityOf', { name: item.name, n: String(quantity) })}>
                {quantity}
              </output>
              <button type="button" className="btn" aria-label={t('more', { name: item.name })}
                onClick={() => props.onCart(changeQuantity(cart, item.id, 1))}>+</button>
              <span className="cart-amount">{money(item.price * quantity)}</span>
            </li>
          ))}
        </ul>
        <p className="cart-total">
          <span>{t('total')}</span>
          <output id="cart-total" aria-live="polite">{money(total)}</output>
        </p>
        <div className="field">
          <label htmlFor="cart-table">{t('table')}</label>
          <input id="cart-table" inputMode="numeric" maxLength={tableLengthMax} value={cart.table}
            onChange={(e) => props.onCart({ ...cart, table: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="cart-note">{t('orderNote')}</label>
          <input id="cart-note" maxLength={cartNoteLengthMax} value={cart.note}
            onChange={(e) => props.onCart({ ...cart, note: e.target.value })} />
        </div>
        {props.error && <p className="notice bad" role="alert">{props.error}</p>}
        <div className="row">
          <button type="button" className="btn" disabled={lines.length === 0}
            onClick={() => props.onCart(emptyCart)}>{t('clearCart')}</button>
          <button type="submit" className="btn primary" style={{ flex: 1, minHeight: 64, fontSize: '1.3rem' }}
            disabled={props.busy || !props.online || total <= 0}>
            {t('qrPayment')}
          </button>
        </div>
      </form>
    </section>
  );
}

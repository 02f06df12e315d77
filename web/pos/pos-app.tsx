/**
 * The POS terminal: pair once, type an amount, show the signed code, follow the order live
 * (waiting → scanned → paid / expired / closed), then history, receipts, refunds and a day summary.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { OrderView, TerminalView } from '../../src/client/index.ts';
import { terminalCatalog, type CatalogItemView } from '../../src/client/catalog.ts';
import { subscribeTerminalEvents, type StreamState } from '../../src/client/events.ts';
import { clientFor, errorCode, load, reference, save } from '../shared/api.ts';
import { errorText } from '../shared/common-messages.ts';
import { LanguageSwitch, useI18n } from '../shared/i18n.tsx';
import { AmountKeypad } from '../shared/keypad.tsx';
import { currencyExponent, decimalToMinor, formatMoney } from '../shared/money.ts';
import { cartDescription, cartLines, cartTotal, emptyCart, type Cart } from './cart.ts';
import { ChargeScreen } from './charge-screen.tsx';
import { HistoryScreen } from './history-screen.tsx';
import { MenuScreen } from './menu-screen.tsx';
import { loadSettings, SettingsScreen, type PosSettings } from './settings-screen.tsx';

const keyStorage = 'qrpay.pos.key';
type Screen = 'sale' | 'menu' | 'charge' | 'history' | 'settings';

export function PosApp() {
  const { t } = useI18n();
  const [key, setKey] = useState<string | null>(() => load(keyStorage));
  const [terminal, setTerminal] = useState<TerminalView | null>(null);
  const [pairError, setPairError] = useState<string | null>(null);

  useEffect(() => {
    if (!key) return;
    clientFor(key)
      .me()
      .then(setTerminal)
      .catch((error: unknown) => {
        const code = errorCode(error);
        if (code === 'network_error') return; // keep the key: the platform may come back
        save(keyStorage, null);
        setKey(null);
        setPairError(code);
      });
  }, [key]);

  if (!key) {
    return <PairScreen error={pairError} onPaired={(k) => { save(keyStorage, k); setKey(k); }} />;
  }
  if (!terminal) {
    return <main className="app"><p aria-live="polite">…</p></main>;
  }
  return (
    <Terminal
      apiKey={key}
      terminal={terminal}
      onUnpair={() => {
        save(keyStorage, null);
        setTerminal(null);
        setKey(null);
      }}
      title={t('title')}
    />
  );
}

function PairScreen(props: { error: string | null; onPaired(key: string): void }) {
  const { t } = useI18n();
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(props.error);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await clientFor(value.trim()).me();
      props.onPaired(value.trim());
    } catch (e) {
      setError(errorCode(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="app" style={{ maxWidth: 520 }}>
      <header className="topbar">
        <h1>{t('title')}</h1>
        <LanguageSwitch />
      </header>
      <form className="card" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <h2>{t('pairTitle')}</h2>
        <p className="muted">{t('pairHelp')}</p>
        <div className="field">
          <label htmlFor="terminal-key">{t('terminalKey')}</label>
          <input
            id="terminal-key"
            autoComplete="off"
            spellCheck={false}
            value={value}
            onChange={(e) => setValue(e.target.value)}
          />
        </div>
        {error && <p className="notice bad" role="alert">{errorText(t, error)}</p>}
        <button className="btn primary block" type="submit" disabled={busy || value.trim() === ''}>
          {t('pair')}
        </button>
      </form>
    </main>
  );
}

function Terminal(props: {
  apiKey: string;
  terminal: TerminalView;
  title: string;
  onUnpair(): void;
}) {
  const { t, lang } = useI18n();
  const client = clientFor(props.apiKey);
  const [screen, setScreen] = useState<Screen>('sale');
  const [settings, setSettings] = useState<PosSettings>(loadSettings);
  const [amountText, setAmountText] = useState('');
  const [note, setNote] = useState('');
  const [order, setOrder] = useState<OrderView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [stream, setStream] = useState<StreamState>('connecting');
  const [online, setOnline] = useState(() => navigator.onLine);
  const [changes, setChanges] = useState(0);
  const orderRef = useRef<OrderView | null>(null);
  orderRef.current = order;
  // Catering: the merchant's catalog (none → no Menu tab), the cart, and where a sale began.
  const [items, setItems] = useState<CatalogItemView[]>([]);
  const [cart, setCart] = useState<Cart>(emptyCart);
  const [saleFrom, setSaleFrom] = useState<'sale' | 'menu'>('sale');

  useEffect(() => {
    terminalCatalog(clientFor(props.apiKey))
      .then((page) => {
        setItems(page.data);
        if (page.data.length > 0) setScreen((s) => (s === 'sale' ? 'menu' : s));
      })
      .catch(() => setItems([])); // no catalog: the keypad alone, as before
  }, [props.apiKey]);

  const applyOrder = useCallback((next: OrderView) => {
    const current = orderRef.current;
    if (current && current.id === next.id) setOrder(next);
  }, []);

  useEffect(() => {
    const sub = subscribeTerminalEvents({
      baseUrl: '',
      key: props.apiKey,
      lastEventId: load('qrpay.pos.lastEventId'),
      onEvent(event) {
        applyOrder(event.data.order);
        setChanges((n) => n + 1);
      },
      onState: setStream,
      watchedOrders: () => {
        const current = orderRef.current;
        return current && current.status === 'pending' ? [current.id] : [];
      },
      onOrder: applyOrder,
    });
    const keep = setInterval(() => {
      const id = sub.lastEventId();
      if (id) save('qrpay.pos.lastEventId', id);
    }, 5_000);
    const up = () => setOnline(true);
    const down = () => setOnline(false);
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    return () => {
      sub.close();
      clearInterval(keep);
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
    };
  }, [props.apiKey, applyOrder]);

  const currency = settings.currency;
  const amountMinor = decimalToMinor(amountText, currency);
  const charge = () => {
    if (amountMinor === null || amountMinor <= 0) return;
    return createCharge(amountMinor, currency, note.trim(), 'sale');
  };
  const chargeCart = () => {
    const lines = cartLines(cart, items);
    const total = cartTotal(lines);
    const first = lines[0];
    if (!first || total <= 0) return;
    return createCharge(total, first.item.currency, cartDescription(cart, lines), 'menu');
  };
  const createCharge = async (
    amount: number,
    orderCurrency: string,
    description: string,
    from: 'sale' | 'menu',
  ) => {
    setBusy(true);
    setError(null);
    try {
      const outTradeNo = reference('POS');
      const created = await client.createOrder(
        {
          amount,
          currency: orderCurrency,
          outTradeNo,
          expiresInSeconds: settings.expiresInSeconds,
          ...(description ? { description } : {}),
        },
        outTradeNo,
      );
      setSaleFrom(from);
      setOrder(created);
      setScreen('charge');
    } catch (e) {
      setError(errorCode(e));
    } finally {
      setBusy(false);
    }
  };

  const nav = (target: Screen, label: string) => (
    <button
      type="button"
      className={`btn small${screen === target ? ' primary' : ''}`}
      aria-current={screen === target ? 'page' : undefined}
      onClick={() => setScreen(target)}
    >
      {label}
    </button>
  );

  return (
    <>
      {!online && <div className="banner" role="status">{t('offline')}</div>}
      {online && stream === 'down' && (
        <div className="banner" role="status">{t('reconnecting')}</div>
      )}
      <main className="app">
        <header className="topbar">
          <h1>
            {settings.shopName || props.title}
            <span className="muted" style={{ fontSize: '0.9rem', fontWeight: 400 }}>
              {' · '}{props.terminal.name}
            </span>
          </h1>
          <nav aria-label={t('title')}>
            {items.length > 0 && nav('menu', t('menu'))}
            {nav('sale', t('sale'))}
            {nav('history', t('history'))}
            {nav('settings', t('settings'))}
            <LanguageSwitch />
          </nav>
        </header>
        {screen === 'sale' && (
          <section className="pos-home" aria-label={t('sale')}>
            <div className="card">
              <label className="muted" htmlFor="amount-display">{t('amount')}</label>
              <output id="amount-display" className="amount-display" aria-live="polite">
                {amountMinor === null
                  ? formatMoney(0, currency, lang)
                  : formatMoney(amountMinor, currency, lang)}
              </output>
              <div className="field">
                <label htmlFor="order-note">{t('note')}</label>
                <input
                  id="order-note"
                  maxLength={120}
                  value={note}
                  onChange={(e) => setNote(e.target.value)}
                />
              </div>
              {error && <p className="notice bad" role="alert">{errorText(t, error)}</p>}
              <button
                type="button"
                className="btn primary block"
                style={{ minHeight: 64, fontSize: '1.3rem' }}
                disabled={busy || !online || amountMinor === null || amountMinor <= 0}
                onClick={() => void charge()}
              >
                {t('qrPayment')}
              </button>
            </div>
            <div className="card">
              <AmountKeypad
                value={amountText}
                decimals={currencyExponent(currency)}
                onChange={setAmountText}
              />
            </div>
          </section>
        )}
        {screen === 'menu' && (
          <MenuScreen
            items={items}
            cart={cart}
            onCart={setCart}
            busy={busy}
            online={online}
            error={error && errorText(t, error)}
            onCharge={() => void chargeCart()}
          />
        )}
        {screen === 'charge' && order && (
          <ChargeScreen
            order={order}
            shopName={settings.shopName || props.terminal.name}
            voice={settings.voice}
            live={stream === 'open'}
            onClose={async () => {
              try {
                setOrder(await client.closeOrder(order.id));
              } catch (e) {
                setError(errorCode(e));
                setOrder(await client.getOrder(order.id).catch(() => order));
              }
            }}
            onDone={() => {
              // A cart that was not paid stays, so the cashier can try again.
              if (saleFrom === 'menu' && order.paidAt !== null) setCart(emptyCart);
              setOrder(null);
              setAmountText('');
              setNote('');
              setScreen(saleFrom);
            }}
          />
        )}
        {screen === 'history' && (
          <HistoryScreen
            client={client}
            terminal={props.terminal}
            settings={settings}
            changes={changes}
          />
        )}
        {screen === 'settings' && (
          <SettingsScreen
            settings={settings}
            onSave={setSettings}
            onUnpair={props.onUnpair}
          />
        )}
      </main>
    </>
  );
}

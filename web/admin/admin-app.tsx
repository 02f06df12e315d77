/**
 * The operator console: sign in with the operator key; a dashboard; merchants and their terminals
 * (create, revoke); orders with filters; wallets (look up, demo top-up); webhook endpoints and
 * their delivery log; the risk-control centre. Merchant review is its own page at /review.
 */
import { useCallback, useEffect, useState } from 'react';
import type {
  MerchantView, OrderView, QrpayClient, RefundView, TerminalView, WalletView,
} from '../../src/client/index.ts';
import { clientFor, errorCode, formatTime } from '../shared/api.ts';
import { errorText } from '../shared/common-messages.ts';
import { LanguageSwitch, useI18n } from '../shared/i18n.tsx';
import { decimalToMinor, formatMoney } from '../shared/money.ts';
import { Dashboard } from './dashboard.tsx';
import { RiskPage } from './risk.tsx';
import { WebhooksPage } from './webhooks.tsx';

const keyStorage = 'qrpay.admin.key';
type Page = 'dashboard' | 'merchants' | 'orders' | 'wallets' | 'webhooks' | 'risk';

function loadKey() {
  try {
    return sessionStorage.getItem(keyStorage);
  } catch {
    return null;
  }
}
function saveKey(key: string | null) {
  try {
    if (key === null) sessionStorage.removeItem(keyStorage);
    else sessionStorage.setItem(keyStorage, key);
  } catch {
    // kept in memory only
  }
}

export function AdminApp() {
  const [key, setKey] = useState<string | null>(loadKey);
  if (!key) return <SignIn onKey={(k) => { saveKey(k); setKey(k); }} />;
  return <Console client={clientFor(key)} onSignOut={() => { saveKey(null); setKey(null); }} />;
}

function SignIn(props: { onKey(key: string): void }) {
  const { t } = useI18n();
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    try {
      await clientFor(value.trim()).listMerchants();
      props.onKey(value.trim());
    } catch (e) {
      setError(errorCode(e));
    }
  };
  return (
    <main className="app" style={{ maxWidth: 520 }}>
      <header className="topbar"><h1>{t('title')}</h1><LanguageSwitch /></header>
      <form className="card" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <h2>{t('signIn')}</h2>
        <p className="muted">{t('signInHelp')}</p>
        <div className="field">
          <label htmlFor="operator-key">{t('operatorKey')}</label>
          <input id="operator-key" type="password" autoComplete="off" value={value}
            onChange={(e) => setValue(e.target.value)} />
        </div>
        {error && <p className="notice bad" role="alert">{errorText(t, error)}</p>}
        <button type="submit" className="btn primary block" disabled={!value.trim()}>
          {t('signIn')}
        </button>
      </form>
    </main>
  );
}

function Console(props: { client: QrpayClient; onSignOut(): void }) {
  const { t } = useI18n();
  const [page, setPage] = useState<Page>('dashboard');
  const item = (name: Page) => (
    <button key={name} type="button" className={`btn${page === name ? ' primary' : ''}`}
      aria-current={page === name ? 'page' : undefined} onClick={() => setPage(name)}>
      {t(name)}
    </button>
  );
  return (
    <main className="app">
      <header className="topbar">
        <h1>{t('title')}</h1>
        <div className="row">
          <LanguageSwitch />
          <button type="button" className="btn small" onClick={props.onSignOut}>
            {t('signOut')}
          </button>
        </div>
      </header>
      <div className="admin-layout">
        <nav className="side-nav" aria-label={t('title')}>
          {(['dashboard', 'merchants', 'orders', 'wallets', 'webhooks', 'risk'] as const)
            .map(item)}
          <a className="btn" href="/review">{t('review')} <span aria-hidden="true">↗</span></a>
        </nav>
        <div>
          {page === 'dashboard' && <Dashboard client={props.client} />}
          {page === 'merchants' && <Merchants client={props.client} />}
          {page === 'orders' && <Orders client={props.client} />}
          {page === 'wallets' && <Wallets client={props.client} />}
          {page === 'webhooks' && <WebhooksPage client={props.client} />}
          {page === 'risk' && <RiskPage client={props.client} />}
        </div>
      </div>
    </main>
  );
}

const merchantFields = ['legalName', 'displayName', 'city', 'country', 'mcc', 'currency'] as const;

function Merchants(props: { client: QrpayClient }) {
  const { t } = useI18n();
  const [merchants, setMerchants] = useState<MerchantView[]>([]);
  const [selected, setSelected] = useState<MerchantView | null>(null);
  const [draft, setDraft] = useState<Record<(typeof merchantFields)[number], string>>({
    legalName: '', displayName: '', city: '', country: 'CN', mcc: '5814', currency: 'CNY',
  });
  const [message, setMessage] = useState<{ tone: 'ok' | 'bad'; text: string } | null>(null);
  const reload = useCallback(() => {
    props.client.listMerchants().then((p) => setMerchants(p.data))
      .catch((e: unknown) => setMessage({ tone: 'bad', text: errorText(t, errorCode(e)) }));
  }, [props.client, t]);
  useEffect(reload, [reload]);
  if (selected) {
    return <Terminals client={props.client} merchant={selected} onBack={() => setSelected(null)} />;
  }
  const create = async () => {
    try {
      await props.client.createMerchant({ ...draft });
      setMessage({ tone: 'ok', text: t('created_ok') });
      reload();
    } catch (e) {
      setMessage({ tone: 'bad', text: errorText(t, errorCode(e)) });
    }
  };
  return (
    <>
      <section className="card" aria-labelledby="merchants-title">
        <h2 id="merchants-title">{t('merchants')}</h2>
        <div className="table-wrap">
          <table>
            <thead><tr><th>{t('displayName')}</th><th>{t('legalName')}</th><th>{t('city')}</th>
              <th>{t('currency')}</th><th>{t('status')}</th><th>{t('terminals')}</th></tr></thead>
            <tbody>
              {merchants.map((m) => (
                <tr key={m.id}>
                  <td>{m.displayName}</td><td>{m.legalName}</td><td>{m.city}</td>
                  <td>{m.currency}</td>
                  <td>
                    <span className={`badge ${m.status === 'approved' ? 'ok' : 'bad'}`}>
                      {m.status}
                    </span>
                  </td>
                  <td><button type="button" className="btn small" onClick={() => setSelected(m)}
                    aria-label={`${t('terminals')}: ${m.displayName}`}>
                    {t('terminals')}
                  </button></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <form className="card" onSubmit={(e) => { e.preventDefault(); void create(); }}
        aria-labelledby="new-merchant-title">
        <h2 id="new-merchant-title">{t('newMerchant')}</h2>
        <div className="grid-2">
          {merchantFields.map((f) => (
            <div className="field" key={f}>
              <label htmlFor={`m-${f}`}>{t(f)}</label>
              <input id={`m-${f}`} required value={draft[f]}
                onChange={(e) => setDraft({ ...draft, [f]: e.target.value })} />
            </div>
          ))}
        </div>
        {message && <p className={`notice ${message.tone}`} role="alert">{message.text}</p>}
        <button type="submit" className="btn primary">{t('create')}</button>
      </form>
    </>
  );
}

function Terminals(props: { client: QrpayClient; merchant: MerchantView; onBack(): void }) {
  const { t, lang } = useI18n();
  const [terminals, setTerminals] = useState<TerminalView[]>([]);
  const [name, setName] = useState('');
  const [newKey, setNewKey] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { client, merchant } = props;
  const reload = useCallback(() => {
    client.listTerminals(merchant.id).then((p) => setTerminals(p.data))
      .catch((e: unknown) => setError(errorCode(e)));
  }, [client, merchant.id]);
  useEffect(reload, [reload]);
  const create = async () => {
    try {
      const created = await client.createTerminal(merchant.id, name.trim() || 'Terminal');
      setNewKey(created.apiKey);
      setName('');
      reload();
    } catch (e) {
      setError(errorCode(e));
    }
  };
  const revoke = async (terminal: TerminalView) => {
    if (!window.confirm(t('revokeConfirm'))) return;
    try {
      await client.revokeTerminal(merchant.id, terminal.id);
      reload();
    } catch (e) {
      setError(errorCode(e));
    }
  };
  return (
    <section className="card" aria-labelledby="terminals-title">
      <button type="button" className="btn small" onClick={props.onBack}>← {t('back')}</button>
      <h2 id="terminals-title">{merchant.displayName} · {t('terminals')}</h2>
      {error && <p className="notice bad" role="alert">{errorText(t, error)}</p>}
      <table>
        <thead><tr><th>{t('name')}</th><th>{t('keyPrefix')}</th><th>{t('created')}</th>
          <th>{t('status')}</th><th /></tr></thead>
        <tbody>
          {terminals.map((x) => (
            <tr key={x.id} data-terminal-id={x.id}>
              <td>{x.name}</td><td><code>{x.keyPrefix}…</code></td>
              <td>{formatTime(x.createdAt, lang)}</td>
              <td>
                <span className={`badge ${x.status === 'active' ? 'ok' : 'bad'}`}>{x.status}</span>
              </td>
              <td>{x.status === 'active' && (
                <button type="button" className="btn small danger" onClick={() => void revoke(x)}
                  aria-label={`${t('revoke')}: ${x.name}`}>{t('revoke')}</button>)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="filters" style={{ marginTop: 12 }}
        onSubmit={(e) => { e.preventDefault(); void create(); }}>
        <div className="field">
          <label htmlFor="terminal-name">{t('terminalName')}</label>
          <input id="terminal-name" value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        <button type="submit" className="btn primary">{t('newTerminal')}</button>
      </form>
      {newKey && (
        <div role="status" style={{ marginTop: 12 }}>
          <p>{t('keyOnce')}</p>
          <p className="secret" id="new-terminal-key">{newKey}</p>
        </div>
      )}
    </section>
  );
}

const orderStatuses = ['pending', 'paid', 'partially_refunded', 'refunded', 'closed', 'expired'];

function Orders(props: { client: QrpayClient }) {
  const { t, lang } = useI18n();
  const [status, setStatus] = useState('');
  const [outTradeNo, setOutTradeNo] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [cursor, setCursor] = useState<string | null>(null);
  const [page, setPage] = useState<{ data: OrderView[]; next: string | null } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<OrderView | null>(null);
  const load = useCallback(async (at: string | null) => {
    try {
      const result = await props.client.listOrders({
        limit: 25,
        ...(status ? { status } : {}),
        ...(outTradeNo.trim() ? { outTradeNo: outTradeNo.trim() } : {}),
        ...(from ? { createdFrom: new Date(from).toISOString() } : {}),
        ...(to ? { createdTo: new Date(to).toISOString() } : {}),
        ...(at ? { cursor: at } : {}),
      });
      setPage({ data: result.data, next: result.nextCursor });
      setCursor(at);
      setError(null);
    } catch (e) {
      setError(errorCode(e));
    }
  }, [props.client, status, outTradeNo, from, to]);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => { void load(null); }, []);
  return (
    <section className="card" aria-labelledby="orders-title">
      <h2 id="orders-title">{t('orders')}</h2>
      <form className="filters" onSubmit={(e) => { e.preventDefault(); void load(null); }}>
        <div className="field">
          <label htmlFor="f-status">{t('status')}</label>
          <select id="f-status" value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">{t('all')}</option>
            {orderStatuses.map((s) => <option key={s} value={s}>{t(`status.${s}`)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-out">{t('outTradeNo')}</label>
          <input id="f-out" value={outTradeNo} onChange={(e) => setOutTradeNo(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="f-from">{t('from')}</label>
          <input id="f-from" type="datetime-local" value={from}
            onChange={(e) => setFrom(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="f-to">{t('to')}</label>
          <input id="f-to" type="datetime-local" value={to}
            onChange={(e) => setTo(e.target.value)} />
        </div>
        <button type="submit" className="btn primary">{t('filter')}</button>
      </form>
      {error && <p className="notice bad" role="alert">{errorText(t, error)}</p>}
      {page && page.data.length === 0 && <p className="muted">{t('none')}</p>}
      {page && page.data.length > 0 && (
        <div className="table-wrap">
          <table id="orders-table">
            <thead><tr><th>{t('created')}</th><th>{t('outTradeNo')}</th><th>{t('merchant')}</th>
              <th className="num">{t('amount')}</th><th className="num">{t('fee')}</th>
              <th className="num">{t('refunded')}</th><th>{t('status')}</th></tr></thead>
            <tbody>
              {page.data.map((o) => (
                <tr key={o.id} data-status={o.status}>
                  <td>{formatTime(o.createdAt, lang)}</td>
                  <td>
                    <button type="button" className="btn small" onClick={() => setSelected(o)}
                      aria-label={`${t('refunds')}: ${o.outTradeNo}`}>
                      {o.outTradeNo}
                    </button>
                  </td>
                  <td><code>{o.merchantId.slice(0, 12)}…</code></td>
                  <td className="num">{formatMoney(o.amount, o.currency, lang)}</td>
                  <td className="num">{formatMoney(o.fee, o.currency, lang)}</td>
                  <td className="num">{formatMoney(o.refundedAmount, o.currency, lang)}</td>
                  <td>{t(`status.${o.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {selected && <OrderRefunds client={props.client} order={selected} />}
      <div className="row" style={{ marginTop: 8 }}>
        {cursor && (
          <button type="button" className="btn small" onClick={() => void load(null)}>
            {t('first')}
          </button>
        )}
        {page?.next && (
          <button type="button" className="btn small" onClick={() => void load(page.next)}>
            {t('next')}
          </button>
        )}
      </div>
    </section>
  );
}

function OrderRefunds(props: { client: QrpayClient; order: OrderView }) {
  const { t, lang } = useI18n();
  const [refunds, setRefunds] = useState<RefundView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { client, order } = props;
  useEffect(() => {
    setRefunds(null);
    client.listRefunds(order.id).then((p) => setRefunds(p.data))
      .catch((e: unknown) => setError(errorCode(e)));
  }, [client, order.id]);
  return (
    <div className="card" style={{ marginTop: 12 }} id="order-refunds">
      <h3 style={{ marginTop: 0 }}>{t('refunds')} · {order.outTradeNo}</h3>
      {error && <p className="notice bad" role="alert">{errorText(t, error)}</p>}
      {refunds && refunds.length === 0 && <p className="muted">{t('noRefunds')}</p>}
      {refunds && refunds.length > 0 && (
        <table>
          <thead><tr><th>{t('created')}</th><th>{t('id')}</th>
            <th className="num">{t('amount')}</th><th className="num">{t('fee')}</th></tr></thead>
          <tbody>
            {refunds.map((r) => (
              <tr key={r.id}>
                <td>{formatTime(r.createdAt, lang)}</td><td><code>{r.outRefundNo}</code></td>
                <td className="num">{formatMoney(r.amount, order.currency, lang)}</td>
                <td className="num">{formatMoney(r.feeRefunded, order.currency, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function Wallets(props: { client: QrpayClient }) {
  const { t, lang } = useI18n();
  const [id, setId] = useState('');
  const [wallet, setWallet] = useState<WalletView | null>(null);
  const [amount, setAmount] = useState('100');
  const [message, setMessage] = useState<{ tone: 'ok' | 'bad'; text: string } | null>(null);
  const find = async () => {
    try {
      const path = `/v1/wallets/${encodeURIComponent(id.trim())}`;
      setWallet(await props.client.request<WalletView>('GET', path));
      setMessage(null);
    } catch (e) {
      setWallet(null);
      setMessage({ tone: 'bad', text: errorText(t, errorCode(e)) });
    }
  };
  const topUp = async () => {
    if (!wallet) return;
    const minor = decimalToMinor(amount, wallet.currency);
    if (minor === null || minor <= 0) return;
    try {
      const next = await props.client.topUp(wallet.id, minor, wallet.currency);
      setWallet(next);
      const balance = formatMoney(next.balance, next.currency, lang);
      setMessage({ tone: 'ok', text: t('topUpDone', { amount: balance }) });
    } catch (e) {
      setMessage({ tone: 'bad', text: errorText(t, errorCode(e)) });
    }
  };
  return (
    <section className="card" aria-labelledby="wallets-title">
      <h2 id="wallets-title">{t('wallets')}</h2>
      <form className="filters" onSubmit={(e) => { e.preventDefault(); void find(); }}>
        <div className="field">
          <label htmlFor="wallet-id">{t('walletId')}</label>
          <input id="wallet-id" value={id} onChange={(e) => setId(e.target.value)} />
        </div>
        <button type="submit" className="btn primary">{t('find')}</button>
      </form>
      {message && <p className={`notice ${message.tone}`} role="alert">{message.text}</p>}
      {wallet && (
        <div style={{ marginTop: 12 }}>
          <dl className="grid-2">
            <div><dt className="muted">{t('id')}</dt><dd><code>{wallet.id}</code></dd></div>
            <div><dt className="muted">{t('balance')}</dt>
              <dd className="stat">{formatMoney(wallet.balance, wallet.currency, lang)}</dd></div>
            <div><dt className="muted">{t('lock')}</dt><dd>{wallet.lock.status === 'locked'
              ? t('lockedUntil', { time: formatTime(wallet.lock.lockedUntil, lang) })
              : t('tries', { n: wallet.lock.triesRemaining })}</dd></div>
          </dl>
          <form className="filters" onSubmit={(e) => { e.preventDefault(); void topUp(); }}>
            <div className="field">
              <label htmlFor="top-up">{t('amount')} ({wallet.currency})</label>
              <input id="top-up" inputMode="decimal" value={amount}
                onChange={(e) => setAmount(e.target.value)} />
            </div>
            <button type="submit" className="btn primary">{t('topUp')}</button>
          </form>
        </div>
      )}
    </section>
  );
}

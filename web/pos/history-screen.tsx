/** Today's orders of this terminal, the day summary, a printable receipt, PIN-guarded refunds. */
import { useEffect, useState } from 'react';
import type { OrderView, QrpayClient, TerminalView } from '../../src/client/index.ts';
import { errorCode, formatTime, reference } from '../shared/api.ts';
import { errorText } from '../shared/common-messages.ts';
import { useI18n } from '../shared/i18n.tsx';
import { decimalToMinor, formatMoney, minorToDecimal } from '../shared/money.ts';
import { hashPin, type PosSettings } from './settings-screen.tsx';

/** Pages read for one day's list (100 orders each). */
const dayPagesMax = 10;

export async function loadToday(client: QrpayClient, terminalId: string): Promise<OrderView[]> {
  const midnight = new Date();
  midnight.setHours(0, 0, 0, 0);
  const out: OrderView[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < dayPagesMax; i++) {
    const page = await client.listOrders({
      limit: 100,
      createdFrom: midnight.toISOString(),
      ...(cursor ? { cursor } : {}),
    });
    out.push(...page.data.filter((o) => o.terminalId === terminalId));
    if (!page.hasMore || !page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return out;
}

const isPaid = (o: OrderView) =>
  o.status === 'paid' || o.status === 'partially_refunded' || o.status === 'refunded';

export function daySummary(orders: readonly OrderView[]) {
  const paid = orders.filter(isPaid);
  const payments = paid.reduce((sum, o) => sum + o.amount, 0);
  const refunds = paid.reduce((sum, o) => sum + o.refundedAmount, 0);
  return { count: paid.length, payments, refunds, net: payments - refunds };
}

export function HistoryScreen(props: {
  client: QrpayClient;
  terminal: TerminalView;
  settings: PosSettings;
  changes: number;
}) {
  const { t, lang } = useI18n();
  const [orders, setOrders] = useState<OrderView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  useEffect(() => {
    loadToday(props.client, props.terminal.id)
      .then((list) => { setOrders(list); setError(null); })
      .catch((e: unknown) => setError(errorCode(e)));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.terminal.id, props.changes, reload]);

  const currency = orders?.[0]?.currency ?? props.settings.currency;
  const money = (minor: number, c = currency) => formatMoney(minor, c, lang);
  const summary = daySummary(orders ?? []);
  const order = orders?.find((o) => o.id === selected) ?? null;
  if (order) {
    return (
      <OrderDetail
        order={order}
        client={props.client}
        settings={props.settings}
        terminal={props.terminal}
        onBack={() => setSelected(null)}
        onChanged={() => setReload((n) => n + 1)}
      />
    );
  }
  return (
    <section aria-labelledby="history-title">
      <div className="card">
        <h2 id="history-title">{t('summary')}</h2>
        <div className="grid-2" id="day-summary">
          <div><div className="muted">{t('payments')}</div>
            <div className="stat">{money(summary.payments)}</div>
            <div className="muted">{t('count', { n: summary.count })}</div></div>
          <div><div className="muted">{t('refunds')}</div>
            <div className="stat">{money(summary.refunds)}</div></div>
          <div><div className="muted">{t('net')}</div>
            <div className="stat">{money(summary.net)}</div></div>
        </div>
      </div>
      <div className="card">
        <div className="row" style={{ justifyContent: 'space-between' }}>
          <h2 style={{ margin: 0 }}>{t('history')}</h2>
          <button type="button" className="btn small" onClick={() => setReload((n) => n + 1)}>
            {t('refresh')}
          </button>
        </div>
        {error && <p className="notice bad" role="alert">{errorText(t, error)}</p>}
        {orders && orders.length === 0 && <p className="muted">{t('noOrders')}</p>}
        {orders && orders.length > 0 && (
          <table>
            <thead>
              <tr><th>{t('time')}</th><th>{t('orderNo')}</th><th className="num">{t('amount')}</th>
                <th>{t('status')}</th></tr>
            </thead>
            <tbody>
              {orders.map((o) => (
                <tr key={o.id}>
                  <td>{formatTime(o.createdAt, lang)}</td>
                  <td>
                    <button type="button" className="btn small" onClick={() => setSelected(o.id)}
                      aria-label={`${t('receipt')} ${o.outTradeNo}`}>
                      {o.outTradeNo}
                    </button>
                  </td>
                  <td className="num">{money(o.amount, o.currency)}</td>
                  <td><StatusBadge order={o} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}

function StatusBadge({ order }: { order: OrderView }) {
  const { t } = useI18n();
  const tone = isPaid(order) ? (order.status === 'paid' ? 'ok' : 'warn')
    : order.status === 'pending' ? 'neutral' : 'bad';
  return (
    <span className={`badge ${tone}`} data-status={order.status}>
      {t(`status.${order.status}`)}
    </span>
  );
}

function OrderDetail(props: {
  order: OrderView;
  client: QrpayClient;
  settings: PosSettings;
  terminal: TerminalView;
  onBack(): void;
  onChanged(): void;
}) {
  const { t, lang } = useI18n();
  const { order } = props;
  const refundable = isPaid(order) ? order.amount - order.refundedAmount : 0;
  const [amountText, setAmountText] = useState(minorToDecimal(refundable, order.currency));
  const [pin, setPin] = useState('');
  const [message, setMessage] = useState<{ tone: 'ok' | 'bad'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const money = (minor: number) => formatMoney(minor, order.currency, lang);

  const refund = async () => {
    const minor = decimalToMinor(amountText, order.currency);
    if (minor === null || minor <= 0) return;
    if (!props.settings.managerPinHash) {
      return setMessage({ tone: 'bad', text: t('pinMissing') });
    }
    if ((await hashPin(pin)) !== props.settings.managerPinHash) {
      return setMessage({ tone: 'bad', text: t('pinWrong') });
    }
    setBusy(true);
    try {
      const result = await props.client.refund(order.id, minor, reference('RF'));
      setMessage({ tone: 'ok', text: t('refunded', { amount: money(result.amount) }) });
      setPin('');
      props.onChanged();
    } catch (e) {
      setMessage({ tone: 'bad', text: errorText(t, errorCode(e)) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="grid-2" style={{ alignItems: 'start' }}>
      <div className={`card receipt w${props.settings.receiptWidth}`} id="receipt">
        <h2>{props.settings.shopName || props.terminal.name}</h2>
        <p style={{ textAlign: 'center', margin: 0 }}>{t('receipt')}</p>
        <dl>
          <dt>{t('orderNo')}</dt><dd>{order.outTradeNo}</dd>
          <dt>{t('terminal')}</dt><dd>{props.terminal.name}</dd>
          <dt>{t('time')}</dt><dd>{formatTime(order.createdAt, lang)}</dd>
          <dt>{t('paidAt')}</dt><dd>{formatTime(order.paidAt, lang)}</dd>
          <dt>{t('amount')}</dt><dd><strong>{money(order.amount)}</strong></dd>
          {order.refundedAmount > 0 && (
            <><dt>{t('refunds')}</dt><dd>-{money(order.refundedAmount)}</dd></>
          )}
          <dt>{t('status')}</dt><dd><StatusBadge order={order} /></dd>
        </dl>
        {order.description && <p>{order.description}</p>}
        <p style={{ textAlign: 'center' }}>{t('thanks')}</p>
        <div className="row no-print">
          <button type="button" className="btn" onClick={() => window.print()}>{t('print')}</button>
          <button type="button" className="btn" onClick={props.onBack}>{t('back')}</button>
        </div>
      </div>
      {refundable > 0 && (
        <form className="card" onSubmit={(e) => { e.preventDefault(); void refund(); }}
          aria-labelledby="refund-title">
          <h2 id="refund-title">{t('refund')}</h2>
          <p className="muted">{t('refundable', { amount: money(refundable) })}</p>
          <div className="field">
            <label htmlFor="refund-amount">{t('refundAmount')}</label>
            <input id="refund-amount" inputMode="decimal" value={amountText}
              onChange={(e) => setAmountText(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="refund-pin">{t('enterPin')}</label>
            <input id="refund-pin" type="password" inputMode="numeric" autoComplete="off"
              value={pin} onChange={(e) => setPin(e.target.value)} />
          </div>
          {message && <p className={`notice ${message.tone}`} role="alert">{message.text}</p>}
          <button type="submit" className="btn danger" disabled={busy}>{t('confirmRefund')}</button>
        </form>
      )}
      {refundable === 0 && message && (
        <p className={`notice ${message.tone}`} role="alert">{message.text}</p>
      )}
    </section>
  );
}

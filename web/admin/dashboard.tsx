/**
 * The dashboard, computed in the browser from the newest orders (the API has no aggregate
 * endpoint yet): payments per minute, amount per day, success rate, today's totals.
 */
import { useEffect, useState } from 'react';
import type { OrderView, QrpayClient } from '../../src/client/index.ts';
import { errorCode } from '../shared/api.ts';
import { errorText } from '../shared/common-messages.ts';
import { useI18n } from '../shared/i18n.tsx';
import { formatMoney } from '../shared/money.ts';

/** Pages of 100 read for the dashboard. */
const dashboardPagesMax = 5;

const isPaid = (o: OrderView) =>
  o.status === 'paid' || o.status === 'partially_refunded' || o.status === 'refunded';

async function recentOrders(client: QrpayClient): Promise<OrderView[]> {
  const out: OrderView[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < dashboardPagesMax; i++) {
    const page = await client.listOrders({ limit: 100, ...(cursor ? { cursor } : {}) });
    out.push(...page.data);
    if (!page.hasMore || !page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return out;
}

export function buckets(orders: readonly OrderView[], nowMs: number) {
  const minutes = Array.from({ length: 30 }, () => 0);
  const days = Array.from({ length: 7 }, () => 0);
  const today = new Date(nowMs);
  today.setHours(0, 0, 0, 0);
  let finished = 0;
  let paidCount = 0;
  let todayCount = 0;
  let todayAmount = 0;
  for (const o of orders) {
    if (o.status !== 'pending') finished += 1;
    if (!isPaid(o) || !o.paidAt) continue;
    paidCount += 1;
    const at = Date.parse(o.paidAt);
    const minute = Math.floor((nowMs - at) / 60_000);
    if (minute >= 0 && minute < 30) minutes[29 - minute]! += 1;
    const day = Math.floor((today.getTime() - at) / 86_400_000) + 1;
    if (at >= today.getTime()) {
      days[6]! += o.amount;
      todayCount += 1;
      todayAmount += o.amount;
    } else if (day >= 1 && day < 7) {
      days[6 - day]! += o.amount;
    }
  }
  const rate = finished === 0 ? null : paidCount / finished;
  return { minutes, days, rate, todayCount, todayAmount };
}

function Bars(props: { values: number[]; label: string }) {
  const max = Math.max(1, ...props.values);
  const width = 100 / props.values.length;
  return (
    <figure style={{ margin: 0 }}>
      <svg className="chart" viewBox="0 0 100 40" preserveAspectRatio="none" role="img"
        aria-label={`${props.label}: ${props.values.join(', ')}`}>
        {props.values.map((v, i) => (
          <rect key={i} x={i * width + width * 0.1} width={width * 0.8}
            y={40 - (v / max) * 38} height={(v / max) * 38} />
        ))}
      </svg>
      <figcaption className="muted">{props.label}</figcaption>
    </figure>
  );
}

export function Dashboard(props: { client: QrpayClient }) {
  const { t, lang } = useI18n();
  const [orders, setOrders] = useState<OrderView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    recentOrders(props.client).then(setOrders).catch((e: unknown) => setError(errorCode(e)));
  }, [props.client]);
  if (error) return <p className="notice bad" role="alert">{errorText(t, error)}</p>;
  if (!orders) return <p role="status">…</p>;
  const currency = orders[0]?.currency ?? 'CNY';
  const b = buckets(orders.filter((o) => o.currency === currency), Date.now());
  return (
    <section aria-labelledby="dash-title">
      <h2 id="dash-title">{t('dashboard')}</h2>
      <div className="grid-2">
        <div className="card"><div className="muted">{t('paymentsToday')}</div>
          <div className="stat" id="payments-today">{b.todayCount}</div></div>
        <div className="card"><div className="muted">{t('amountToday')}</div>
          <div className="stat">{formatMoney(b.todayAmount, currency, lang)}</div></div>
        <div className="card"><div className="muted">{t('successRate')}</div>
          <div className="stat">{b.rate === null ? '—' : `${Math.round(b.rate * 100)}%`}</div>
          <div className="muted">{t('successHelp')}</div></div>
      </div>
      <div className="grid-2">
        <div className="card"><Bars values={b.minutes} label={t('perMinute')} /></div>
        <div className="card">
          <Bars values={b.days} label={`${t('perDay')} (${currency})`} />
        </div>
      </div>
      <p className="muted">{t('sampleNote', { n: orders.length })}</p>
    </section>
  );
}

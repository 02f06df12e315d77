/** The code on screen and the order's live state, ending on a clear paid / expired / closed. */
import QRCode from 'qrcode';
import { useEffect, useRef, useState } from 'react';
import type { OrderView } from '../../src/client/index.ts';
import { useI18n, type Lang } from '../shared/i18n.tsx';
import { formatMoney, minorToDecimal } from '../shared/money.ts';

export type LiveState = 'waiting' | 'scanned' | 'paid' | 'expired' | 'closed';

export function liveState(order: OrderView): LiveState {
  switch (order.status) {
    case 'pending':
      return order.scannedAt ? 'scanned' : 'waiting';
    case 'paid':
    case 'partially_refunded':
    case 'refunded':
      return 'paid';
    case 'expired':
      return 'expired';
    case 'closed':
      return 'closed';
  }
}

/** The broadcast sentence: "收款成功，38.50元" / "Payment received, 38.50 Chinese yuan". */
export function spokenText(
  order: OrderView,
  lang: Lang,
  t: (k: string, v?: Record<string, string>) => string,
) {
  const amount = lang === 'zh-CN' && order.currency === 'CNY'
    ? `${minorToDecimal(order.amount, order.currency)}元`
    : formatMoney(order.amount, order.currency, lang, 'name');
  return t('spokenPaid', { amount });
}

function speak(text: string, lang: Lang) {
  if (typeof speechSynthesis === 'undefined') return;
  try {
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = lang;
    speechSynthesis.cancel();
    speechSynthesis.speak(utterance); // never waits for onend: some browsers have no voices
  } catch {
    // no speech on this device
  }
}

function useQrDataUrl(payload: string) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    QRCode.toString(payload, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 })
      .then((svg) => {
        if (live) setUrl(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`);
      })
      .catch(() => setUrl(null));
    return () => {
      live = false;
    };
  }, [payload]);
  return url;
}

function useCountdown(expiresAt: string) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, []);
  const seconds = Math.max(0, Math.ceil((Date.parse(expiresAt) - now) / 1_000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

export function ChargeScreen(props: {
  order: OrderView;
  shopName: string;
  voice: boolean;
  live: boolean;
  onClose(): Promise<void>;
  onDone(): void;
}) {
  const { t, lang } = useI18n();
  const { order } = props;
  const state = liveState(order);
  const qr = useQrDataUrl(order.qrCode.payload);
  const countdown = useCountdown(order.expiresAt);
  const amount = formatMoney(order.amount, order.currency, lang);
  const spoken = useRef<string | null>(null);
  const doneButton = useRef<HTMLButtonElement | null>(null);

  useEffect(() => {
    if (state !== 'paid' || spoken.current === order.id) return;
    spoken.current = order.id;
    if (props.voice) speak(spokenText(order, lang, t), lang);
    doneButton.current?.focus();
  }, [state, order, lang, t, props.voice]);

  if (state === 'paid') {
    return (
      <section className="card charge paid-screen" aria-labelledby="paid-title" data-state="paid">
        <div className="big-status status-ok">
          <div className="icon" aria-hidden="true">✔</div>
          <h2 id="paid-title" role="status">{t('paid')}</h2>
          <p className="amount">{amount}</p>
          <p className="muted">{t('orderNo')} {order.outTradeNo}</p>
        </div>
        <button ref={doneButton} type="button" className="btn primary block" onClick={props.onDone}>
          {t('newSale')}
        </button>
      </section>
    );
  }
  if (state === 'expired' || state === 'closed') {
    return (
      <section className="card charge" data-state={state}>
        <div className="big-status status-bad">
          <div className="icon" aria-hidden="true">✖</div>
          <h2 role="status">{t(state)}</h2>
          <p className="amount">{amount}</p>
        </div>
        <button type="button" className="btn primary block" onClick={props.onDone}>
          {t('newSale')}
        </button>
      </section>
    );
  }
  return (
    <section className="card charge" aria-labelledby="charge-title" data-state={state}>
      <p className="muted" style={{ margin: 0 }}>{props.shopName}</p>
      <p className="amount" id="charge-title">{amount}</p>
      <p style={{ margin: '0 0 8px' }}>{t('scanToPay')}</p>
      <div className="qr-frame">
        {qr ? (
          <img id="order-qr" src={qr} alt={t('qrAlt', { amount })} width={440} height={440} />
        ) : (
          <div style={{ width: 300, height: 300 }} />
        )}
      </div>
      <p className={`status-line ${state === 'scanned' ? 'status-warn' : ''}`} role="status">
        <span aria-hidden="true">{state === 'scanned' ? '◐ ' : '○ '}</span>
        {t(state)}
      </p>
      <p className="muted">
        {t('expiresIn', { time: countdown })}
        {props.live && <span className="badge ok" style={{ marginLeft: 8 }}>● {t('live')}</span>}
      </p>
      <button type="button" className="btn" onClick={() => void props.onClose()}>
        {t('cancel')}
      </button>
    </section>
  );
}

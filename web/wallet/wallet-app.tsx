/**
 * The consumer wallet: create (password twice), balance, scan (camera or image), a verified
 * confirmation sheet, the 6-digit password pad, the result, and the bill list.
 */
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type {
  OrderView, ScanView, WalletPaymentView, WalletView,
} from '../../src/client/index.ts';
import { ApiError, clientFor, errorCode, formatTime, load, save } from '../shared/api.ts';
import { errorText } from '../shared/common-messages.ts';
import { LanguageSwitch, useI18n } from '../shared/i18n.tsx';
import { PinPad } from '../shared/keypad.tsx';
import { formatMoney } from '../shared/money.ts';
import { CameraScanner, decodeImageFile } from './scanner.tsx';
import { TopUpPanel } from './top-up.tsx';

const tokenStorage = 'qrpay.wallet.token';

/**
 * A random id for this device, sent as X-Device-Id so risk rules can tell devices apart
 * (a new device, several wallets on one device). It identifies nothing else.
 */
function deviceId(): string {
  let id = load('qrpay.wallet.device');
  if (!id) {
    const random = globalThis.crypto?.randomUUID?.()
      ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
    id = `web-${random}`;
    save('qrpay.wallet.device', id);
  }
  return id;
}

function walletClient(token: string) {
  return clientFor(token, { 'x-device-id': deviceId() });
}

type Screen =
  | { name: 'home' }
  | { name: 'scan' }
  | { name: 'sheet'; scan: ScanView | null; problem: string | null; detail?: string }
  | { name: 'result'; order: OrderView; merchant: string }
  | { name: 'bills' };

export function WalletApp() {
  const [token, setToken] = useState<string | null>(() => load(tokenStorage));
  if (!token) {
    return <Welcome onToken={(t) => { save(tokenStorage, t); setToken(t); }} />;
  }
  return <Wallet token={token} onForget={() => { save(tokenStorage, null); setToken(null); }} />;
}

function Header(props: { children?: ReactNode }) {
  const { t } = useI18n();
  return (
    <header className="topbar">
      <h1>{t('title')}</h1>
      <nav aria-label={t('title')} className="row">{props.children}<LanguageSwitch /></nav>
    </header>
  );
}

function Welcome(props: { onToken(token: string): void }) {
  const { t } = useI18n();
  const [first, setFirst] = useState<string | null>(null);
  const [stage, setStage] = useState<'start' | 'password' | 'token'>('start');
  const [error, setError] = useState<string | null>(null);
  const [tokenText, setTokenText] = useState('');
  const [busy, setBusy] = useState(false);

  const onPin = async (pin: string) => {
    if (first === null) {
      setFirst(pin);
      setError(null);
      return;
    }
    if (pin !== first) {
      setFirst(null);
      setError(t('mismatch'));
      return;
    }
    setBusy(true);
    try {
      const created = await clientFor(null).createWallet(pin);
      props.onToken(created.token);
    } catch (e) {
      setFirst(null);
      setError(errorText(t, errorCode(e)));
    } finally {
      setBusy(false);
    }
  };
  const openToken = async () => {
    setBusy(true);
    try {
      await clientFor(tokenText.trim()).wallet();
      props.onToken(tokenText.trim());
    } catch (e) {
      setError(errorText(t, errorCode(e)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="app wallet">
      <Header />
      <section className="card">
        <h2>{t('welcome')}</h2>
        {error && <p className="notice bad" role="alert">{error}</p>}
        {stage === 'start' && (
          <div className="row" style={{ flexDirection: 'column', alignItems: 'stretch' }}>
            <button type="button" className="btn primary block"
              onClick={() => setStage('password')}>
              {t('create')}
            </button>
            <button type="button" className="btn block" onClick={() => setStage('token')}>
              {t('haveToken')}
            </button>
          </div>
        )}
        {stage === 'password' && (
          <PinPad
            key={first === null ? 'first' : 'second'}
            label={first === null ? t('setPassword') : t('repeatPassword')}
            disabled={busy}
            onComplete={(pin) => void onPin(pin)}
          />
        )}
        {stage === 'token' && (
          <form onSubmit={(e) => { e.preventDefault(); void openToken(); }}>
            <div className="field">
              <label htmlFor="wallet-token">{t('token')}</label>
              <input id="wallet-token" autoComplete="off" spellCheck={false} value={tokenText}
                onChange={(e) => setTokenText(e.target.value)} />
            </div>
            <button type="submit" className="btn primary block"
              disabled={busy || !tokenText.trim()}>
              {t('useToken')}
            </button>
          </form>
        )}
      </section>
    </main>
  );
}

/** Which warning a refused scan shows. */
function scanProblem(code: string): string {
  if (code === 'qr_code_signature_invalid' || code === 'qr_code_key_unknown') return 'scan.forged';
  if (code === 'qr_code_expired') return 'scan.expired';
  if (code === 'qr_code_not_qrpay') return 'scan.foreign';
  if (code === 'order_not_found') return 'scan.unknownOrder';
  if (code.startsWith('emv_') || code.startsWith('qr_code_')) return 'scan.unreadable';
  return `error.${code}`;
}

function Wallet(props: { token: string; onForget(): void }) {
  const { t, lang } = useI18n();
  const client = walletClient(props.token);
  const [wallet, setWallet] = useState<WalletView | null>(null);
  const [screen, setScreen] = useState<Screen>({ name: 'home' });
  const [error, setError] = useState<string | null>(null);
  const [hideBalance, setHideBalance] = useState(() => load('qrpay.wallet.hide') === '1');

  const refresh = useCallback(() => {
    walletClient(props.token).wallet().then(setWallet).catch((e: unknown) => {
      if (e instanceof ApiError && e.status === 401) props.onForget();
      else setError(errorCode(e));
    });
  }, [props]);
  useEffect(refresh, [refresh]);

  const onCode = async (payload: string) => {
    setScreen({ name: 'sheet', scan: null, problem: null });
    try {
      const scan = await client.scan(payload);
      setScreen({ name: 'sheet', scan, problem: scan.kind === 'static' ? 'scan.static' : null });
    } catch (e) {
      const code = errorCode(e);
      const detail = e instanceof ApiError && code === 'qr_code_not_qrpay' ? e.message : undefined;
      setScreen({
        name: 'sheet', scan: null, problem: scanProblem(code), ...(detail ? { detail } : {}),
      });
    }
  };

  const nav = (name: 'home' | 'bills', label: string) => (
    <button type="button" className={`btn small${screen.name === name ? ' primary' : ''}`}
      aria-current={screen.name === name ? 'page' : undefined}
      onClick={() => {
        setScreen(name === 'home' ? { name: 'home' } : { name: 'bills' });
        if (name === 'home') refresh();
      }}>
      {label}
    </button>
  );

  return (
    <main className="app wallet">
      <Header>{nav('home', t('home'))}{nav('bills', t('bills'))}</Header>
      {error && <p className="notice bad" role="alert">{errorText(t, error)}</p>}
      {screen.name === 'home' && (
        <>
          <section className="card balance-card" aria-labelledby="balance-label">
            <div id="balance-label">{t('balance')}</div>
            <div className="stat" id="balance">
              {wallet === null ? '…' : hideBalance ? `•••• (${t('hidden')})`
                : formatMoney(wallet.balance, wallet.currency, lang)}
            </div>
            <button type="button" className="btn small" aria-pressed={hideBalance}
              onClick={() => {
                save('qrpay.wallet.hide', hideBalance ? '0' : '1');
                setHideBalance(!hideBalance);
              }}>
              {hideBalance ? t('show') : t('hide')}
            </button>
          </section>
          {wallet?.lock.status === 'locked' && (
            <p className="notice bad" role="alert">
              {t('locked', { time: formatTime(wallet.lock.lockedUntil, lang) })}
            </p>
          )}
          <button type="button" className="btn primary block"
            style={{ minHeight: 64, fontSize: '1.3rem' }}
            onClick={() => setScreen({ name: 'scan' })}>
            {t('scan')}
          </button>
          <TopUpPanel client={client} wallet={wallet} onToppedUp={setWallet} />
          <button type="button" className="btn small" onClick={props.onForget}>
            {t('signOut')}
          </button>
        </>
      )}
      {screen.name === 'scan' && (
        <ScanScreen onCode={(text) => void onCode(text)}
          onCancel={() => setScreen({ name: 'home' })} />
      )}
      {screen.name === 'sheet' && (
        <ConfirmSheet
          scan={screen.scan}
          problem={screen.problem}
          detail={screen.detail}
          client={client}
          onPaid={(order, merchant) => {
            setScreen({ name: 'result', order, merchant });
            refresh();
          }}
          onCancel={() => setScreen({ name: 'home' })}
          onRescan={() => setScreen({ name: 'scan' })}
        />
      )}
      {screen.name === 'result' && (
        <Result order={screen.order} merchant={screen.merchant}
          onDone={() => setScreen({ name: 'home' })} />
      )}
      {screen.name === 'bills' && <Bills token={props.token} />}
    </main>
  );
}

function ScanScreen(props: { onCode(text: string): void; onCancel(): void }) {
  const { t } = useI18n();
  const [note, setNote] = useState<string | null>(null);
  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setNote(t('reading'));
    try {
      const text = await decodeImageFile(file);
      if (text === null) setNote(t('noCodeInImage'));
      else props.onCode(text);
    } catch {
      setNote(t('noCodeInImage'));
    }
  };
  return (
    <section aria-labelledby="scan-title">
      <h2 id="scan-title">{t('scan')}</h2>
      <p className="muted">{t('scanHelp')}</p>
      <CameraScanner onCode={props.onCode} />
      <label className="btn block file-pick" style={{ marginTop: 12 }}>
        {t('pickImage')}
        <input id="code-image" type="file" accept="image/*"
          onChange={(e) => void onFile(e.target.files?.[0])} />
      </label>
      {note && <p role="status" className="muted">{note}</p>}
      <button type="button" className="btn block" style={{ marginTop: 8 }} onClick={props.onCancel}>
        {t('cancel')}
      </button>
    </section>
  );
}

function ConfirmSheet(props: {
  scan: ScanView | null;
  problem: string | null;
  detail?: string | undefined;
  client: ReturnType<typeof walletClient>;
  onPaid(order: OrderView, merchant: string): void;
  onCancel(): void;
  onRescan(): void;
}) {
  const { t, lang } = useI18n();
  const [entering, setEntering] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [challengeId, setChallengeId] = useState<string | null>(null);
  const { scan } = props;
  const order = scan?.order ?? null;
  const orderProblem = order && order.status !== 'pending'
    ? (order.status === 'expired' ? 'order.expired' : order.status === 'closed' ? 'order.closed'
      : 'order.paid')
    : null;
  const problem = props.problem ?? orderProblem;

  if (!scan && !problem) return <p className="card" role="status">{t('verifying')}</p>;
  if (problem || !scan || !order) {
    return (
      <section className="card" aria-labelledby="problem-title" data-testid="scan-refused">
        <div className="big-status status-bad">
          <div className="icon" aria-hidden="true">⚠</div>
          <h2 id="problem-title" className="notice bad" role="alert">
            {problem ? t(problem) : t('scan.unreadable')}
          </h2>
          {props.detail && <p className="muted">{props.detail}</p>}
        </div>
        <div className="row">
          <button type="button" className="btn primary" onClick={props.onRescan}>
            {t('scanAgain')}
          </button>
          <button type="button" className="btn" onClick={props.onCancel}>{t('cancel')}</button>
        </div>
      </section>
    );
  }
  const pay = async (password: string) => {
    setBusy(true);
    setMessage(null);
    try {
      const body = { orderId: order.id, password, ...(challengeId ? { challengeId } : {}) };
      const paid = await props.client.request<OrderView>('POST', '/v1/wallet/payments', body);
      props.onPaid(paid, scan.merchant.displayName);
    } catch (e) {
      const code = errorCode(e);
      const details = e instanceof ApiError ? e.details : {};
      if (code === 'risk_challenge_required' && typeof details['challengeId'] === 'string') {
        // Risk asks for a second, deliberate confirmation: the password again, with its id.
        setChallengeId(details['challengeId']);
        setMessage(t('riskChallenge'));
      } else if (code === 'risk_blocked') {
        const codes = details['reasonCodes'];
        const reasons = Array.isArray(codes) ? codes.join(', ') : '';
        setMessage(t('riskBlocked', { reasons }));
        setEntering(false);
      } else if (code === 'risk_challenge_expired' || code === 'risk_challenge_invalid') {
        setChallengeId(null);
        setMessage(t('riskChallengeExpired'));
      } else if (code === 'wallet_password_invalid') {
        setMessage(t('wrongPassword', { n: String(details['triesRemaining'] ?? '?') }));
      } else if (code === 'wallet_locked') {
        const until = typeof details['lockedUntil'] === 'string' ? details['lockedUntil'] : null;
        setMessage(t('lockedUntil', { time: formatTime(until, lang) }));
        setEntering(false);
      } else {
        setMessage(errorText(t, code));
        setEntering(false);
      }
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="sheet" aria-labelledby="sheet-title" data-testid="verified-sheet">
      <div className="verified-head">
        <span className="badge ok" id="verified-badge">✔ {t('verified')}</span>
      </div>
      <h2 id="sheet-title" style={{ marginBottom: 0 }}>{t('payTo')} {scan.merchant.displayName}</h2>
      <p className="muted" style={{ marginTop: 4 }}>
        {t('legalName')}: <span id="legal-name">{scan.merchant.legalName}</span>
        {' · '}{scan.merchant.city}
      </p>
      <p className="pay-amount" id="pay-amount">
        {formatMoney(order.amount, order.currency, lang)}
      </p>
      {order.description && <p>{t('note')}: {order.description}</p>}
      {message && <p className="notice bad" role="alert" id="pay-message">{message}</p>}
      {!entering ? (
        <div className="row" style={{ flexDirection: 'column', alignItems: 'stretch' }}>
          <button type="button" className="btn primary block" onClick={() => setEntering(true)}>
            {t('pay')}
          </button>
          <button type="button" className="btn block" onClick={props.onCancel}>
            {t('cancel')}
          </button>
        </div>
      ) : (
        <>
          <PinPad label={busy ? t('paying') : t('enterPassword')} disabled={busy}
            onComplete={(pin) => void pay(pin)} />
          <button type="button" className="btn block" onClick={props.onCancel}>
            {t('cancel')}
          </button>
        </>
      )}
    </section>
  );
}

function Result(props: { order: OrderView; merchant: string; onDone(): void }) {
  const { t, lang } = useI18n();
  const { order } = props;
  return (
    <section className="card" aria-labelledby="result-title" data-testid="pay-result">
      <div className="big-status status-ok">
        <div className="icon" aria-hidden="true">✔</div>
        <h2 id="result-title" role="status">{t('success')}</h2>
        <p className="pay-amount">{formatMoney(order.amount, order.currency, lang)}</p>
      </div>
      <dl className="grid-2">
        <div><dt className="muted">{t('merchant')}</dt><dd>{props.merchant}</dd></div>
        <div><dt className="muted">{t('paidAt')}</dt><dd>{formatTime(order.paidAt, lang)}</dd></div>
        <div><dt className="muted">{t('orderNo')}</dt><dd>{order.id}</dd></div>
      </dl>
      <button type="button" className="btn primary block" onClick={props.onDone}>
        {t('done')}
      </button>
    </section>
  );
}

function Bills(props: { token: string }) {
  const { t, lang } = useI18n();
  const [bills, setBills] = useState<WalletPaymentView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    walletClient(props.token).bills({ limit: 50 }).then((page) => setBills(page.data))
      .catch((e: unknown) => setError(errorCode(e)));
  }, [props.token]);
  return (
    <section className="card" aria-labelledby="bills-title">
      <h2 id="bills-title">{t('bills')}</h2>
      {error && <p className="notice bad" role="alert">{errorText(t, error)}</p>}
      {bills && bills.length === 0 && <p className="muted">{t('noBills')}</p>}
      <ul style={{ listStyle: 'none', padding: 0, margin: 0 }} id="bill-list">
        {(bills ?? []).map((bill) => (
          <li key={bill.orderId} className="bill" data-order-id={bill.orderId}>
            <div>
              <div style={{ fontWeight: 600 }}>{bill.merchantName}</div>
              <div className="muted">{formatTime(bill.paidAt, lang)}</div>
            </div>
            <div className="amt">
              <div>-{formatMoney(bill.amount, bill.currency, lang)}</div>
              <span className={`badge ${bill.status === 'paid' ? 'ok' : 'warn'}`}
                data-status={bill.status}>
                {t(`status.${bill.status}`)}
              </span>
              {bill.refundedAmount > 0 && (
                <div className="muted">
                  {t('refundedAmount', {
                    amount: formatMoney(bill.refundedAmount, bill.currency, lang),
                  })}
                </div>
              )}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

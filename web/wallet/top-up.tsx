/**
 * "Top up" on the home screen, only where the platform runs the demo setup (its top-up policy
 * says so); elsewhere the old hint stays. The money comes from the simulated bank, through the
 * ledger, at most `amountMax` per top-up.
 */
import { useEffect, useState } from 'react';
import { topUpOwnWallet, topUpPolicy, type TopUpPolicyView } from '../../src/client/catalog.ts';
import type { QrpayClient, WalletView } from '../../src/client/index.ts';
import { errorCode } from '../shared/api.ts';
import { errorText } from '../shared/common-messages.ts';
import { useI18n } from '../shared/i18n.tsx';
import { decimalToMinor, formatMoney } from '../shared/money.ts';

/** One-tap amounts, in major units of the wallet currency. */
const presets = ['50', '100', '500'];

export function TopUpPanel(props: {
  client: QrpayClient;
  wallet: WalletView | null;
  onToppedUp(wallet: WalletView): void;
}) {
  const { t, lang } = useI18n();
  const [policy, setPolicy] = useState<TopUpPolicyView | null>(null);
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('100');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const { client } = props;

  useEffect(() => {
    topUpPolicy(client).then(setPolicy).catch(() => setPolicy(null));
    // the policy is the deployment's: read once per wallet screen
  }, []);

  const wallet = props.wallet;
  if (!policy?.enabled || wallet === null) return <p className="muted">{t('topUpHint')}</p>;
  const minor = decimalToMinor(text, wallet.currency);
  const valid = minor !== null && minor > 0 && minor <= policy.amountMax;

  const submit = async () => {
    if (!valid || minor === null) return;
    setBusy(true);
    setMessage(null);
    try {
      const next = await topUpOwnWallet(client, minor, wallet.currency);
      props.onToppedUp(next);
      setMessage({ ok: true, text: t('topUpDone', { amount: formatMoney(minor, wallet.currency, lang) }) });
      setOpen(false);
    } catch (e) {
      setMessage({ ok: false, text: errorText(t, errorCode(e)) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="top-up-title">
      {!open && (
        <button id="top-up-title" type="button" className="btn block" onClick={() => setOpen(true)}>
          {t('topUp')}
        </button>
      )}
      {open && (
        <form onSubmit={(e) => { e.preventDefault(); void submit(); }}>
          <h2 id="top-up-title" style={{ fontSize: '1.1rem', margin: '0 0 8px' }}>{t('topUp')}</h2>
          <div className="row" role="group" aria-label={t('topUpPresets')}>
            {presets.map((p) => (
              <button key={p} type="button" className={`btn${text === p ? ' primary' : ''}`}
                aria-pressed={text === p} onClick={() => setText(p)}>
                {formatMoney(decimalToMinor(p, wallet.currency) ?? 0, wallet.currency, lang)}
              </button>
            ))}
          </div>
          <div className="field" style={{ marginTop: 12 }}>
            <label htmlFor="top-up-amount">{t('topUpAmount')} ({wallet.currency})</label>
            <input id="top-up-amount" inputMode="decimal" value={text}
              onChange={(e) => setText(e.target.value)} aria-describedby="top-up-max" />
            <span id="top-up-max" className="muted">
              {t('topUpMax', { amount: formatMoney(policy.amountMax, wallet.currency, lang) })}
            </span>
          </div>
          <div className="row">
            <button type="button" className="btn" onClick={() => setOpen(false)}>{t('cancel')}</button>
            <button type="submit" className="btn primary" style={{ flex: 1 }} disabled={busy || !valid}>
              {t('topUpConfirm')}
            </button>
          </div>
        </form>
      )}
      {message && (
        <p className={`notice ${message.ok ? 'ok' : 'bad'}`} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
    </section>
  );
}

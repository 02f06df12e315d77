/**
 * Where an application stands: its state, the reviewers' reasons per field, the history, and
 * once approved the merchant ID and the terminals (each key shown once).
 */
import { useEffect, useState } from 'react';
import type {
  ApplicationView, HistoryEntryView, OnboardingClient,
} from '../../src/client/onboarding.ts';
import { formatTime } from '../shared/api.ts';
import { errorText } from '../shared/common-messages.ts';
import { useI18n } from '../shared/i18n.tsx';
import { failureOf } from './onboarding-api.ts';

const tone: Record<string, string> = {
  approved: 'ok', rejected: 'bad', suspended: 'bad', needs_changes: 'warn', draft: 'neutral',
  submitted: 'neutral', in_review: 'neutral',
};

/** The label of a field or document kind a reviewer named. */
export function reasonLabel(t: (key: string) => string, name: string): string {
  const field = t(`field.${name}`);
  return field === `field.${name}` ? t(`doc.${name}`) : field;
}

export function StatusCard(props: { client: OnboardingClient; application: ApplicationView }) {
  const { t, lang } = useI18n();
  const { client, application: a } = props;
  const [history, setHistory] = useState<HistoryEntryView[]>([]);
  useEffect(() => {
    client.history(a.id).then((h) => setHistory(h.data)).catch(() => setHistory([]));
  }, [client, a.id, a.state]);
  const lastDecision = [...history].reverse().find((h) => h.to === a.state);
  const reasons = Object.entries(a.reasons);
  return (
    <section className="card" aria-labelledby="status-title">
      <h2 id="status-title">{t('statusTitle')}</h2>
      <p className="row">
        <span className={`badge ${tone[a.state] ?? 'neutral'}`} id="application-state">
          {t(`state.${a.state}`)}
        </span>
        <span className="muted">{t('applicationId', { id: a.id })}</span>
        {a.submittedAt && (
          <span className="muted">
            {t('submittedAt', { time: formatTime(a.submittedAt, lang) })}
          </span>
        )}
      </p>
      {a.state === 'rejected' && lastDecision?.reason && (
        <p className="notice bad" role="status">
          {t('rejectedReason', { reason: lastDecision.reason })}
        </p>
      )}
      {reasons.length > 0 && (
        <div className="notice warn">
          <h3 style={{ margin: '0 0 4px', fontSize: '1rem' }}>{t('reasonsTitle')}</h3>
          <ul style={{ margin: 0 }}>
            {reasons.map(([name, reason]) => (
              <li key={name}><strong>{reasonLabel(t, name)}</strong>: {reason}</li>
            ))}
          </ul>
        </div>
      )}
      {a.merchantId && <Approved client={client} application={a} />}
      {history.length > 0 && (
        <details>
          <summary>{t('history')}</summary>
          <ul className="history">
            {history.map((h, i) => (
              <li key={i}>
                {formatTime(h.at, lang)} · {t(`state.${h.to}`)}
                {h.reason ? ` · ${h.reason}` : ''}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

function Approved(props: { client: OnboardingClient; application: ApplicationView }) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [created, setCreated] = useState<{ name: string; apiKey: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const create = async () => {
    setError(null);
    try {
      const terminal = await props.client.createApplicationTerminal(props.application.id,
        name.trim() === '' ? undefined : name.trim());
      setCreated({ name: terminal.name, apiKey: terminal.apiKey });
      setName('');
    } catch (e) {
      setError(failureOf(e).code);
    }
  };
  return (
    <div>
      <p className="notice ok">{t('approvedHelp')}</p>
      <dl className="kv">
        <dt>{t('merchantId')}</dt>
        <dd id="merchant-id">{props.application.merchantId}</dd>
      </dl>
      <form className="row" style={{ alignItems: 'flex-end', marginTop: 12 }}
        onSubmit={(e) => { e.preventDefault(); void create(); }}>
        <div className="field" style={{ margin: 0 }}>
          <label htmlFor="terminal-name">{t('terminalName')}</label>
          <input id="terminal-name" value={name} maxLength={100}
            onChange={(e) => setName(e.target.value)} />
        </div>
        <button type="submit" className="btn primary">{t('createTerminal')}</button>
      </form>
      {error && <p className="notice bad" role="alert">{errorText(t, error)}</p>}
      {created && (
        <div role="status">
          <p>{t('terminalKey', { name: created.name })}</p>
          <p className="secret" id="terminal-key">{created.apiKey}</p>
        </div>
      )}
    </div>
  );
}

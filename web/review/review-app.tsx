/**
 * The reviewers' page (/review): sign in with the operator key (kept in sessionStorage, so it
 * ends with the tab), the queue oldest first, and a case page per application.
 */
import { useCallback, useEffect, useState } from 'react';
import type {
  ApplicationState, ApplicationView, OnboardingClient,
} from '../../src/client/onboarding.ts';
import { errorText } from '../shared/common-messages.ts';
import { LanguageSwitch, useI18n } from '../shared/i18n.tsx';
import {
  failureOf, loadSession, onboardingClientFor, saveSession,
} from '../merchant/onboarding-api.ts';
import { CasePage } from './case-page.tsx';

const keyStorage = 'qrpay.review.key';
const reviewerStorage = 'qrpay.review.reviewer';
const queueStates: ApplicationState[] = ['submitted', 'in_review', 'needs_changes', 'rejected',
  'approved', 'suspended'];

export function ReviewApp() {
  const [key, setKey] = useState<string | null>(() => loadSession(keyStorage));
  const [reviewer, setReviewer] = useState(() => loadSession(reviewerStorage) ?? '');
  const signOut = useCallback(() => { saveSession(keyStorage, null); setKey(null); }, []);
  if (!key || reviewer === '') {
    return <SignIn onSignIn={(k, r) => {
      saveSession(keyStorage, k);
      saveSession(reviewerStorage, r);
      setReviewer(r);
      setKey(k);
    }} />;
  }
  return <Console client={onboardingClientFor(key)} reviewer={reviewer} onSignOut={signOut} />;
}

function Header(props: { onSignOut?: () => void }) {
  const { t } = useI18n();
  return (
    <header className="topbar">
      <h1>{t('title')}</h1>
      <div className="row">
        <LanguageSwitch />
        {props.onSignOut && (
          <button type="button" className="btn small" onClick={props.onSignOut}>
            {t('signOut')}
          </button>
        )}
      </div>
    </header>
  );
}

function SignIn(props: { onSignIn(key: string, reviewer: string): void }) {
  const { t } = useI18n();
  const [key, setKey] = useState('');
  const [reviewer, setReviewer] = useState(() => loadSession(reviewerStorage) ?? '');
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    setError(null);
    try {
      await onboardingClientFor(key.trim()).reviewQueue('submitted', 1);
      props.onSignIn(key.trim(), reviewer.trim());
    } catch (e) {
      setError(failureOf(e).code);
    }
  };
  return (
    <main className="app" style={{ maxWidth: 560 }}>
      <Header />
      <form className="card" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <h2>{t('signIn')}</h2>
        <p className="muted">{t('signInHelp')}</p>
        <div className="field">
          <label htmlFor="operator-key">{t('operatorKey')}</label>
          <input id="operator-key" type="password" autoComplete="off" value={key}
            onChange={(e) => setKey(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="reviewer-name">{t('reviewer')}</label>
          <input id="reviewer-name" autoComplete="name" maxLength={100} value={reviewer}
            onChange={(e) => setReviewer(e.target.value)} />
        </div>
        {error && <p className="notice bad" role="alert">{errorText(t, error)}</p>}
        <button type="submit" className="btn primary block"
          disabled={key.trim() === '' || reviewer.trim() === ''}>{t('signIn')}</button>
      </form>
    </main>
  );
}

function Console(props: { client: OnboardingClient; reviewer: string; onSignOut(): void }) {
  const [openId, setOpenId] = useState<string | null>(null);
  return (
    <main className="app">
      <Header onSignOut={props.onSignOut} />
      {openId ? (
        <CasePage client={props.client} reviewer={props.reviewer} id={openId}
          onBack={() => setOpenId(null)} />
      ) : (
        <Queue client={props.client} onOpen={setOpenId} onSignOut={props.onSignOut} />
      )}
    </main>
  );
}

/** "3 h": how long an application has waited since it was (last) submitted. */
export function age(t: (k: string, v?: Record<string, number>) => string, iso: string | null) {
  if (!iso) return '—';
  const minutes = Math.max(0, Math.floor((Date.now() - Date.parse(iso)) / 60_000));
  if (minutes >= 2 * 24 * 60) return t('daysAgo', { n: Math.floor(minutes / (24 * 60)) });
  if (minutes >= 120) return t('hoursAgo', { n: Math.floor(minutes / 60) });
  return t('minutesAgo', { n: minutes });
}

function Queue(props: { client: OnboardingClient; onOpen(id: string): void;
  onSignOut(): void }) {
  const { t } = useI18n();
  const { client, onSignOut } = props;
  const [state, setState] = useState<ApplicationState>('submitted');
  const [rows, setRows] = useState<ApplicationView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(() => {
    client.reviewQueue(state).then((page) => { setRows(page.data); setError(null); })
      .catch((e: unknown) => {
        const code = failureOf(e).code;
        if (code === 'auth_invalid') onSignOut();
        setError(code);
      });
  }, [client, state, onSignOut]);
  useEffect(reload, [reload]);
  const label = (a: ApplicationView) =>
    a.fields.legalName ?? a.fields.storeName ?? a.fields.legalRepName ?? a.id;
  return (
    <section className="card" aria-labelledby="queue-title">
      <h2 id="queue-title">{t('queue')}</h2>
      <div className="filters">
        <div className="field">
          <label htmlFor="state-filter">{t('stateFilter')}</label>
          <select id="state-filter" value={state}
            onChange={(e) => setState(e.target.value as ApplicationState)}>
            {queueStates.map((s) => <option key={s} value={s}>{t(`state.${s}`)}</option>)}
          </select>
        </div>
        <button type="button" className="btn" onClick={reload}>{t('refresh')}</button>
      </div>
      {error && <p className="notice bad" role="alert">{errorText(t, error)}</p>}
      {rows && rows.length === 0 && <p className="muted">{t('empty')}</p>}
      {rows && rows.length > 0 && (
        <div className="table-wrap">
          <table>
            <thead><tr><th>{t('waiting')}</th><th>{t('name')}</th><th>{t('kindCol')}</th>
              <th>{t('stateCol')}</th><th><span className="sr-only">{t('open')}</span></th>
            </tr></thead>
            <tbody>
              {rows.map((a) => (
                <tr key={a.id}>
                  <td>{age(t, a.submittedAt)}</td>
                  <td>{label(a)}</td>
                  <td>{t(`kind.${a.kind}`)}</td>
                  <td><span className="badge neutral">{t(`state.${a.state}`)}</span></td>
                  <td><button type="button" className="btn small"
                    aria-label={t('openCase', { name: label(a) })}
                    onClick={() => props.onOpen(a.id)}>{t('open')}</button></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

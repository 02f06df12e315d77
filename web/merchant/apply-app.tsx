/**
 * The applicant's page (/apply): sign up or sign in with email and password, start an
 * application (business or micro), fill it in with each field checked by the platform as it is
 * left, upload documents, submit, and follow the review; once approved, create terminals.
 */
import { useCallback, useEffect, useState } from 'react';
import type {
  ApplicationKind, ApplicationView, OnboardingClient,
} from '../../src/client/onboarding.ts';
import { formatTime } from '../shared/api.ts';
import { errorText } from '../shared/common-messages.ts';
import { LanguageSwitch, useI18n } from '../shared/i18n.tsx';
import { ApplicationForm } from './application-form.tsx';
import { failureOf, loadSession, onboardingClientFor, saveSession } from './onboarding-api.ts';
import { StatusCard } from './status-card.tsx';

const sessionKey = 'qrpay.apply.session';

export function ApplyApp() {
  const [token, setToken] = useState<string | null>(() => loadSession(sessionKey));
  const signOut = useCallback(() => { saveSession(sessionKey, null); setToken(null); }, []);
  if (!token) return <SignIn onToken={(t) => { saveSession(sessionKey, t); setToken(t); }} />;
  return <Applicant client={onboardingClientFor(token)} onSignOut={signOut} />;
}

function Shell(props: { children: React.ReactNode; onSignOut?: () => void }) {
  const { t } = useI18n();
  return (
    <main className="app" style={{ maxWidth: 900 }}>
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
      {props.children}
    </main>
  );
}

function SignIn(props: { onToken(token: string): void }) {
  const { t } = useI18n();
  const [mode, setMode] = useState<'signIn' | 'signUp'>('signIn');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    setError(null);
    const client = onboardingClientFor(null);
    try {
      if (mode === 'signUp') await client.signUp(email.trim(), password);
      props.onToken((await client.signIn(email.trim(), password)).token);
    } catch (e) {
      setError(failureOf(e).code);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Shell>
      <form className="card" style={{ maxWidth: 520 }}
        onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <h2>{t(mode)}</h2>
        <p className="muted">{t('signInHelp')}</p>
        <div className="field">
          <label htmlFor="email">{t('email')}</label>
          <input id="email" type="email" autoComplete="email" required value={email}
            onChange={(e) => setEmail(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="password">{t('password')}</label>
          <input id="password" type="password" required aria-describedby="password-help"
            autoComplete={mode === 'signUp' ? 'new-password' : 'current-password'}
            value={password} onChange={(e) => setPassword(e.target.value)} />
          <p id="password-help" className="hint">{t('passwordHelp')}</p>
        </div>
        {error && <p className="notice bad" role="alert">{errorText(t, error)}</p>}
        <div className="row">
          <button type="submit" className="btn primary" disabled={busy}>{t(mode)}</button>
          <button type="button" className="btn"
            onClick={() => { setMode(mode === 'signIn' ? 'signUp' : 'signIn'); setError(null); }}>
            {mode === 'signIn' ? t('newAccount') : t('haveAccount')}
          </button>
        </div>
      </form>
    </Shell>
  );
}

function Applicant(props: { client: OnboardingClient; onSignOut(): void }) {
  const { t, lang } = useI18n();
  const { client, onSignOut } = props;
  const [applications, setApplications] = useState<ApplicationView[] | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(() => {
    client.applicant().then((me) => {
      setApplications(me.applications);
      if (me.applications.length === 1) setOpenId((id) => id ?? me.applications[0]?.id ?? null);
    }).catch((e: unknown) => {
      const code = failureOf(e).code;
      if (code === 'applicant_session_expired' || code === 'auth_invalid') onSignOut();
      else setError(code);
    });
  }, [client, onSignOut]);
  useEffect(reload, [reload]);
  if (openId) {
    return (
      <Shell onSignOut={onSignOut}>
        <ApplicationScreen client={client} id={openId}
          onBack={() => { setOpenId(null); reload(); }} />
      </Shell>
    );
  }
  return (
    <Shell onSignOut={onSignOut}>
      {error && <p className="notice bad" role="alert">{errorText(t, error)}</p>}
      {applications && applications.length > 0 && (
        <section className="card" aria-labelledby="mine-title">
          <h2 id="mine-title">{t('myApplications')}</h2>
          <ul className="history">
            {applications.map((a) => (
              <li key={a.id} className="row">
                <span>{a.fields.storeName ?? a.fields.legalName ?? a.id}</span>
                <span className="badge neutral">{t(`state.${a.state}`)}</span>
                <span className="muted">{formatTime(a.updatedAt, lang)}</span>
                <button type="button" className="btn small" onClick={() => setOpenId(a.id)}>
                  {t('open')}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      {applications && <StartForm client={client} onStarted={(a) => setOpenId(a.id)} />}
    </Shell>
  );
}

function StartForm(props: { client: OnboardingClient; onStarted(a: ApplicationView): void }) {
  const { t } = useI18n();
  const [kind, setKind] = useState<ApplicationKind>('business');
  const [error, setError] = useState<string | null>(null);
  const start = async () => {
    try {
      props.onStarted(await props.client.createApplication(kind));
    } catch (e) {
      setError(failureOf(e).code);
    }
  };
  return (
    <form className="card" onSubmit={(e) => { e.preventDefault(); void start(); }}>
      <h2>{t('startTitle')}</h2>
      <fieldset>
        <legend>{t('kind')}</legend>
        {(['business', 'micro'] as const).map((k) => (
          <label key={k} className="check-row">
            <input type="radio" name="kind" value={k} checked={kind === k}
              onChange={() => setKind(k)} />
            {t(`kind.${k}`)}
          </label>
        ))}
      </fieldset>
      {error && <p className="notice bad" role="alert">{errorText(t, error)}</p>}
      <button type="submit" className="btn primary">{t('start')}</button>
    </form>
  );
}

const editable = new Set(['draft', 'needs_changes', 'rejected']);

function ApplicationScreen(props: { client: OnboardingClient; id: string; onBack(): void }) {
  const { t } = useI18n();
  const { client, id } = props;
  const [application, setApplication] = useState<ApplicationView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(() => {
    client.getApplication(id).then(setApplication)
      .catch((e: unknown) => setError(failureOf(e).code));
  }, [client, id]);
  useEffect(reload, [reload]);
  const waiting = application?.state === 'submitted' || application?.state === 'in_review';
  useEffect(() => {
    if (!waiting) return undefined;
    const timer = setInterval(reload, 10_000);
    return () => clearInterval(timer);
  }, [waiting, reload]);
  return (
    <>
      <div className="row" style={{ marginBottom: 12 }}>
        <button type="button" className="btn small" onClick={props.onBack}>{t('back')}</button>
        <button type="button" className="btn small" onClick={reload}>{t('refresh')}</button>
      </div>
      {error && <p className="notice bad" role="alert">{errorText(t, error)}</p>}
      {application && (
        <>
          <StatusCard client={client} application={application} />
          {editable.has(application.state) && (
            <ApplicationForm key={`${application.id}-${application.state}`} client={client}
              application={application} onChanged={setApplication} />
          )}
        </>
      )}
    </>
  );
}

/**
 * One case: every field unmasked (with what changed since the last submission), the documents
 * side by side (images inline with a zoom, PDFs as links), the automatic checks and duplicates,
 * the history, and the decision: claim, approve, reject with a reason, or ask for changes on
 * named fields and documents with a reason each.
 */
import { useCallback, useEffect, useState } from 'react';
import {
  fieldNamesFor, documentKinds,
  type CheckResult, type DocumentKind, type OnboardingClient, type ReviewCaseView,
} from '../../src/client/onboarding.ts';
import { formatTime } from '../shared/api.ts';
import { errorText } from '../shared/common-messages.ts';
import { useI18n } from '../shared/i18n.tsx';
import { failureOf, loadSession, saveSession } from '../merchant/onboarding-api.ts';
import { DocumentTile } from './document-tile.tsx';

interface Props {
  client: OnboardingClient;
  reviewer: string;
  id: string;
  onBack(): void;
}

interface Claim { token: string; until: string }

const claimKey = (id: string) => `qrpay.review.claim.${id}`;

function loadClaim(id: string): Claim | null {
  const raw = loadSession(claimKey(id));
  if (!raw) return null;
  const claim = JSON.parse(raw) as Claim;
  return Date.parse(claim.until) > Date.now() ? claim : null;
}

export function CasePage(props: Props) {
  const { t, lang } = useI18n();
  const { client, id } = props;
  const [view, setView] = useState<ReviewCaseView | null>(null);
  const [claim, setClaim] = useState<Claim | null>(() => loadClaim(id));
  const [asks, setAsks] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ tone: 'ok' | 'bad'; text: string } | null>(null);
  const reload = useCallback(() => {
    client.reviewCase(id).then(setView)
      .catch((e: unknown) => setMessage({ tone: 'bad', text: errorText(t, failureOf(e).code) }));
  }, [client, id, t]);
  useEffect(reload, [reload]);
  if (!view) {
    return message ? <p className="notice bad" role="alert">{message.text}</p> : null;
  }
  const lastSubmit = [...view.history].reverse().find((h) => h.to === 'submitted');
  const changed = new Set(lastSubmit?.detail?.changedFields ?? []);
  const toggleAsk = (name: string, on: boolean) => setAsks((old) => {
    const next = { ...old };
    if (on) next[name] = '';
    else delete next[name];
    return next;
  });
  const askProps = { asks, toggleAsk, setReason: (name: string, reason: string) =>
    setAsks((old) => ({ ...old, [name]: reason })) };
  const kinds = documentKinds.filter((k) => view.kind === 'business' || k !== 'licence');
  return (
    <>
      <div className="row" style={{ marginBottom: 12 }}>
        <button type="button" className="btn small" onClick={props.onBack}>{t('back')}</button>
        <button type="button" className="btn small" onClick={reload}>{t('refresh')}</button>
      </div>
      <section className="card" aria-labelledby="case-title">
        <h2 id="case-title">{t('caseTitle', { id: view.id })}</h2>
        <p className="row">
          <span className="badge neutral" id="case-state">{t(`state.${view.state}`)}</span>
          <span>{t(`kind.${view.kind}`)}</span>
          {view.submittedAt && <span className="muted">{formatTime(view.submittedAt, lang)}</span>}
        </p>
        <h3>{t('fields')}</h3>
        {fieldNamesFor(view.kind).map((name) => (
          <ReviewRow key={name} name={name} label={t(`field.${name}`)} {...askProps}
            changed={changed.has(name)}>
            {view.fields[name] === 'long_term' ? t('value.long_term')
              : view.fields[name] ?? <span className="muted">{t('notGiven')}</span>}
          </ReviewRow>
        ))}
      </section>
      <section className="card" aria-labelledby="docs-title">
        <h3 id="docs-title">{t('documents')}</h3>
        <div className="doc-grid">
          {kinds.map((kind: DocumentKind) => {
            const doc = view.documents.find((d) => d.kind === kind);
            return (
              <div className="doc" key={kind}>
                <h4>
                  {t(`doc.${kind}`)}{' '}
                  {changed.has(`document:${kind}`) && <span className="changed">
                    ({t('changed')})</span>}
                </h4>
                {doc ? <DocumentTile client={client} applicationId={view.id} document={doc}
                  label={t(`doc.${kind}`)} /> : <p className="muted">{t('missing')}</p>}
                <AskChange name={kind} label={t(`doc.${kind}`)} {...askProps} />
              </div>
            );
          })}
        </div>
      </section>
      <Checks view={view} />
      <Actions {...props} view={view} claim={claim} asks={asks}
        onClaim={(c) => { saveSession(claimKey(id), JSON.stringify(c)); setClaim(c); }}
        onDone={(text, tone) => { setMessage({ tone, text }); if (tone === 'ok') setAsks({});
          reload(); }} />
      {message && <p className={`notice ${message.tone}`} role="alert">{message.text}</p>}
      <section className="card" aria-labelledby="history-title">
        <h3 id="history-title">{t('history')}</h3>
        <ol className="history">
          {view.history.map((h, i) => (
            <li key={i}>
              {formatTime(h.at, lang)} · {h.actor} · {h.from ? `${t(`state.${h.from}`)} → ` : ''}
              {t(`state.${h.to}`)}{h.reason ? ` · ${h.reason}` : ''}
              {h.detail?.changedFields && h.detail.changedFields.length > 0
                && ` · ${t('changed')}: ${h.detail.changedFields.join(', ')}`}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}

interface AskProps {
  asks: Record<string, string>;
  toggleAsk(name: string, on: boolean): void;
  setReason(name: string, reason: string): void;
}

function AskChange(props: AskProps & { name: string; label: string }) {
  const { t } = useI18n();
  const { name, label, asks } = props;
  const on = name in asks;
  return (
    <div>
      <label className="check-row">
        <input type="checkbox" checked={on} aria-label={t('askChangeOf', { name: label })}
          onChange={(e) => props.toggleAsk(name, e.target.checked)} />
        {t('askChange')}
      </label>
      {on && (
        <div className="field">
          <label htmlFor={`ask-${name}`}>{t('reasonFor', { name: label })}</label>
          <input id={`ask-${name}`} maxLength={500} value={asks[name] ?? ''}
            onChange={(e) => props.setReason(name, e.target.value)} />
        </div>
      )}
    </div>
  );
}

function ReviewRow(props: AskProps & { name: string; label: string; changed: boolean;
  children: React.ReactNode }) {
  const { t } = useI18n();
  return (
    <div className="field-review">
      <div>{props.label}</div>
      <div className="value" id={`value-${props.name}`}>
        {props.children}{' '}
        {props.changed && <span className="changed">({t('changed')})</span>}
      </div>
      <AskChange {...props} />
    </div>
  );
}

function Facts(props: { result: CheckResult }) {
  const { t, lang } = useI18n();
  const r = props.result;
  if (r === null) return <span className="muted">{t('notGiven')}</span>;
  if (!r.valid) return <span className="badge bad">{t('invalid')}: {errorText(t, r.code)}</span>;
  const shown = Object.entries(r.facts).filter(([k]) => k !== 'normalized').map(([k, v]) => {
    if (v !== null && typeof v === 'object' && 'zh' in v && 'en' in v) {
      return `${k}: ${String((v as Record<string, unknown>)[lang === 'en' ? 'en' : 'zh'])}`;
    }
    return `${k}: ${String(v)}`;
  });
  return (
    <span><span className="badge ok">{t('valid')}</span>{' '}
      <span className="muted">{shown.join(' · ')}</span></span>
  );
}

function Checks(props: { view: ReviewCaseView }) {
  const { t, lang } = useI18n();
  const c = props.view.checks;
  return (
    <section className="card" aria-labelledby="checks-title">
      <h3 id="checks-title">{t('checks')}</h3>
      <dl className="kv" id="checks">
        {props.view.kind === 'business' && <><dt>{t('field.uscc')}</dt>
          <dd><Facts result={c.uscc} /></dd></>}
        <dt>{t('field.legalRepIdNumber')}</dt><dd><Facts result={c.legalRepIdNumber} /></dd>
        <dt>{t('field.settlementCardNumber')}</dt>
        <dd><Facts result={c.settlementCardNumber} /></dd>
        <dt>{t('accountHolder')}</dt>
        <dd><span className={`badge ${c.accountHolderMatches ? 'ok' : 'warn'}`}>
          {c.accountHolderMatches ? t('yes') : t('no')}</span></dd>
        <dt>{t('duplicates')}</dt>
        <dd id="duplicates">
          {c.duplicates.length === 0 ? t('noDuplicates') : (
            <ul style={{ margin: 0 }}>
              {c.duplicates.map((d) => (
                <li key={`${d.field}-${d.applicationId}`} className="status-bad">
                  {t('duplicateOf', { field: t(`field.${d.field}`), id: d.applicationId,
                    state: t(`state.${d.state}`) })}
                </li>
              ))}
            </ul>
          )}
        </dd>
        {c.notices.length > 0 && <><dt>{t('notices')}</dt><dd>{c.notices.map((n) =>
          `${n.kind} ${n.licenceValidTo} (${formatTime(n.at, lang)})`).join('; ')}</dd></>}
      </dl>
    </section>
  );
}

function Actions(props: Props & {
  view: ReviewCaseView;
  claim: Claim | null;
  asks: Record<string, string>;
  onClaim(c: Claim): void;
  onDone(text: string, tone: 'ok' | 'bad'): void;
}) {
  const { t, lang } = useI18n();
  const { client, view, claim, asks, onDone } = props;
  const [approveNote, setApproveNote] = useState('');
  const [rejectReason, setRejectReason] = useState('');
  const act = async (run: () => Promise<{ state: string }>) => {
    try {
      const after = await run();
      onDone(t('decided', { state: t(`state.${after.state}`) }), 'ok');
    } catch (e) {
      onDone(errorText(t, failureOf(e).code), 'bad');
    }
  };
  const claimIt = async () => {
    try {
      const c = await client.claim(view.id, props.reviewer);
      props.onClaim({ token: c.claimToken, until: c.leaseExpiresAt });
      onDone(t('claimedYou', { time: formatTime(c.leaseExpiresAt, lang) }), 'ok');
    } catch (e) {
      onDone(errorText(t, failureOf(e).code), 'bad');
    }
  };
  const held = claim !== null && view.state === 'in_review';
  const decidable = view.state === 'submitted' || view.state === 'in_review';
  const askCount = Object.keys(asks).length;
  const asksComplete = askCount > 0 && Object.values(asks).every((r) => r.trim() !== '');
  return (
    <section className="card" aria-labelledby="actions-title">
      <h3 id="actions-title">{t('actions')}</h3>
      {view.claim && (
        <p className="muted">{held ? t('claimedYou', { time: formatTime(claim.until, lang) })
          : t('claimedBy', { name: view.claim.claimedBy,
            time: formatTime(view.claim.leaseExpiresAt, lang) })}</p>
      )}
      {decidable && !held && (
        <button type="button" className="btn primary" onClick={() => void claimIt()}>
          {t('claim')}</button>
      )}
      {held && (
        <div className="grid-2">
          <form onSubmit={(e) => { e.preventDefault();
            void act(() => client.approve(view.id, claim.token, approveNote.trim())); }}>
            <div className="field">
              <label htmlFor="approve-note">{t('approveReason')}</label>
              <input id="approve-note" maxLength={500} value={approveNote}
                onChange={(e) => setApproveNote(e.target.value)} />
            </div>
            <button type="submit" className="btn primary">{t('approve')}</button>
          </form>
          <form onSubmit={(e) => { e.preventDefault();
            void act(() => client.reject(view.id, claim.token, rejectReason.trim())); }}>
            <div className="field">
              <label htmlFor="reject-reason">{t('rejectReason')}</label>
              <textarea id="reject-reason" maxLength={500} rows={2} value={rejectReason}
                onChange={(e) => setRejectReason(e.target.value)} />
            </div>
            <button type="submit" className="btn danger"
              disabled={rejectReason.trim() === ''}>{t('reject')}</button>
          </form>
          <div>
            <p className="muted">{t('requestHelp')}</p>
            <button type="button" className="btn" disabled={!asksComplete}
              onClick={() => void act(() => client.requestChanges(view.id, claim.token,
                Object.fromEntries(Object.entries(asks).map(([k, v]) => [k, v.trim()]))))}>
              {t('requestChanges', { count: askCount })}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}

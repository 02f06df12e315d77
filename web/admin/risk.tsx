/**
 * The risk-control centre: rules with their versions (edit → a new version; enable/disable,
 * live/shadow) and the audit trail; decisions with filters and every rule hit; the queue of held
 * payments (release, refund); backtests of a candidate set against the live one; allow and block
 * lists. Everything goes through the operator API (docs/risk.md).
 */
import { type RefObject, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  decisionResults, riskApi, ruleOutcomes, type BacktestReport, type RiskApi, type RiskChangeView,
  type RiskDecisionView, type RiskHoldView, type RiskListEntryView, type RiskListView,
  type RiskRuleView, type RuleMatchView, type RuleMode, type RuleOutcome,
} from '../../src/client/admin.ts';
import { ApiError, type QrpayClient } from '../../src/client/index.ts';
import { errorCode, formatTime } from '../shared/api.ts';
import { errorText } from '../shared/common-messages.ts';
import { useI18n } from '../shared/i18n.tsx';
import { formatMoney } from '../shared/money.ts';

type Section = 'rules' | 'decisions' | 'holds' | 'backtest' | 'lists';
const sections: readonly Section[] = ['rules', 'decisions', 'holds', 'backtest', 'lists'];
type Tone = 'ok' | 'bad';
type T = ReturnType<typeof useI18n>['t'];

/** An API failure as shown to the operator: the translated text, else the code and message. */
function failure(t: T, e: unknown): string {
  const code = errorCode(e);
  const known = errorText(t, code);
  if (e instanceof ApiError && known === t('error.generic', { code })) {
    return `${code}: ${e.message}`;
  }
  return known;
}

/** datetime-local text ↔ ISO. */
function isoOf(local: string): string | undefined {
  if (!local) return undefined;
  const ms = Date.parse(local);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}
function localOf(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:`
    + p(d.getMinutes());
}

const outcomeTone: Record<RuleOutcome, string> = {
  allow: 'ok', challenge: 'warn', hold: 'warn', block: 'bad',
};

function OutcomeBadge(props: { outcome: RuleOutcome }) {
  const { t } = useI18n();
  return (
    <span className={`badge ${outcomeTone[props.outcome]}`} data-outcome={props.outcome}>
      {t(`outcome.${props.outcome}`)}
    </span>
  );
}

function Matches(props: { matches: readonly RuleMatchView[] }) {
  if (props.matches.length === 0) return <span className="muted">—</span>;
  return (
    <ul className="hits">
      {props.matches.map((m) => (
        <li key={`${m.id}-${m.version}`}>
          <code>{m.id}</code> v{m.version} · <OutcomeBadge outcome={m.outcome} />{' '}
          <span className="muted">{m.reasonCode}</span>
        </li>
      ))}
    </ul>
  );
}

function Notice(props: { message: { tone: Tone; text: string } | null }) {
  if (!props.message) return null;
  const { tone, text } = props.message;
  return <p className={`notice ${tone}`} role={tone === 'bad' ? 'alert' : 'status'}>{text}</p>;
}

export function RiskPage(props: { client: QrpayClient }) {
  const { t } = useI18n();
  const api = useMemo(() => riskApi(props.client), [props.client]);
  const [section, setSection] = useState<Section>('rules');
  return (
    <>
      <nav className="row tabs" aria-label={t('riskSections')}>
        {sections.map((s) => (
          <button key={s} type="button" className={`btn small${section === s ? ' primary' : ''}`}
            aria-current={section === s ? 'page' : undefined} onClick={() => setSection(s)}>
            {t(`risk.${s}`)}
          </button>
        ))}
      </nav>
      {section === 'rules' && <Rules api={api} />}
      {section === 'decisions' && <Decisions api={api} />}
      {section === 'holds' && <Holds api={api} />}
      {section === 'backtest' && <Backtest api={api} />}
      {section === 'lists' && <Lists api={api} />}
    </>
  );
}

interface Draft {
  id: string;
  name: string;
  expression: string;
  outcome: RuleOutcome;
  reasonCode: string;
  description: string;
  mode: RuleMode;
  enabled: boolean;
  /** The version it was made from, or null for a new rule. */
  from: number | null;
}

const emptyDraft: Draft = {
  id: '', name: '', expression: '', outcome: 'hold', reasonCode: '', description: '',
  mode: 'shadow', enabled: true, from: null,
};

function draftOf(rule: RiskRuleView): Draft {
  return {
    id: rule.id, name: rule.name, expression: rule.expression, outcome: rule.outcome,
    reasonCode: rule.reasonCode, description: rule.description, mode: rule.mode,
    enabled: true, from: rule.version,
  };
}

function Rules(props: { api: RiskApi }) {
  const { t, lang } = useI18n();
  const { api } = props;
  const [rules, setRules] = useState<RiskRuleView[]>([]);
  const [showAll, setShowAll] = useState(false);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [historyKey, setHistoryKey] = useState(0);
  const [message, setMessage] = useState<{ tone: Tone; text: string } | null>(null);
  const editorRef = useRef<HTMLFormElement>(null);
  const reload = useCallback(() => {
    api.listRules().then((p) => setRules(p.data))
      .catch((e: unknown) => setMessage({ tone: 'bad', text: failure(t, e) }));
    setHistoryKey((k) => k + 1);
  }, [api, t]);
  useEffect(reload, [reload]);
  const latest = new Map<string, number>();
  for (const r of rules) latest.set(r.id, Math.max(latest.get(r.id) ?? 0, r.version));
  const shown = rules
    .filter((r) => showAll || r.enabled || latest.get(r.id) === r.version)
    .sort((a, b) => a.id.localeCompare(b.id) || b.version - a.version);
  const change = async (rule: RiskRuleView, patch: { enabled?: boolean; mode?: RuleMode }) => {
    try {
      const next = await api.setRuleState(rule.id, rule.version, patch);
      const state = `${next.enabled ? t('enabled') : t('disabled')}, ${t(`mode.${next.mode}`)}`;
      setMessage({ tone: 'ok', text: t('ruleStateDone', {
        rule: `${next.id} v${next.version}`, state }) });
      reload();
    } catch (e) {
      setMessage({ tone: 'bad', text: failure(t, e) });
    }
  };
  const edit = (next: Draft) => {
    setDraft(next);
    requestAnimationFrame(() => editorRef.current?.scrollIntoView({ block: 'start' }));
  };
  return (
    <>
      <section className="card" aria-labelledby="rules-title">
        <div className="row" style={{ justifyContent: 'space-between' }}>
          <h2 id="rules-title">{t('rules')}</h2>
          <button type="button" className="btn small primary"
            onClick={() => edit({ ...emptyDraft })}>{t('newRule')}</button>
        </div>
        <label className="row check">
          <input type="checkbox" checked={showAll} onChange={(e) => setShowAll(e.target.checked)} />
          {t('showOldVersions')}
        </label>
        <Notice message={message} />
        <div className="table-wrap" tabIndex={0}>
          <table id="rules-table">
            <thead><tr><th>{t('rule')}</th><th>{t('version')}</th><th>{t('outcome')}</th>
              <th>{t('reasonCode')}</th><th>{t('state')}</th><th>{t('mode')}</th>
              <th>{t('actions')}</th></tr></thead>
            <tbody>
              {shown.map((r) => {
                const label = `${r.id} v${r.version}`;
                return (
                  <tr key={label} data-rule={r.id} data-version={r.version}
                    data-enabled={r.enabled} data-mode={r.mode}>
                    <td><code>{r.id}</code><div className="muted small">{r.name}</div></td>
                    <td className="num">{r.version}</td>
                    <td><OutcomeBadge outcome={r.outcome} /></td>
                    <td><code>{r.reasonCode}</code></td>
                    <td><span className={`badge ${r.enabled ? 'ok' : 'neutral'}`}>
                      {r.enabled ? t('enabled') : t('disabled')}</span></td>
                    <td><span className={`badge ${r.mode === 'live' ? 'ok' : 'warn'}`}>
                      {t(`mode.${r.mode}`)}</span></td>
                    <td className="actions">
                      <button type="button" className="btn small" onClick={() => edit(draftOf(r))}
                        aria-label={`${t('edit')}: ${label}`}>{t('edit')}</button>
                      <button type="button" className="btn small"
                        onClick={() => void change(r, { enabled: !r.enabled })}
                        aria-label={`${r.enabled ? t('disable') : t('enable')}: ${label}`}>
                        {r.enabled ? t('disable') : t('enable')}</button>
                      <button type="button" className="btn small"
                        onClick={() => void change(r, {
                          mode: r.mode === 'live' ? 'shadow' : 'live' })}
                        aria-label={`${r.mode === 'live' ? t('toShadow') : t('toLive')}: ${label}`}>
                        {r.mode === 'live' ? t('toShadow') : t('toLive')}</button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>
      {draft && (
        <RuleEditor api={api} draft={draft} formRef={editorRef} onCancel={() => setDraft(null)}
          onSaved={(text) => { setDraft(null); setMessage({ tone: 'ok', text }); reload(); }} />
      )}
      <History api={api} reloadKey={historyKey} lang={lang} />
    </>
  );
}

interface ExpressionError { code: string; message: string; param: string | null;
  position: number | null }

function RuleEditor(props: {
  api: RiskApi; draft: Draft; formRef: RefObject<HTMLFormElement | null>;
  onCancel(): void; onSaved(text: string): void;
}) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<Draft>(props.draft);
  const [error, setError] = useState<ExpressionError | null>(null);
  const [busy, setBusy] = useState(false);
  const expressionRef = useRef<HTMLTextAreaElement>(null);
  useEffect(() => { setDraft(props.draft); setError(null); }, [props.draft]);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
  };
  const save = async () => {
    setBusy(true);
    try {
      const saved = await props.api.saveRule({
        id: draft.id.trim(), name: draft.name.trim(), expression: draft.expression,
        outcome: draft.outcome, reasonCode: draft.reasonCode.trim(),
        description: draft.description, enabled: draft.enabled, mode: draft.mode,
      });
      props.onSaved(t('ruleSaved', { rule: saved.id, version: saved.version }));
    } catch (e) {
      if (e instanceof ApiError) {
        const position = typeof e.details['position'] === 'number' ? e.details['position'] : null;
        const param = typeof e.details['param'] === 'string' ? e.details['param'] : null;
        setError({ code: e.code, message: e.message, param, position });
        if (position !== null && expressionRef.current) {
          expressionRef.current.focus();
          expressionRef.current.setSelectionRange(position, position + 1);
        }
      } else {
        setError({ code: errorCode(e), message: errorText(t, errorCode(e)), param: null,
          position: null });
      }
    } finally {
      setBusy(false);
    }
  };
  const inExpression = error !== null && (error.position !== null || error.param === 'expression');
  return (
    <form className="card" ref={props.formRef} aria-labelledby="editor-title"
      onSubmit={(e) => { e.preventDefault(); void save(); }}>
      <h2 id="editor-title">
        {props.draft.from === null ? t('newRule')
          : t('editRule', { rule: props.draft.id, version: props.draft.from })}
      </h2>
      {props.draft.from !== null && <p className="muted">{t('editHelp')}</p>}
      <div className="grid-2">
        <div className="field">
          <label htmlFor="rule-id">{t('ruleId')}</label>
          <input id="rule-id" required value={draft.id} readOnly={props.draft.from !== null}
            onChange={(e) => set('id', e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="rule-name">{t('name')}</label>
          <input id="rule-name" required value={draft.name}
            onChange={(e) => set('name', e.target.value)} />
        </div>
      </div>
      <div className="field">
        <label htmlFor="rule-expression">{t('expression')}</label>
        <textarea id="rule-expression" ref={expressionRef} rows={3} required spellCheck={false}
          className="mono" value={draft.expression}
          aria-invalid={inExpression || undefined}
          aria-describedby={error ? 'rule-error' : 'rule-expression-help'}
          onChange={(e) => { set('expression', e.target.value); setError(null); }} />
        <p className="muted small" id="rule-expression-help">{t('expressionHelp')}</p>
      </div>
      {error && <RuleError error={error} expression={draft.expression} />}
      <div className="grid-2">
        <div className="field">
          <label htmlFor="rule-outcome">{t('outcome')}</label>
          <select id="rule-outcome" value={draft.outcome}
            onChange={(e) => set('outcome', e.target.value as RuleOutcome)}>
            {ruleOutcomes.map((o) => <option key={o} value={o}>{t(`outcome.${o}`)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="rule-reason">{t('reasonCode')}</label>
          <input id="rule-reason" required value={draft.reasonCode}
            onChange={(e) => set('reasonCode', e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="rule-mode">{t('mode')}</label>
          <select id="rule-mode" value={draft.mode}
            onChange={(e) => set('mode', e.target.value as RuleMode)}>
            <option value="shadow">{t('mode.shadow')}</option>
            <option value="live">{t('mode.live')}</option>
          </select>
        </div>
        <label className="row check">
          <input type="checkbox" checked={draft.enabled}
            onChange={(e) => set('enabled', e.target.checked)} />
          {t('enabled')}
        </label>
      </div>
      <div className="field">
        <label htmlFor="rule-description">{t('description')}</label>
        <textarea id="rule-description" rows={2} value={draft.description}
          onChange={(e) => set('description', e.target.value)} />
      </div>
      <div className="row">
        <button type="submit" className="btn primary" disabled={busy}>{t('saveVersion')}</button>
        <button type="button" className="btn" onClick={props.onCancel}>{t('cancel')}</button>
      </div>
    </form>
  );
}

/** The failure, and for an expression fault the source with the character at fault marked. */
function RuleError(props: { error: ExpressionError; expression: string }) {
  const { t } = useI18n();
  const { error, expression } = props;
  const at = error.position;
  let where: { line: number; column: number } | null = null;
  if (at !== null) {
    const before = expression.slice(0, at).split('\n');
    where = { line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1 };
  }
  return (
    <div className="notice bad" id="rule-error" role="alert">
      <p style={{ margin: 0 }}>
        <code>{error.code}</code>: {error.message}
        {where && <> — {t('errorAt', { position: at ?? 0, ...where })}</>}
      </p>
      {at !== null && (
        <pre className="expr" data-position={at}>
          {expression.slice(0, at)}
          <mark>{expression.slice(at, at + 1) || ' '}</mark>
          {expression.slice(at + 1)}
          {'\n'}{' '.repeat(Math.max(0, (where?.column ?? 1) - 1))}^
        </pre>
      )}
    </div>
  );
}

function detailText(detail: unknown): string {
  const text = JSON.stringify(detail) ?? '';
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
}

function History(props: { api: RiskApi; reloadKey: number; lang: string }) {
  const { t } = useI18n();
  const { api, reloadKey, lang } = props;
  const [subject, setSubject] = useState('');
  const [rows, setRows] = useState<RiskChangeView[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async (cursor: string | null, append: boolean) => {
    try {
      const page = await api.changes({
        limit: 20, ...(subject.trim() ? { subject: subject.trim() } : {}),
        ...(cursor ? { cursor } : {}),
      });
      setRows((old) => (append ? [...old, ...page.data] : page.data));
      setNext(page.nextCursor);
      setError(null);
    } catch (e) {
      setError(failure(t, e));
    }
  }, [api, subject, t]);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => { void load(null, false); }, [reloadKey]);
  return (
    <section className="card" aria-labelledby="history-title">
      <h2 id="history-title">{t('history')}</h2>
      <form className="filters" onSubmit={(e) => { e.preventDefault(); void load(null, false); }}>
        <div className="field">
          <label htmlFor="history-subject">{t('historySubject')}</label>
          <input id="history-subject" value={subject}
            onChange={(e) => setSubject(e.target.value)} />
        </div>
        <button type="submit" className="btn">{t('filter')}</button>
      </form>
      {error && <p className="notice bad" role="alert">{error}</p>}
      <div className="table-wrap" tabIndex={0}>
        <table id="history-table">
          <thead><tr><th>{t('when')}</th><th>{t('who')}</th><th>{t('action')}</th>
            <th>{t('subject')}</th><th>{t('version')}</th><th>{t('detail')}</th></tr></thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.id} data-subject={c.subject} data-action={c.action}>
                <td>{formatTime(c.createdAt, lang)}</td><td>{c.actor}</td>
                <td>{c.action}</td><td><code>{c.subject}</code></td>
                <td className="num">{c.version ?? '—'}</td>
                <td><code className="small">{detailText(c.detail)}</code></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {next && (
        <button type="button" className="btn small" onClick={() => void load(next, true)}>
          {t('more')}
        </button>
      )}
    </section>
  );
}

function Decisions(props: { api: RiskApi }) {
  const { t, lang } = useI18n();
  const { api } = props;
  const [f, setF] = useState({ outcome: '', result: '', walletId: '', merchantId: '', from: '',
    to: '' });
  const [rows, setRows] = useState<RiskDecisionView[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [detail, setDetail] = useState<RiskDecisionView | null>(null);
  const load = useCallback(async (cursor: string | null) => {
    try {
      const page = await api.decisions({
        limit: 25, outcome: f.outcome, result: f.result, walletId: f.walletId.trim(),
        merchantId: f.merchantId.trim(), from: isoOf(f.from), to: isoOf(f.to),
        ...(cursor ? { cursor } : {}),
      });
      setRows((old) => (cursor && old ? [...old, ...page.data] : page.data));
      setNext(page.nextCursor);
      setError(null);
    } catch (e) {
      setError(failure(t, e));
    }
  }, [api, f, t]);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => { void load(null); }, []);
  const open = async (id: string) => {
    try {
      setDetail(await api.decision(id));
    } catch (e) {
      setError(failure(t, e));
    }
  };
  const input = (key: 'walletId' | 'merchantId' | 'from' | 'to', label: string, type = 'text') => (
    <div className="field">
      <label htmlFor={`d-${key}`}>{label}</label>
      <input id={`d-${key}`} type={type} value={f[key]}
        onChange={(e) => setF({ ...f, [key]: e.target.value })} />
    </div>
  );
  return (
    <section className="card" aria-labelledby="decisions-title">
      <h2 id="decisions-title">{t('risk.decisions')}</h2>
      <form className="filters" onSubmit={(e) => { e.preventDefault(); void load(null); }}>
        <div className="field">
          <label htmlFor="d-outcome">{t('outcome')}</label>
          <select id="d-outcome" value={f.outcome}
            onChange={(e) => setF({ ...f, outcome: e.target.value })}>
            <option value="">{t('all')}</option>
            {ruleOutcomes.map((o) => <option key={o} value={o}>{t(`outcome.${o}`)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="d-result">{t('result')}</label>
          <select id="d-result" value={f.result}
            onChange={(e) => setF({ ...f, result: e.target.value })}>
            <option value="">{t('all')}</option>
            {decisionResults.map((r) => <option key={r} value={r}>{t(`result.${r}`)}</option>)}
          </select>
        </div>
        {input('walletId', t('walletId'))}
        {input('merchantId', t('merchantId'))}
        {input('from', t('from'), 'datetime-local')}
        {input('to', t('to'), 'datetime-local')}
        <button type="submit" className="btn primary">{t('filter')}</button>
      </form>
      {error && <p className="notice bad" role="alert">{error}</p>}
      {rows && rows.length === 0 && <p className="muted">{t('none')}</p>}
      {rows && rows.length > 0 && (
        <div className="table-wrap" tabIndex={0}>
          <table id="decisions-table">
            <thead><tr><th>{t('when')}</th><th>{t('order')}</th><th>{t('wallet')}</th>
              <th>{t('merchant')}</th><th className="num">{t('amount')}</th>
              <th>{t('outcome')}</th><th>{t('result')}</th><th>{t('matchedRules')}</th>
              <th>{t('shadowMatches')}</th></tr></thead>
            <tbody>
              {rows.map((d) => (
                <tr key={d.id} data-outcome={d.outcome} data-order={d.orderId}>
                  <td>{formatTime(d.createdAt, lang)}</td>
                  <td><button type="button" className="btn small link"
                    aria-label={`${t('details')}: ${d.orderId}`}
                    onClick={() => void open(d.id)}><code>{d.orderId}</code></button></td>
                  <td><code>{d.walletId}</code></td><td><code>{d.merchantId}</code></td>
                  <td className="num">{formatMoney(d.amount, d.currency, lang)}</td>
                  <td><OutcomeBadge outcome={d.outcome} /></td>
                  <td>{t(`result.${d.result}`)}</td>
                  <td><Matches matches={d.matchedRules} /></td>
                  <td><Matches matches={d.shadowMatches} />
                    {d.shadowMatches.length > 0 && (
                      <span className="muted small">
                        {t('shadowOutcome')}: {t(`outcome.${d.shadowOutcome}`)}
                      </span>)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {next && (
        <button type="button" className="btn small" onClick={() => void load(next)}>
          {t('more')}
        </button>
      )}
      {detail && (
        <div className="card" id="decision-detail" style={{ marginTop: 12 }}>
          <h3 style={{ marginTop: 0 }}>{t('decision')} <code>{detail.id}</code></h3>
          <p>{t('reasonCodes')}: {detail.reasonCodes.join(', ') || '—'}</p>
          <Matches matches={detail.matchedRules} />
          <h4>{t('context')}</h4>
          <pre className="expr">{JSON.stringify(detail.context ?? {}, null, 2)}</pre>
          <button type="button" className="btn small" onClick={() => setDetail(null)}>
            {t('close')}
          </button>
        </div>
      )}
    </section>
  );
}

function Holds(props: { api: RiskApi }) {
  const { t, lang } = useI18n();
  const { api } = props;
  const [status, setStatus] = useState<'held' | 'released' | 'refunded' | 'all'>('held');
  const [rows, setRows] = useState<RiskHoldView[] | null>(null);
  const [message, setMessage] = useState<{ tone: Tone; text: string } | null>(null);
  const load = useCallback(() => {
    api.holds({ status, limit: 50 }).then((p) => setRows(p.data))
      .catch((e: unknown) => setMessage({ tone: 'bad', text: failure(t, e) }));
  }, [api, status, t]);
  useEffect(load, [load]);
  const act = async (hold: RiskHoldView, what: 'release' | 'refund') => {
    if (!window.confirm(t(what === 'release' ? 'releaseConfirm' : 'refundConfirm'))) return;
    try {
      if (what === 'release') await api.releaseHold(hold.orderId);
      else await api.refundHold(hold.orderId);
      setMessage({ tone: 'ok', text: t(what === 'release' ? 'releasedOk' : 'refundedOk',
        { order: hold.orderId }) });
      load();
    } catch (e) {
      setMessage({ tone: 'bad', text: failure(t, e) });
    }
  };
  return (
    <section className="card" aria-labelledby="holds-title">
      <h2 id="holds-title">{t('risk.holds')}</h2>
      <div className="filters">
        <div className="field">
          <label htmlFor="h-status">{t('status')}</label>
          <select id="h-status" value={status}
            onChange={(e) => setStatus(e.target.value as typeof status)}>
            {(['held', 'released', 'refunded', 'all'] as const).map((s) => (
              <option key={s} value={s}>{t(`hold.${s}`)}</option>))}
          </select>
        </div>
        <button type="button" className="btn" onClick={load}>{t('refresh')}</button>
      </div>
      <Notice message={message} />
      {rows && rows.length === 0 && <p className="muted" id="holds-empty">{t('noHolds')}</p>}
      {rows && rows.length > 0 && (
        <div className="table-wrap" tabIndex={0}>
          <table id="holds-table">
            <thead><tr><th>{t('when')}</th><th>{t('order')}</th><th>{t('wallet')}</th>
              <th className="num">{t('amount')}</th><th>{t('matchedRules')}</th>
              <th>{t('status')}</th><th>{t('actions')}</th></tr></thead>
            <tbody>
              {rows.map((h) => (
                <tr key={h.orderId} data-order={h.orderId} data-status={h.status}>
                  <td>{formatTime(h.createdAt, lang)}</td><td><code>{h.orderId}</code></td>
                  <td><code>{h.walletId}</code></td>
                  <td className="num">
                    {h.decision ? formatMoney(h.decision.amount, h.currency, lang) : '—'}</td>
                  <td><Matches matches={h.decision?.matchedRules ?? []} /></td>
                  <td><span className={`badge ${h.status === 'held' ? 'warn' : 'neutral'}`}>
                    {t(`hold.${h.status}`)}</span>
                    {h.resolvedBy && <div className="muted small">{h.resolvedBy}</div>}</td>
                  <td className="actions">{h.status === 'held' && (<>
                    <button type="button" className="btn small primary"
                      aria-label={`${t('release')}: ${h.orderId}`}
                      onClick={() => void act(h, 'release')}>{t('release')}</button>
                    <button type="button" className="btn small danger"
                      aria-label={`${t('refund')}: ${h.orderId}`}
                      onClick={() => void act(h, 'refund')}>{t('refund')}</button>
                  </>)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

const exampleCandidate = JSON.stringify([{
  id: 'amount_over_100', name: 'Over 100 yuan', expression: 'amount > 10_000',
  outcome: 'block', reasonCode: 'amount_high',
}], null, 2);

function Backtest(props: { api: RiskApi }) {
  const { t } = useI18n();
  const { api } = props;
  const [source, setSource] = useState<'json' | 'versions'>('json');
  const [json, setJson] = useState(exampleCandidate);
  const [rules, setRules] = useState<RiskRuleView[]>([]);
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [from, setFrom] = useState(() => localOf(Date.now() - 24 * 3_600_000));
  const [to, setTo] = useState(() => localOf(Date.now() + 3_600_000));
  const [replace, setReplace] = useState(false);
  const [report, setReport] = useState<BacktestReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    api.listRules().then((p) => setRules(p.data)).catch(() => setRules([]));
  }, [api]);
  const run = async () => {
    let candidate: object[];
    if (source === 'json') {
      try {
        const parsed = JSON.parse(json) as unknown;
        const list = Array.isArray(parsed) ? parsed
          : (parsed as { rules?: unknown } | null)?.rules;
        if (!Array.isArray(list)) throw new Error('not an array');
        candidate = list as object[];
      } catch {
        setError(t('rulesJsonInvalid'));
        return;
      }
    } else {
      candidate = rules.filter((r) => picked.has(`${r.id}@${r.version}`)).map((r) => ({
        id: r.id, name: r.name, version: r.version, expression: r.expression,
        outcome: r.outcome, reasonCode: r.reasonCode, description: r.description,
      }));
    }
    const fromIso = isoOf(from);
    const toIso = isoOf(to);
    if (!fromIso || !toIso) {
      setError(t('periodInvalid'));
      return;
    }
    setBusy(true);
    try {
      setReport(await api.backtest({ rules: candidate, from: fromIso, to: toIso, replace }));
      setError(null);
    } catch (e) {
      setReport(null);
      const position = e instanceof ApiError ? e.details['position'] : undefined;
      const param = e instanceof ApiError ? e.details['param'] : undefined;
      const where = typeof param === 'string'
        ? ` (${param}${typeof position === 'number' ? ` @ ${position}` : ''})` : '';
      setError(`${failure(t, e)}${where}`);
    } finally {
      setBusy(false);
    }
  };
  const toggle = (key: string, on: boolean) => {
    const next = new Set(picked);
    if (on) next.add(key);
    else next.delete(key);
    setPicked(next);
  };
  return (
    <section className="card" aria-labelledby="backtest-title">
      <h2 id="backtest-title">{t('risk.backtest')}</h2>
      <p className="muted">{t('backtestHelp')}</p>
      <form onSubmit={(e) => { e.preventDefault(); void run(); }}>
        <fieldset className="row">
          <legend>{t('candidate')}</legend>
          <label className="row check"><input type="radio" name="bt-source"
            checked={source === 'json'} onChange={() => setSource('json')} />
          {t('sourceJson')}</label>
          <label className="row check"><input type="radio" name="bt-source"
            checked={source === 'versions'} onChange={() => setSource('versions')} />
          {t('pickVersions')}</label>
        </fieldset>
        {source === 'json' ? (
          <div className="field">
            <label htmlFor="bt-json">{t('rulesJson')}</label>
            <textarea id="bt-json" rows={7} className="mono" spellCheck={false} value={json}
              onChange={(e) => setJson(e.target.value)} />
          </div>
        ) : (
          <fieldset className="versions">
            <legend>{t('pickVersions')}</legend>
            {rules.map((r) => {
              const key = `${r.id}@${r.version}`;
              return (
                <label key={key} className="row check">
                  <input type="checkbox" checked={picked.has(key)}
                    onChange={(e) => toggle(key, e.target.checked)} />
                  <code>{r.id}</code> v{r.version} · {t(`mode.${r.mode}`)}
                  {r.enabled ? '' : ` · ${t('disabled')}`}
                </label>
              );
            })}
          </fieldset>
        )}
        <div className="filters">
          <div className="field">
            <label htmlFor="bt-from">{t('from')}</label>
            <input id="bt-from" type="datetime-local" value={from}
              onChange={(e) => setFrom(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="bt-to">{t('to')}</label>
            <input id="bt-to" type="datetime-local" value={to}
              onChange={(e) => setTo(e.target.value)} />
          </div>
          <label className="row check">
            <input type="checkbox" checked={replace}
              onChange={(e) => setReplace(e.target.checked)} />
            {t('replaceSet')}
          </label>
          <button type="submit" className="btn primary" disabled={busy}>{t('runBacktest')}</button>
        </div>
      </form>
      {error && <p className="notice bad" role="alert">{error}</p>}
      {report && <BacktestResult report={report} />}
    </section>
  );
}

function BacktestResult(props: { report: BacktestReport }) {
  const { t } = useI18n();
  const { report } = props;
  return (
    <div id="backtest-report" style={{ marginTop: 12 }} role="status">
      <p>{t('backtestSummary', { n: report.decisions, d: report.differencesTotal })}</p>
      <table id="backtest-counts">
        <thead><tr><th>{t('outcome')}</th><th className="num">{t('recorded')}</th>
          <th className="num">{t('liveSet')}</th><th className="num">{t('candidate')}</th></tr>
        </thead>
        <tbody>
          {ruleOutcomes.map((o) => (
            <tr key={o} data-outcome={o}>
              <td><OutcomeBadge outcome={o} /></td>
              <td className="num">{report.recorded[o]}</td>
              <td className="num" data-col="live">{report.live[o]}</td>
              <td className="num" data-col="candidate">{report.candidate[o]}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {report.differences.length > 0 && (
        <>
          <h3>{t('differences')}</h3>
          <div className="table-wrap" tabIndex={0}>
            <table id="backtest-differences">
              <thead><tr><th>{t('order')}</th><th>{t('liveSet')}</th><th>{t('candidate')}</th>
              </tr></thead>
              <tbody>
                {report.differences.slice(0, 200).map((d) => (
                  <tr key={d.decisionId}>
                    <td><code>{d.orderId ?? d.decisionId}</code></td>
                    <td><OutcomeBadge outcome={d.liveOutcome} />{' '}
                      <span className="muted">{d.liveReasonCodes.join(', ')}</span></td>
                    <td><OutcomeBadge outcome={d.candidateOutcome} />{' '}
                      <span className="muted">{d.candidateReasonCodes.join(', ')}</span></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}

function Lists(props: { api: RiskApi }) {
  const { t, lang } = useI18n();
  const { api } = props;
  const [lists, setLists] = useState<RiskListView[]>([]);
  const [name, setName] = useState<string | null>(null);
  const [entries, setEntries] = useState<RiskListEntryView[]>([]);
  const [value, setValue] = useState('');
  const [note, setNote] = useState('');
  const [message, setMessage] = useState<{ tone: Tone; text: string } | null>(null);
  const reload = useCallback(() => {
    api.lists().then((p) => setLists(p.data))
      .catch((e: unknown) => setMessage({ tone: 'bad', text: failure(t, e) }));
    if (name) {
      api.entries(name, { limit: 100 }).then((p) => setEntries(p.data))
        .catch((e: unknown) => setMessage({ tone: 'bad', text: failure(t, e) }));
    }
  }, [api, name, t]);
  useEffect(reload, [reload]);
  const add = async () => {
    if (!name || !value.trim()) return;
    try {
      await api.addEntry(name, value.trim(), note.trim() || undefined);
      setMessage({ tone: 'ok', text: t('entryAdded', { value: value.trim() }) });
      setValue('');
      setNote('');
      reload();
    } catch (e) {
      setMessage({ tone: 'bad', text: failure(t, e) });
    }
  };
  const remove = async (entry: RiskListEntryView) => {
    if (!window.confirm(t('removeConfirm', { value: entry.value }))) return;
    try {
      await api.removeEntry(entry.list, entry.value);
      setMessage({ tone: 'ok', text: t('entryRemoved', { value: entry.value }) });
      reload();
    } catch (e) {
      setMessage({ tone: 'bad', text: failure(t, e) });
    }
  };
  return (
    <section className="card" aria-labelledby="lists-title">
      <h2 id="lists-title">{t('risk.lists')}</h2>
      <table id="lists-table">
        <thead><tr><th>{t('list')}</th><th>{t('description')}</th>
          <th className="num">{t('entries')}</th><th /></tr></thead>
        <tbody>
          {lists.map((l) => (
            <tr key={l.name} data-list={l.name}>
              <td><code>{l.name}</code></td><td>{l.description}</td>
              <td className="num">{l.entries}</td>
              <td><button type="button" className={`btn small${name === l.name ? ' primary' : ''}`}
                aria-label={`${t('open')}: ${l.name}`}
                onClick={() => { setName(l.name); setEntries([]); }}>{t('open')}</button></td>
            </tr>
          ))}
        </tbody>
      </table>
      <Notice message={message} />
      {name && (
        <div style={{ marginTop: 12 }}>
          <h3><code>{name}</code></h3>
          {entries.length === 0 && <p className="muted">{t('none')}</p>}
          {entries.length > 0 && (
            <table id="entries-table">
              <thead><tr><th>{t('value')}</th><th>{t('note')}</th><th>{t('who')}</th>
                <th>{t('when')}</th><th /></tr></thead>
              <tbody>
                {entries.map((x) => (
                  <tr key={x.value} data-value={x.value}>
                    <td><code>{x.value}</code></td><td>{x.note}</td><td>{x.createdBy}</td>
                    <td>{formatTime(x.createdAt, lang)}</td>
                    <td><button type="button" className="btn small danger"
                      aria-label={`${t('remove')}: ${x.value}`}
                      onClick={() => void remove(x)}>{t('remove')}</button></td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <form className="filters" style={{ marginTop: 12 }}
            onSubmit={(e) => { e.preventDefault(); void add(); }}>
            <div className="field">
              <label htmlFor="entry-value">{t('value')}</label>
              <input id="entry-value" required value={value}
                onChange={(e) => setValue(e.target.value)} />
            </div>
            <div className="field">
              <label htmlFor="entry-note">{t('note')}</label>
              <input id="entry-note" value={note} onChange={(e) => setNote(e.target.value)} />
            </div>
            <button type="submit" className="btn primary">{t('add')}</button>
          </form>
        </div>
      )}
    </section>
  );
}

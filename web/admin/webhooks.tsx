/**
 * Webhook endpoints per merchant, as the operator: create (the signing secret is shown once),
 * disable/enable, delete; each endpoint's delivery log with every attempt (status, latency,
 * response excerpt) and a redeliver button (docs/webhooks.md).
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import {
  webhookEventTypes, webhooksApi, type WebhookDeliveryView, type WebhookEndpointView,
  type WebhooksApi,
} from '../../src/client/admin.ts';
import { ApiError, type MerchantView, type QrpayClient } from '../../src/client/index.ts';
import { errorCode, formatTime } from '../shared/api.ts';
import { errorText } from '../shared/common-messages.ts';
import { useI18n } from '../shared/i18n.tsx';

type T = ReturnType<typeof useI18n>['t'];
type Message = { tone: 'ok' | 'bad'; text: string } | null;

function failure(t: T, e: unknown): string {
  const code = errorCode(e);
  const known = errorText(t, code);
  if (e instanceof ApiError && known === t('error.generic', { code })) {
    return `${code}: ${e.message}`;
  }
  return known;
}

function Notice(props: { message: Message }) {
  if (!props.message) return null;
  const { tone, text } = props.message;
  return <p className={`notice ${tone}`} role={tone === 'bad' ? 'alert' : 'status'}>{text}</p>;
}

export function WebhooksPage(props: { client: QrpayClient }) {
  const { t } = useI18n();
  const api = useMemo(() => webhooksApi(props.client), [props.client]);
  const [merchants, setMerchants] = useState<MerchantView[]>([]);
  const [merchantId, setMerchantId] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    props.client.listMerchants().then((p) => {
      setMerchants(p.data);
      setMerchantId((id) => id || (p.data[0]?.id ?? ''));
    }).catch((e: unknown) => setError(failure(t, e)));
  }, [props.client, t]);
  return (
    <>
      <section className="card" aria-labelledby="webhooks-title">
        <h2 id="webhooks-title">{t('webhooks')}</h2>
        <p className="muted">{t('webhooksHelp')}</p>
        <div className="field" style={{ maxWidth: 420 }}>
          <label htmlFor="wh-merchant">{t('merchant')}</label>
          <select id="wh-merchant" value={merchantId}
            onChange={(e) => setMerchantId(e.target.value)}>
            {merchants.map((m) => (
              <option key={m.id} value={m.id}>{m.displayName} ({m.id})</option>))}
          </select>
        </div>
        {error && <p className="notice bad" role="alert">{error}</p>}
      </section>
      {merchantId && <Endpoints key={merchantId} api={api} merchantId={merchantId} />}
    </>
  );
}

function Endpoints(props: { api: WebhooksApi; merchantId: string }) {
  const { t, lang } = useI18n();
  const { api, merchantId } = props;
  const [endpoints, setEndpoints] = useState<WebhookEndpointView[]>([]);
  const [url, setUrl] = useState('');
  const [all, setAll] = useState(true);
  const [events, setEvents] = useState<Set<string>>(new Set(['order.paid']));
  const [secret, setSecret] = useState<{ id: string; secret: string } | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [message, setMessage] = useState<Message>(null);
  const reload = useCallback(() => {
    api.endpoints(merchantId).then((p) => setEndpoints(p.data))
      .catch((e: unknown) => setMessage({ tone: 'bad', text: failure(t, e) }));
  }, [api, merchantId, t]);
  useEffect(reload, [reload]);
  const create = async () => {
    try {
      const chosen = all ? ['*'] : [...events];
      const made = await api.createEndpoint(merchantId, url.trim(), chosen);
      setSecret({ id: made.id, secret: made.secret });
      setUrl('');
      setMessage(null);
      reload();
    } catch (e) {
      setMessage({ tone: 'bad', text: failure(t, e) });
    }
  };
  const change = async (e: WebhookEndpointView, what: 'enable' | 'disable' | 'remove') => {
    if (what === 'remove' && !window.confirm(t('deleteEndpointConfirm'))) return;
    try {
      await api[what](e.id);
      if (what === 'remove' && selected === e.id) setSelected(null);
      setMessage({ tone: 'ok', text: t(`endpointDone.${what}`) });
      reload();
    } catch (err) {
      setMessage({ tone: 'bad', text: failure(t, err) });
    }
  };
  const toggle = (type: string, on: boolean) => {
    const next = new Set(events);
    if (on) next.add(type);
    else next.delete(type);
    setEvents(next);
  };
  return (
    <>
      <section className="card" aria-labelledby="endpoints-title">
        <h2 id="endpoints-title">{t('endpoints')}</h2>
        <Notice message={message} />
        {endpoints.length === 0 && <p className="muted">{t('noEndpoints')}</p>}
        {endpoints.length > 0 && (
          <div className="table-wrap" tabIndex={0}>
            <table id="endpoints-table">
              <thead><tr><th>{t('url')}</th><th>{t('events')}</th><th>{t('status')}</th>
                <th>{t('created')}</th><th>{t('actions')}</th></tr></thead>
              <tbody>
                {endpoints.map((e) => (
                  <tr key={e.id} data-endpoint={e.id} data-status={e.status}>
                    <td><code>{e.url}</code><div className="muted small">{e.id}</div></td>
                    <td>{e.events.join(', ')}</td>
                    <td><span className={`badge ${e.status === 'enabled' ? 'ok' : 'neutral'}`}>
                      {t(`endpoint.${e.status}`)}</span>
                      {e.disabledReason && <div className="muted small">{e.disabledReason}</div>}
                      {e.failingSince && (
                        <div className="muted small">
                          {t('failingSince', { time: formatTime(e.failingSince, lang) })}
                        </div>)}
                    </td>
                    <td>{formatTime(e.createdAt, lang)}</td>
                    <td className="actions">
                      <button type="button" className={`btn small${selected === e.id
                        ? ' primary' : ''}`} aria-label={`${t('deliveries')}: ${e.url}`}
                        onClick={() => setSelected(e.id)}>{t('deliveries')}</button>
                      {e.status === 'enabled' ? (
                        <button type="button" className="btn small"
                          aria-label={`${t('disable')}: ${e.url}`}
                          onClick={() => void change(e, 'disable')}>{t('disable')}</button>
                      ) : (
                        <button type="button" className="btn small"
                          aria-label={`${t('enable')}: ${e.url}`}
                          onClick={() => void change(e, 'enable')}>{t('enable')}</button>
                      )}
                      <button type="button" className="btn small danger"
                        aria-label={`${t('delete')}: ${e.url}`}
                        onClick={() => void change(e, 'remove')}>{t('delete')}</button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <form style={{ marginTop: 12 }} aria-labelledby="new-endpoint-title"
          onSubmit={(e) => { e.preventDefault(); void create(); }}>
          <h3 id="new-endpoint-title">{t('newEndpoint')}</h3>
          <div className="field">
            <label htmlFor="wh-url">{t('url')}</label>
            <input id="wh-url" type="url" required placeholder="https://erp.example.com/qrpay"
              value={url} onChange={(e) => setUrl(e.target.value)} />
          </div>
          <fieldset className="row wrap">
            <legend>{t('events')}</legend>
            <label className="row check">
              <input type="checkbox" checked={all} onChange={(e) => setAll(e.target.checked)} />
              {t('allEvents')}
            </label>
            {!all && webhookEventTypes.map((type) => (
              <label key={type} className="row check">
                <input type="checkbox" checked={events.has(type)}
                  onChange={(e) => toggle(type, e.target.checked)} />
                <code>{type}</code>
              </label>
            ))}
          </fieldset>
          <button type="submit" className="btn primary"
            disabled={!url.trim() || (!all && events.size === 0)}>{t('createEndpoint')}</button>
        </form>
        {secret && (
          <div role="status" style={{ marginTop: 12 }}>
            <p>{t('secretOnce')}</p>
            <p className="secret" id="new-endpoint-secret">{secret.secret}</p>
            <button type="button" className="btn small" onClick={() => setSecret(null)}>
              {t('secretSaved')}
            </button>
          </div>
        )}
      </section>
      {selected && <Deliveries api={api} endpointId={selected} />}
    </>
  );
}

function Deliveries(props: { api: WebhooksApi; endpointId: string }) {
  const { t, lang } = useI18n();
  const { api, endpointId } = props;
  const [rows, setRows] = useState<WebhookDeliveryView[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [message, setMessage] = useState<Message>(null);
  const load = useCallback(async (cursor: string | null) => {
    try {
      const page = await api.deliveries(endpointId, { limit: 20, ...(cursor ? { cursor } : {}) });
      setRows((old) => (cursor && old ? [...old, ...page.data] : page.data));
      setNext(page.nextCursor);
    } catch (e) {
      setMessage({ tone: 'bad', text: failure(t, e) });
    }
  }, [api, endpointId, t]);
  useEffect(() => { void load(null); }, [load]);
  const redeliver = async (d: WebhookDeliveryView) => {
    try {
      await api.redeliver(d.eventId, endpointId);
      setMessage({ tone: 'ok', text: t('redelivered', { event: d.eventId }) });
      await load(null);
    } catch (e) {
      setMessage({ tone: 'bad', text: failure(t, e) });
    }
  };
  return (
    <section className="card" aria-labelledby="deliveries-title">
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <h2 id="deliveries-title">{t('deliveryLog')}</h2>
        <button type="button" className="btn small" onClick={() => void load(null)}>
          {t('refresh')}
        </button>
      </div>
      <p className="muted small"><code>{endpointId}</code></p>
      <Notice message={message} />
      {rows && rows.length === 0 && <p className="muted">{t('noDeliveries')}</p>}
      {rows && rows.length > 0 && (
        <div className="table-wrap" tabIndex={0}>
          <table id="deliveries-table">
            <thead><tr><th>{t('created')}</th><th>{t('event')}</th><th>{t('state')}</th>
              <th>{t('attemptsCol')}</th><th>{t('actions')}</th></tr></thead>
            <tbody>
              {rows.map((d) => (
                <tr key={d.id} data-delivery={d.id} data-state={d.state}>
                  <td>{formatTime(d.createdAt, lang)}</td>
                  <td><code>{d.eventType}</code><div className="muted small">{d.eventId}</div></td>
                  <td><span className={`badge ${d.state === 'succeeded' ? 'ok'
                    : d.state === 'pending' ? 'warn' : 'bad'}`}>{d.state}</span>
                    {d.nextAttemptAt && (
                      <div className="muted small">
                        {t('nextAttempt', { time: formatTime(d.nextAttemptAt, lang) })}
                      </div>)}
                  </td>
                  <td>
                    <ol className="attempts">
                      {d.attemptLog.map((a) => (
                        <li key={a.attempt} data-status-code={a.statusCode ?? ''}>
                          <span className={`badge ${a.statusCode !== null && a.statusCode < 300
                            ? 'ok' : 'bad'}`}>{a.statusCode ?? t('noResponse')}</span>{' '}
                          {a.latencyMs !== null && <span>{a.latencyMs} ms</span>}{' '}
                          <span className="muted small">{formatTime(a.at, lang)}</span>
                          {(a.responseExcerpt || a.error) && (
                            <div><code className="small excerpt">
                              {a.error ?? a.responseExcerpt}</code></div>)}
                        </li>
                      ))}
                    </ol>
                  </td>
                  <td><button type="button" className="btn small"
                    aria-label={`${t('redeliver')}: ${d.eventId}`}
                    onClick={() => void redeliver(d)}>{t('redeliver')}</button></td>
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
    </section>
  );
}

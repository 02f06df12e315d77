/**
 * A document as a reviewer sees it. Documents need the operator key, which an <img src> cannot
 * send, so the bytes are fetched with it and shown from a blob URL: images inline with a zoom
 * dialog, PDFs as a link that opens them.
 */
import { useEffect, useRef, useState } from 'react';
import type { DocumentView, OnboardingClient } from '../../src/client/onboarding.ts';
import { errorText } from '../shared/common-messages.ts';
import { useI18n } from '../shared/i18n.tsx';
import { failureOf, formatBytes } from '../merchant/onboarding-api.ts';

export function DocumentTile(props: {
  client: OnboardingClient;
  applicationId: string;
  document: DocumentView;
  label: string;
}) {
  const { t } = useI18n();
  const { client, applicationId, document: doc, label } = props;
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [zoomed, setZoomed] = useState(false);
  useEffect(() => {
    let made: string | null = null;
    let live = true;
    client.downloadDocument(applicationId, doc.kind).then((blob) => {
      made = URL.createObjectURL(blob);
      if (live) setUrl(made);
      else URL.revokeObjectURL(made);
    }).catch((e: unknown) => setError(failureOf(e).code));
    return () => {
      live = false;
      if (made) URL.revokeObjectURL(made);
    };
  }, [client, applicationId, doc.kind, doc.sha256]);
  if (error) return <p className="notice bad">{errorText(t, error)}</p>;
  if (!url) return <p className="muted">…</p>;
  const meta = `${doc.mediaType} · ${formatBytes(doc.bytes)}`;
  if (doc.mediaType === 'application/pdf') {
    return (
      <p>
        <a href={url} target="_blank" rel="noopener" download={`${doc.kind}.pdf`}>
          {t('openPdf', { name: label })}</a>
        <br /><span className="muted">{meta}</span>
      </p>
    );
  }
  return (
    <>
      <img src={url} alt={label} data-kind={doc.kind} />
      <p className="row">
        <button type="button" className="btn small" onClick={() => setZoomed(true)}>
          {t('zoom', { name: label })}</button>
        <span className="muted">{meta}</span>
      </p>
      {zoomed && <ZoomDialog url={url} label={label} onClose={() => setZoomed(false)} />}
    </>
  );
}

function ZoomDialog(props: { url: string; label: string; onClose(): void }) {
  const { t } = useI18n();
  const [large, setLarge] = useState(false);
  const closeRef = useRef<HTMLButtonElement>(null);
  const { onClose } = props;
  useEffect(() => {
    closeRef.current?.focus();
    const onKey = (e: KeyboardEvent) => { if (e.key === 'Escape') onClose(); };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className="zoom-backdrop" role="dialog" aria-modal="true" aria-label={props.label}>
      <div className="row">
        <button type="button" className="btn" onClick={() => setLarge(!large)}>
          {large ? t('zoomOut') : t('zoomIn')}</button>
        <button type="button" className="btn" ref={closeRef} onClick={onClose}>
          {t('close')}</button>
      </div>
      <img src={props.url} alt={props.label} className={large ? 'zoomed' : undefined} />
    </div>
  );
}

/**
 * The application form. Each field is saved to the draft as it is left, so the platform's own
 * validators (one error code per field, `param` naming it) give the live messages; the page has
 * no second copy of the rules. Only changed fields are sent: once submitted, the ID and card
 * numbers come back masked and are left alone unless retyped.
 */
import { useRef, useState, type ChangeEvent } from 'react';
import {
  fieldNamesFor, licenceLongTerm, requiredDocumentKinds, documentKinds,
  type ApplicationFieldName, type ApplicationView, type DocumentKind, type OnboardingClient,
} from '../../src/client/onboarding.ts';
import { errorText } from '../shared/common-messages.ts';
import { useI18n } from '../shared/i18n.tsx';
import { failureOf, formatBytes, mediaTypeOf } from './onboarding-api.ts';

type Values = Partial<Record<ApplicationFieldName, string>>;
type Errors = Record<string, string>;

const sections: [string, ApplicationFieldName[]][] = [
  ['sectionBusiness', ['legalName', 'uscc', 'licenceValidFrom', 'licenceValidTo',
    'registeredAddress']],
  ['sectionPerson', ['legalRepName', 'legalRepIdNumber', 'contactPhone', 'contactEmail']],
  ['sectionSettlement', ['settlementAccountHolder', 'settlementCardNumber']],
  ['sectionStore', ['storeName', 'storeCity', 'storeAddress', 'mcc']],
];

const mccCodes = ['5411', '5499', '5812', '5814', '5691', '5912', '5999', '7230', '8299'];

const inputProps: Partial<Record<ApplicationFieldName, Record<string, string | number>>> = {
  uscc: { autoCapitalize: 'characters', spellCheck: 'false', maxLength: 40 },
  licenceValidFrom: { type: 'date' },
  licenceValidTo: { type: 'date' },
  legalRepIdNumber: { autoCapitalize: 'characters', spellCheck: 'false', maxLength: 40 },
  contactPhone: { type: 'tel', inputMode: 'tel', autoComplete: 'tel' },
  contactEmail: { type: 'email', autoComplete: 'email' },
  settlementCardNumber: { inputMode: 'numeric', autoComplete: 'off', maxLength: 40 },
  storeName: { maxLength: 25 },
  storeCity: { maxLength: 15 },
};

interface Props {
  client: OnboardingClient;
  application: ApplicationView;
  onChanged(a: ApplicationView): void;
}

export function ApplicationForm(props: Props) {
  const { t } = useI18n();
  const { client, application: a, onChanged } = props;
  const names = fieldNamesFor(a.kind);
  const [values, setValues] = useState<Values>(() => ({ ...a.fields }));
  const valuesRef = useRef<Values>(values);
  const savedRef = useRef<Values>({ ...a.fields });
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const [errors, setErrors] = useState<Errors>({});
  const [status, setStatus] = useState<'idle' | 'saving' | 'saved'>('idle');
  const [summary, setSummary] = useState<string | null>(null);

  const setValue = (name: ApplicationFieldName, value: string) => {
    valuesRef.current = { ...valuesRef.current, [name]: value };
    setValues(valuesRef.current);
  };
  const clearError = (...keys: string[]) => setErrors((e) => {
    const next = { ...e };
    for (const key of keys) delete next[key];
    return next;
  });

  /** Saves one field if it changed; resolves to false when the platform refused it. */
  const saveField = (name: ApplicationFieldName): Promise<boolean> => {
    const run = async () => {
      const value = (valuesRef.current[name] ?? '').trim();
      if (value === (savedRef.current[name] ?? '')) return true;
      setStatus('saving');
      try {
        const next = await client.editApplication(a.id, { [name]: value === '' ? null : value });
        savedRef.current = { ...savedRef.current, [name]: next.fields[name] };
        setValue(name, next.fields[name] ?? '');
        clearError(name, ...(name.startsWith('licenceValid') ? ['licenceValidTo'] : []));
        onChanged(next);
        setStatus('saved');
        return true;
      } catch (e) {
        const f = failureOf(e);
        setErrors((old) => ({ ...old, [f.param ?? name]: f.code }));
        setStatus('idle');
        return false;
      }
    };
    const result = queue.current.then(run);
    queue.current = result.catch(() => false);
    return result;
  };

  const upload = async (kind: DocumentKind, event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    setErrors((old) => ({ ...old, [kind]: 'uploading' }));
    try {
      await client.uploadDocument(a.id, kind, file, await mediaTypeOf(file));
      clearError(kind);
      onChanged(await client.getApplication(a.id));
    } catch (e) {
      setErrors((old) => ({ ...old, [kind]: failureOf(e).code }));
    }
  };

  const submit = async () => {
    setSummary(null);
    let failed = 0;
    for (const name of names) if (!(await saveField(name))) failed++;
    if (failed > 0) {
      setSummary(t('fixErrors', { count: failed }));
      return;
    }
    try {
      onChanged(await client.submitApplication(a.id));
    } catch (e) {
      const f = failureOf(e);
      if (f.param) setErrors((old) => ({ ...old, [f.param ?? '']: f.code }));
      setSummary(f.param ? t('fixErrors', { count: 1 }) : errorText(t, f.code));
      if (f.param) document.getElementById(`input-${f.param}`)?.focus();
    }
  };

  const fieldProps = { t, values, errors, reasons: a.reasons, setValue, saveField };
  return (
    <form className="card" noValidate aria-labelledby="form-title"
      onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <h2 id="form-title">{t('formTitle')}</h2>
      {sections.map(([title, fields]) => {
        const shown = fields.filter((f) => names.includes(f));
        if (shown.length === 0) return null;
        return (
          <fieldset key={title}>
            <legend>{t(title)}</legend>
            <div className="grid-2">
              {shown.map((name) => <Field key={name} name={name} {...fieldProps} />)}
            </div>
          </fieldset>
        );
      })}
      <fieldset>
        <legend>{t('sectionDocuments')}</legend>
        <p className="hint muted">{t('documentsHelp')}</p>
        <div className="doc-grid">
          {documentKinds.filter((k) => a.kind === 'business' || k !== 'licence').map((kind) => (
            <DocumentInput key={kind} kind={kind} application={a} error={errors[kind]}
              required={requiredDocumentKinds(a.kind).includes(kind)}
              onFile={(e) => void upload(kind, e)} />
          ))}
        </div>
      </fieldset>
      <p className="muted" aria-live="polite">
        {status === 'saving' ? t('saving') : status === 'saved' ? t('saved') : ''}
      </p>
      {summary && <p className="notice bad" role="alert">{summary}</p>}
      <button type="submit" className="btn primary">
        {a.submittedAt ? t('resubmit') : t('submit')}
      </button>
    </form>
  );
}

interface FieldProps {
  name: ApplicationFieldName;
  t: (key: string, vars?: Record<string, string | number>) => string;
  values: Values;
  errors: Errors;
  reasons: Record<string, string>;
  setValue(name: ApplicationFieldName, value: string): void;
  saveField(name: ApplicationFieldName): Promise<boolean>;
}

function Field(props: FieldProps) {
  const { name, t, values, errors, reasons } = props;
  const id = `input-${name}`;
  const error = errors[name];
  const reason = reasons[name];
  const describedBy = [error ? `error-${name}` : '', reason ? `reason-${name}` : '']
    .filter(Boolean).join(' ');
  const common = {
    id,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy || undefined,
    'aria-required': true,
  };
  const value = values[name] ?? '';
  const longTerm = name === 'licenceValidTo' && value === licenceLongTerm;
  const saveNow = (v: string) => { props.setValue(name, v); void props.saveField(name); };
  return (
    <div className="field">
      <label htmlFor={id}>{t(`field.${name}`)}</label>
      {name === 'mcc' ? (
        <select {...common} value={value} onChange={(e) => saveNow(e.target.value)}>
          <option value="">{t('chooseMcc')}</option>
          {!mccCodes.includes(value) && value !== '' && <option value={value}>{value}</option>}
          {mccCodes.map((c) => <option key={c} value={c}>{t(`mcc.${c}`)}</option>)}
        </select>
      ) : (
        <input {...common} {...inputProps[name]} value={longTerm ? '' : value}
          disabled={longTerm}
          onChange={(e) => props.setValue(name, e.target.value)}
          onBlur={() => void props.saveField(name)} />
      )}
      {name === 'licenceValidTo' && (
        <label className="check-row">
          <input type="checkbox" checked={longTerm}
            onChange={(e) => saveNow(e.target.checked ? licenceLongTerm : '')} />
          {t('longTerm')}
        </label>
      )}
      {reason && <p id={`reason-${name}`} className="reviewer">{t('reviewerSays', { reason })}</p>}
      {error && <p id={`error-${name}`} className="error">{errorText(t, error)}</p>}
    </div>
  );
}

function DocumentInput(props: {
  kind: DocumentKind;
  application: ApplicationView;
  required: boolean;
  error: string | undefined;
  onFile(e: ChangeEvent<HTMLInputElement>): void;
}) {
  const { t } = useI18n();
  const { kind, application: a, error } = props;
  const stored = a.documents.find((d) => d.kind === kind);
  const reason = a.reasons[kind];
  const id = `doc-${kind}`;
  const describedBy = [`doc-status-${kind}`, reason ? `reason-${kind}` : '',
    error && error !== 'uploading' ? `error-${kind}` : ''].filter(Boolean).join(' ');
  return (
    <div className="doc">
      <label htmlFor={id}><strong>{t(`doc.${kind}`)}</strong>{' '}
        <span className="muted">({props.required ? t('required') : t('optional')})</span></label>
      <input id={id} type="file" accept="image/jpeg,image/png,image/webp,application/pdf"
        aria-describedby={describedBy} aria-invalid={error && error !== 'uploading' ? true
          : undefined} onChange={props.onFile} />
      <p id={`doc-status-${kind}`} className="hint" aria-live="polite">
        {error === 'uploading' ? t('uploading')
          : stored ? t('uploaded', { size: formatBytes(stored.bytes) }) : t('notUploaded')}
      </p>
      {reason && <p id={`reason-${kind}`} className="reviewer">
        {t('reviewerSays', { reason })}</p>}
      {error && error !== 'uploading' && (
        <p id={`error-${kind}`} className="error">{errorText(t, error)}</p>
      )}
    </div>
  );
}

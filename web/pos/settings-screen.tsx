/** Settings kept on this device: currency, shop name, voice, code lifetime, manager PIN. */
import { useState } from 'react';
import { load, save } from '../shared/api.ts';
import { useI18n } from '../shared/i18n.tsx';

export interface PosSettings {
  currency: string;
  shopName: string;
  voice: boolean;
  expiresInSeconds: number;
  receiptWidth: '58' | '80';
  /** SHA-256 of the manager PIN (or the PIN itself where WebCrypto is missing: plain http). */
  managerPinHash: string | null;
}

const storageKey = 'qrpay.pos.settings';
const defaults: PosSettings = {
  currency: 'CNY',
  shopName: '',
  voice: true,
  expiresInSeconds: 300,
  receiptWidth: '80',
  managerPinHash: null,
};

export function loadSettings(): PosSettings {
  try {
    return { ...defaults, ...(JSON.parse(load(storageKey) ?? '{}') as Partial<PosSettings>) };
  } catch {
    return defaults;
  }
}

/**
 * The PIN guards refunds against a cashier's slip on a shared device; it is not a secret from
 * whoever holds the terminal key, which is on the same device.
 */
export async function hashPin(pin: string): Promise<string> {
  if (!globalThis.crypto?.subtle) return `plain:${pin}`;
  const bytes = new TextEncoder().encode(`qrpay-pos-manager:${pin}`);
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

export function SettingsScreen(props: {
  settings: PosSettings;
  onSave(settings: PosSettings): void;
  onUnpair(): void;
}) {
  const { t } = useI18n();
  const [draft, setDraft] = useState(props.settings);
  const [pin, setPin] = useState('');
  const [saved, setSaved] = useState(false);
  const submit = async () => {
    const next = { ...draft };
    if (/^\d{4,8}$/.test(pin)) next.managerPinHash = await hashPin(pin);
    save(storageKey, JSON.stringify(next));
    props.onSave(next);
    setDraft(next);
    setPin('');
    setSaved(true);
  };
  const set = <K extends keyof PosSettings>(key: K, value: PosSettings[K]) => {
    setSaved(false);
    setDraft({ ...draft, [key]: value });
  };
  return (
    <form className="card" style={{ maxWidth: 560 }}
      onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <h2>{t('settings')}</h2>
      <div className="field">
        <label htmlFor="shop-name">{t('shopName')}</label>
        <input id="shop-name" value={draft.shopName} maxLength={60}
          onChange={(e) => set('shopName', e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="currency">{t('currency')}</label>
        <select id="currency" value={draft.currency}
          onChange={(e) => set('currency', e.target.value)}>
          {['CNY', 'HKD', 'USD', 'EUR', 'JPY', 'SGD'].map((c) => (
            <option key={c} value={c}>{c}</option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="expiry">{t('expiry')}</label>
        <input id="expiry" type="number" min={30} max={86400} value={draft.expiresInSeconds}
          onChange={(e) => set('expiresInSeconds', Math.max(30, Number(e.target.value) || 300))} />
      </div>
      <div className="field">
        <label htmlFor="receipt-width">{t('receiptWidth')}</label>
        <select id="receipt-width" value={draft.receiptWidth}
          onChange={(e) => set('receiptWidth', e.target.value === '58' ? '58' : '80')}>
          <option value="80">80 mm</option>
          <option value="58">58 mm</option>
        </select>
      </div>
      <div className="row field" style={{ flexDirection: 'row' }}>
        <input id="voice" type="checkbox" style={{ width: 28, height: 28 }} checked={draft.voice}
          onChange={(e) => set('voice', e.target.checked)} />
        <label htmlFor="voice">{t('voice')}</label>
      </div>
      <div className="field">
        <label htmlFor="manager-pin">{t('managerPin')}</label>
        <input id="manager-pin" type="password" inputMode="numeric" autoComplete="new-password"
          pattern="\d{4,8}" value={pin} onChange={(e) => setPin(e.target.value)} />
        {draft.managerPinHash && <span className="muted">{t('managerPinSet')}</span>}
      </div>
      <div className="row">
        <button type="submit" className="btn primary">{t('save')}</button>
        {saved && <span role="status" className="badge ok">✔ {t('saved')}</span>}
      </div>
      <hr style={{ margin: '20px 0', border: 0, borderTop: '1px solid var(--line)' }} />
      <button type="button" className="btn danger" onClick={props.onUnpair}>{t('unpair')}</button>
    </form>
  );
}

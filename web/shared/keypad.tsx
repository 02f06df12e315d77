/** Big numeric keypads: the POS amount keypad and the wallet's 6-digit password pad. */
import { useEffect, useState } from 'react';
import { useI18n } from './i18n.tsx';

const digitRows = [['1', '2', '3'], ['4', '5', '6'], ['7', '8', '9']] as const;

/** Edits an amount string; `decimals` is the currency exponent (0 hides the point key). */
export function AmountKeypad(props: {
  value: string;
  decimals: number;
  onChange(next: string): void;
}) {
  const { t } = useI18n();
  const { value, decimals } = props;
  const press = (key: string) => {
    if (key === 'back') return props.onChange(value.slice(0, -1));
    if (key === 'clear') return props.onChange('');
    if (key === '.') {
      if (decimals === 0 || value.includes('.')) return;
      return props.onChange(value === '' ? '0.' : `${value}.`);
    }
    const dot = value.indexOf('.');
    if (dot >= 0 && value.length - dot - 1 >= decimals) return;
    if (dot < 0 && value.replace(/^0+/, '').length >= 9) return;
    props.onChange(value === '0' ? key : `${value}${key}`);
  };
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.target instanceof HTMLInputElement) return;
      if (/^[0-9]$/.test(event.key)) press(event.key);
      else if (event.key === '.' || event.key === ',') press('.');
      else if (event.key === 'Backspace') press('back');
      else if (event.key === 'Escape') press('clear');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });
  const last = [decimals === 0 ? 'clear' : '.', '0', 'back'];
  return (
    <div className="keypad" role="group" aria-label={t('keypad')}>
      {[...digitRows, last].flat().map((key) => (
        <button
          key={key}
          type="button"
          className={`key key-${key === '.' ? 'dot' : key}`}
          aria-label={key === 'back' ? t('keyBack') : key === 'clear' ? t('keyClear') : key}
          onClick={() => press(key)}
        >
          {key === 'back' ? '⌫' : key === 'clear' ? 'C' : key}
        </button>
      ))}
    </div>
  );
}

/**
 * Six masked boxes over a digit pad. The digits live only in this component's state and are
 * handed to onComplete once; nothing is stored.
 */
export function PinPad(props: {
  label: string;
  onComplete(pin: string): void;
  disabled?: boolean;
}) {
  const { t } = useI18n();
  const [digits, setDigits] = useState('');
  const press = (key: string) => {
    if (props.disabled) return;
    if (key === 'back') return setDigits((d) => d.slice(0, -1));
    setDigits((d) => {
      if (d.length >= 6) return d;
      const next = `${d}${key}`;
      if (next.length === 6) {
        queueMicrotask(() => props.onComplete(next));
        return '';
      }
      return next;
    });
  };
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (/^[0-9]$/.test(event.key)) press(event.key);
      else if (event.key === 'Backspace') press('back');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });
  return (
    <div className="pinpad">
      <p className="pin-label" id="pin-label">{props.label}</p>
      <div
        className="pin-boxes"
        role="img"
        aria-labelledby="pin-label"
        aria-describedby="pin-count"
      >
        {Array.from({ length: 6 }, (_, i) => (
          <span key={i} className={`pin-box${i < digits.length ? ' filled' : ''}`} />
        ))}
      </div>
      <p id="pin-count" className="sr-only" aria-live="polite">
        {t('pinCount', { n: digits.length })}
      </p>
      <div className="keypad" role="group" aria-label={t('keypad')}>
        {[...digitRows, ['', '0', 'back']].flat().map((key, i) =>
          key === '' ? (
            <span key={`blank-${i}`} />
          ) : (
            <button
              key={key}
              type="button"
              className="key"
              disabled={props.disabled}
              aria-label={key === 'back' ? t('keyBack') : key}
              onClick={() => press(key)}
            >
              {key === 'back' ? '⌫' : key}
            </button>
          ),
        )}
      </div>
    </div>
  );
}

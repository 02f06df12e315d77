/**
 * zh-CN and English. The language comes from the saved choice, else from navigator.language;
 * the switcher saves the choice per app on this device.
 */
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

export type Lang = 'zh-CN' | 'en';
export type Dict = Record<string, string>;
export type Messages = Record<Lang, Dict>;

const storageKey = 'qrpay.lang';

export function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(storageKey);
    if (saved === 'zh-CN' || saved === 'en') return saved;
  } catch {
    // storage blocked: fall through to the browser language
  }
  const preferred = typeof navigator === 'undefined' ? 'en' : navigator.language;
  return preferred.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  /** The text for `key` with {name} placeholders filled. */
  t(key: string, vars?: Record<string, string | number>): string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider(props: { messages: Messages; children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      localStorage.setItem(storageKey, next);
    } catch {
      // not remembered, still switched
    }
  }, []);
  const value = useMemo<I18n>(() => {
    document.documentElement.lang = lang;
    const dict = props.messages[lang];
    const fallback = props.messages.en;
    return {
      lang,
      setLang,
      t(key, vars) {
        const text = dict[key] ?? fallback[key] ?? key;
        if (!vars) return text;
        return text.replace(/\{(\w+)\}/g, (all, name: string) => String(vars[name] ?? all));
      },
    };
  }, [lang, props.messages, setLang]);
  return <I18nContext.Provider value={value}>{props.children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}

export function LanguageSwitch() {
  const { lang, setLang } = useI18n();
  const next: Lang = lang === 'en' ? 'zh-CN' : 'en';
  return (
    <button
      type="button"
      className="lang-switch"
      lang={next}
      aria-label={next === 'en' ? 'Switch to English' : '切换到中文'}
      onClick={() => setLang(next)}
    >
      {next === 'en' ? 'EN' : '中文'}
    </button>
  );
}

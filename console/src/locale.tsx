import { createContext } from 'preact';
import { useCallback, useContext, useMemo, useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import { TEXT, type TextKey } from './text';
import type { Locale } from './locale-tag';

export type { Locale } from './locale-tag';

const STORAGE_KEY = 'tiaojie.locale';

function initialLocale(): Locale {
  const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
  return saved === 'en' || saved === 'zh-CN' ? saved : 'zh-CN';
}

/** Fills `{name}` slots; a missing value leaves the slot visible so the gap is noticed. */
export function fill(template: string, values: Readonly<Record<string, string | number>> = {}): string {
  return template.replace(/\{(\w+)\}/g, (slot, name: string) => (name in values ? String(values[name]) : slot));
}

export interface LocaleState {
  readonly locale: Locale;
  readonly setLocale: (l: Locale) => void;
  /** The console's own words in the current language. */
  readonly t: (key: TextKey, values?: Readonly<Record<string, string | number>>) => string;
  /** A domain label `{zh, en}` in the current language. */
  readonly label: (l: { readonly zh: string; readonly en: string } | undefined, fallback?: string) => string;
}

const LocaleContext = createContext<LocaleState | undefined>(undefined);

export function LocaleProvider({ children }: { readonly children: ComponentChildren }) {
  const [locale, setState] = useState<Locale>(initialLocale);
  const setLocale = useCallback((l: Locale) => {
    globalThis.localStorage?.setItem(STORAGE_KEY, l);
    document.documentElement.lang = l;
    setState(l);
  }, []);
  const value = useMemo<LocaleState>(
    () => ({
      locale,
      setLocale,
      t: (key, values) => fill(TEXT[key][locale], values),
      label: (l, fallback = '') => (l ? (locale === 'en' ? l.en : l.zh) : fallback),
    }),
    [locale, setLocale],
  );
  return <LocaleContext.Provider value={value}>{children}</LocaleContext.Provider>;
}

export function useLocale(): LocaleState {
  const state = useContext(LocaleContext);
  if (!state) throw new Error('useLocale outside LocaleProvider');
  return state;
}

import { z } from 'zod';
import type { Label } from '../labels';

/**
 * The languages people read the service's sentences in. Chinese is the product's default: the
 * centre's dispatchers read Chinese; English is for partners and developers.
 */
export const LOCALES = ['zh-CN', 'en'] as const;
export const LocaleSchema = z.enum(LOCALES);
export type Locale = z.infer<typeof LocaleSchema>;

/** The language when a request names none. */
export const DEFAULT_LOCALE: Locale = 'zh-CN';

/** The supported locale a language tag (`en-GB`, `zh`, `zh-Hans-CN`) stands for, or undefined. */
export function localeOfTag(tag: string): Locale | undefined {
  const primary = tag.trim().toLowerCase().split('-')[0];
  if (primary === 'zh') return 'zh-CN';
  if (primary === 'en') return 'en';
  return undefined;
}

/**
 * The best supported locale of an `Accept-Language` header (RFC 9110 §12.5.4: tags with optional
 * `q` weights); the default when the header is absent or names nothing we speak.
 */
export function localeOfAcceptLanguage(header: string | undefined): Locale {
  if (!header) return DEFAULT_LOCALE;
  const ranked = header
    .split(',')
    .slice(0, 20) // a header is short; a long one is not worth reading to the end
    .map((part, order) => {
      const [tag = '', ...params] = part.split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { locale: localeOfTag(tag), q: q === undefined ? 1 : Number(q), order };
    })
    .filter((r) => r.locale !== undefined && r.q > 0)
    .sort((a, b) => b.q - a.q || a.order - b.order);
  return ranked[0]?.locale ?? DEFAULT_LOCALE;
}

/** A label's text in the locale. */
export function inLocale(label: Label, locale: Locale): string {
  return locale === 'en' ? label.en : label.zh;
}

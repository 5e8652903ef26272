import type { Request } from 'express';
import { z } from 'zod';
import { ValidationError } from '../../domain/errors';
import { localeOfAcceptLanguage, localeOfTag, type Locale } from '../../domain/i18n/locale';

/** The `?lang=` query parameter, for routes that declare their query (OpenAPI). */
export const LangQuery = z.object({
  lang: z
    .string()
    .max(35)
    .optional()
    .meta({ description: 'Language of the sentences and names: `zh-CN` (default) or `en`; wins over `Accept-Language`' }),
});

/**
 * The language of a reply: `?lang=` wins, then `Accept-Language`, then zh-CN (the product's
 * default). A `lang` we do not speak is a 400 naming it, not a silent fallback.
 */
export function requestLocale(req: Request): Locale {
  const lang: unknown = (req.query as Record<string, unknown>)['lang'];
  if (lang !== undefined) {
    const locale = typeof lang === 'string' && lang.length <= 35 ? localeOfTag(lang) : undefined;
    if (!locale) throw new ValidationError([{ field: 'query.lang', reason: 'expected zh-CN or en' }]);
    return locale;
  }
  return localeOfAcceptLanguage(req.get('accept-language'));
}

/** The console's languages. Apart from locale.tsx so pure modules (format.ts) type-check without JSX or the DOM. */
export type Locale = 'zh-CN' | 'en';

import { DEFAULT_LOCALE, localeOfAcceptLanguage, localeOfTag } from '../../../src/domain/i18n/locale';
import { figure, km, percent } from '../../../src/domain/i18n/numbers';
import { format, MESSAGES } from '../../../src/domain/i18n/catalogue';

describe('the language of a reply', () => {
  test('when no Accept-Language is sent, then it is Chinese (the product default)', () => {
    expect(DEFAULT_LOCALE).toBe('zh-CN');
    expect(localeOfAcceptLanguage(undefined)).toBe('zh-CN');
    expect(localeOfAcceptLanguage('')).toBe('zh-CN');
  });

  test.each([
    ['en', 'en'],
    ['en-US,en;q=0.9', 'en'],
    ['fr-FR, en;q=0.5', 'en'],
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh-CN'],
    ['en;q=0.2, zh-Hans;q=0.8', 'zh-CN'],
    ['fr, de', 'zh-CN'],
    ['en;q=0', 'zh-CN'],
  ])('when Accept-Language is %p, then the locale is %s', (header, want) => {
    expect(localeOfAcceptLanguage(header)).toBe(want);
  });

  test('when a tag names a language we do not speak, then it has no locale', () => {
    expect(localeOfTag('en-GB')).toBe('en');
    expect(localeOfTag('ZH')).toBe('zh-CN');
    expect(localeOfTag('fr')).toBeUndefined();
  });
});

describe('figures in words', () => {
  test('when a figure has float noise, then it reads with at most 2 decimals, km with 1, probabilities as percent', () => {
    expect(figure(0.9199999999999999)).toBe('0.92');
    expect(figure(1.005e-9)).toBe('0');
    expect(figure(-0.001)).toBe('0');
    expect(figure(12.5)).toBe('12.5');
    expect(km(3.2449)).toBe('3.2');
    expect(km(25)).toBe('25.0');
    expect(percent(0.8349)).toBe('83%');
  });
});

describe('the catalogue', () => {
  test('when any message is formatted in either language, then every slot it has is filled and both languages have the same slots', () => {
    for (const [key, byLocale] of Object.entries(MESSAGES)) {
      const slots = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect([key, slots(byLocale['zh-CN'])]).toEqual([key, slots(byLocale.en)]);
    }
    expect(format('distanceOnly', 'en', { km: '3.2' })).toBe('3.2 km away');
    expect(format('distanceOnly', 'zh-CN', { km: '3.2' })).toBe('距离3.2公里');
    expect(format('distanceOnly', 'en')).toBe('{km} km away');
  });
});
